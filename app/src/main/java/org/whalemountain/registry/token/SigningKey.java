package org.whalemountain.registry.token;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The key that signs registry tokens and its self-signed certificate, which the registry
 * trusts through its {@code rootcertbundle}.
 *
 * @param privateKey an RSA key of at least 2048 bits
 * @param certificate the certificate of its public key
 */
public record SigningKey(PrivateKey privateKey, X509Certificate certificate) {

	public SigningKey {
		if (!(privateKey instanceof RSAPrivateKey rsa)
				|| !(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
			throw new IllegalArgumentException("Registry tokens are signed with RSA (RS256)");
		}
		if (!rsa.getModulus().equals(publicKey.getModulus())) {
			throw new IllegalArgumentException("The certificate is not for this private key");
		}
	}

	public PublicKey publicKey() {
		return this.certificate.getPublicKey();
	}

	/** The key id in libtrust form, as Distribution computes it for trusted keys. */
	public String keyId() {
		return LibtrustKeyId.of(publicKey());
	}

	/** Base64 (not URL-safe) of the certificate's DER, for the JWT's {@code x5c}. */
	public String certificateBase64() {
		try {
			return Base64.getEncoder().encodeToString(this.certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("The signing certificate cannot be encoded", ex);
		}
	}

	@Override
	public String toString() {
		return "SigningKey[" + keyId() + "]";
	}

}
