package org.whalemountain.registry.token;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.whalemountain.registry.RegistryProperties;

import static org.assertj.core.api.Assertions.assertThat;

class TokenMinterTests {

	private static final Instant NOW = Instant.parse("2026-11-22T01:02:03.456Z");

	private final SigningKey key = TestKeys.signingKey();

	private final RegistryProperties properties = new RegistryProperties(URI.create("http://127.0.0.1:5000"),
			"127.0.0.1:5000",
			new RegistryProperties.Token("dept-registry", "dept-tokens", Duration.ofMinutes(5), "", ""),
			Duration.ofMinutes(5), 16, Duration.ofSeconds(10), new RegistryProperties.Notifications(""), "");

	private final TokenMinter minter = new TokenMinter(this.key, this.properties, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void userTokenCarriesTheConfiguredIssuerAudienceAndLifetime() throws Exception {
		IssuedToken issued = this.minter.mint("alice", List.of(Access.repository("alice/app", "pull")));

		SignedJWT jwt = SignedJWT.parse(issued.token());
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) this.key.publicKey()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("dept-tokens");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("dept-registry");
		assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-11-22T01:02:03Z"));
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(Instant.parse("2026-11-22T01:07:03Z"));
		assertThat(issued.issuedAt()).isEqualTo(Instant.parse("2026-11-22T01:02:03Z"));
		assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void everyTokenHasItsOwnId() throws Exception {
		String first = SignedJWT.parse(this.minter.mint("alice", List.of()).token()).getJWTClaimsSet().getJWTID();
		String second = SignedJWT.parse(this.minter.mint("alice", List.of()).token()).getJWTClaimsSet().getJWTID();

		assertThat(first).isNotBlank().isNotEqualTo(second);
	}

	@Test
	void serviceTokenGrantsWhatTheServiceAsksIncludingTheCatalog() throws Exception {
		String token = this.minter.forService(List.of(new Access("registry", "catalog", List.of("*")),
				Access.repository("bob/app", "pull", "delete")));

		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) this.key.publicKey()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("dept-tokens");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("dept-registry");
		assertThat(jwt.getPayload().toJSONObject().get("access"))
			.isEqualTo(List.of(Map.of("type", "registry", "name", "catalog", "actions", List.of("*")),
					Map.of("type", "repository", "name", "bob/app", "actions", List.of("pull", "delete"))));
	}

	@Test
	void serviceTokensNameTheKeyByIdOnlyWhileUsersTokensCarryTheCertificate() throws Exception {
		IssuedToken service = this.minter.serviceToken(List.of(Access.repository("bob/app", "pull")));
		IssuedToken user = this.minter.mint("alice", List.of(Access.repository("alice/app", "pull")));

		assertThat(SignedJWT.parse(service.token()).getHeader().getX509CertChain()).isNull();
		assertThat(SignedJWT.parse(service.token()).getHeader().getKeyID()).isEqualTo(this.key.keyId());
		assertThat(SignedJWT.parse(user.token()).getHeader().getX509CertChain()).hasSize(1);
		assertThat(service.issuedAt().plus(service.expiresIn()))
			.isEqualTo(NOW.plusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

}
