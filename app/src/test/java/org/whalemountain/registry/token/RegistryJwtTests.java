package org.whalemountain.registry.token;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryJwtTests {

	private static final Instant NOW = Instant.parse("2026-11-22T01:02:03Z");

	private final SigningKey key = TestKeys.signingKey();

	private final TokenClaims claims = new TokenClaims("whalemountain", "alice", "whalemountain-registry", NOW,
			NOW.plusSeconds(300), "jti-1", List.of(Access.repository("alice/app", "pull", "push")));

	@Test
	void signedWithRs256ByTheKeyOfTheCertificate() throws Exception {
		SignedJWT jwt = SignedJWT.parse(RegistryJwt.sign(this.claims, this.key));

		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) this.key.certificate().getPublicKey()))).isTrue();
	}

	@Test
	void headerCarriesTypeCertificateAndLibtrustKeyId() throws Exception {
		SignedJWT jwt = SignedJWT.parse(RegistryJwt.sign(this.claims, this.key));

		assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(LibtrustKeyId.of(this.key.publicKey()))
			.matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
		assertThat(jwt.getHeader().getX509CertChain()).hasSize(1);
		assertThat(jwt.getHeader().getX509CertChain().get(0).decode()).isEqualTo(this.key.certificate().getEncoded());
		// standard (not URL-safe) base64, as RFC 7515 wants for x5c
		assertThat(jwt.getHeader().toJSONObject().get("x5c").toString()).doesNotContain("-").doesNotContain("_");
	}

	@Test
	void withoutTheCertificateTheHeaderNamesTheKeyByItsIdAlone() throws Exception {
		SignedJWT jwt = SignedJWT.parse(RegistryJwt.sign(this.claims, this.key, false));

		assertThat(jwt.getHeader().getKeyID()).isEqualTo(LibtrustKeyId.of(this.key.publicKey()));
		assertThat(jwt.getHeader().getX509CertChain()).isNull();
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) this.key.certificate().getPublicKey()))).isTrue();
	}

	@Test
	void claimsAreThoseDistributionChecks() throws Exception {
		Map<String, Object> payload = SignedJWT.parse(RegistryJwt.sign(this.claims, this.key))
			.getPayload()
			.toJSONObject();

		assertThat(payload).containsEntry("iss", "whalemountain")
			.containsEntry("sub", "alice")
			.containsEntry("aud", "whalemountain-registry")
			.containsEntry("iat", NOW.getEpochSecond())
			.containsEntry("nbf", NOW.getEpochSecond())
			.containsEntry("exp", NOW.getEpochSecond() + 300)
			.containsEntry("jti", "jti-1");
		assertThat(payload.get("access"))
			.isEqualTo(List.of(Map.of("type", "repository", "name", "alice/app", "actions", List.of("pull", "push"))));
	}

	@Test
	void aLoginTokenHasAnEmptyAccessList() throws Exception {
		TokenClaims login = new TokenClaims("whalemountain", "alice", "whalemountain-registry", NOW,
				NOW.plusSeconds(300), "jti-2", List.of());

		Map<String, Object> payload = SignedJWT.parse(RegistryJwt.sign(login, this.key)).getPayload().toJSONObject();

		assertThat(payload).containsEntry("access", List.of());
	}

	@Test
	void sameClaimsAndKeyGiveTheSameToken() {
		assertThat(RegistryJwt.sign(this.claims, this.key)).isEqualTo(RegistryJwt.sign(this.claims, this.key));
	}

}
