package org.whalemountain.registry.token;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Builds the signed JWT that Distribution's {@code auth.token} accepts: RS256, header
 * {@code typ: JWT}, the signing certificate in {@code x5c} (which the registry checks
 * against its {@code rootcertbundle}) and the libtrust {@code kid} (which it uses when a
 * client strips {@code x5c}). A pure function: the same claims and key give the same
 * token.
 */
public final class RegistryJwt {

	private RegistryJwt() {
	}

	public static String sign(TokenClaims claims, SigningKey key) {
		return sign(claims, key, true);
	}

	/**
	 * @param withCertificate whether the header carries {@code x5c}; without it the
	 * registry finds the key by its {@code kid} among its {@code rootcertbundle}, which
	 * spares it parsing and verifying a certificate chain at every request, and the token
	 * is a kilobyte shorter
	 */
	public static String sign(TokenClaims claims, SigningKey key, boolean withCertificate) {
		JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(key.keyId());
		if (withCertificate) {
			builder.x509CertChain(List.of(new Base64(key.certificateBase64())));
		}
		JWSHeader header = builder.build();
		JWTClaimsSet body = new JWTClaimsSet.Builder().issuer(claims.issuer())
			.subject(claims.subject())
			.audience(claims.audience())
			.expirationTime(Date.from(claims.expiresAt()))
			.notBeforeTime(Date.from(claims.issuedAt()))
			.issueTime(Date.from(claims.issuedAt()))
			.jwtID(claims.jwtId())
			.claim("access", claims.access().stream().map(RegistryJwt::accessEntry).toList())
			.build();
		SignedJWT jwt = new SignedJWT(header, body);
		try {
			jwt.sign(new RSASSASigner(key.privateKey()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a registry token", ex);
		}
		return jwt.serialize();
	}

	private static Map<String, Object> accessEntry(Access access) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("type", access.type());
		entry.put("name", access.name());
		entry.put("actions", access.actions());
		return entry;
	}

}
