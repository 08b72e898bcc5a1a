package org.whalemountain.registry.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.springframework.stereotype.Component;
import org.whalemountain.registry.RegistryProperties;

/**
 * Signs registry tokens with the configured issuer, audience and lifetime. Decides
 * nothing about access: callers pass what was already granted.
 */
@Component
public class TokenMinter {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SigningKey key;

	private final RegistryProperties.Token settings;

	private final Clock clock;

	TokenMinter(SigningKey key, RegistryProperties properties, Clock clock) {
		this.key = key;
		this.settings = properties.token();
		this.clock = clock;
	}

	/** A token for {@code subject} that grants exactly {@code access}. */
	IssuedToken mint(String subject, List<Access> access) {
		return mint(subject, access, true);
	}

	private IssuedToken mint(String subject, List<Access> access, boolean withCertificate) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		TokenClaims claims = new TokenClaims(this.settings.issuer(), subject, this.settings.service(), now,
				now.plus(this.settings.lifetime()), newJwtId(), access);
		return new IssuedToken(RegistryJwt.sign(claims, this.key, withCertificate), now, this.settings.lifetime());
	}

	/**
	 * A token for the service's own calls to the registry (listing the catalogue, reading
	 * manifests, deleting tags): any access, including {@code registry:catalog:*}, which
	 * no user ever gets. Its subject is the issuer's name. Never hand it to a user.
	 */
	public String forService(List<Access> access) {
		return serviceToken(access).token();
	}

	/**
	 * Like {@link #forService}, with the token's lifetime, for clients that cache it. The
	 * registry finds the key by the token's {@code kid} alone: a sync sends thousands of
	 * requests, and without {@code x5c} the registry checks no certificate chain for
	 * each. Users' tokens keep {@code x5c} for registries that need it.
	 */
	public IssuedToken serviceToken(List<Access> access) {
		return mint(this.settings.issuer(), access, false);
	}

	private static String newJwtId() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
