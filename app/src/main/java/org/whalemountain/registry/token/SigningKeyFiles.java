package org.whalemountain.registry.token;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keeps the token signing key in two PEM files: the private key (PKCS#8, mode 0600) and a
 * self-signed X.509 certificate that the registry's {@code rootcertbundle} points at. The
 * first start generates both (RSA 2048); later starts load them. A lock file serialises
 * processes that share the directory, so that no two of them write a mismatched pair.
 */
public final class SigningKeyFiles {

	static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);

	/** Covers clocks of the registry host that run behind this one. */
	static final Duration BACKDATING = Duration.ofDays(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private SigningKeyFiles() {
	}

	/**
	 * Loads the pair, or generates whatever is missing: a new key with a new certificate
	 * when the key file is missing, a new certificate for the existing key when only the
	 * certificate is missing.
	 * @param commonName the certificate's subject and issuer CN
	 * @param now the start of the new certificate's validity (less a day)
	 * @throws IOException if the files cannot be read or written
	 * @throws IllegalStateException if they hold no RSA key, no certificate, or a
	 * certificate for another key
	 */
	public static SigningKey loadOrCreate(Path keyFile, Path certificateFile, String commonName, Instant now)
			throws IOException {
		Path directory = keyFile.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Files.createDirectories(certificateFile.toAbsolutePath().getParent());
		try (FileChannel channel = FileChannel.open(directory.resolve(".token-key.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			PrivateKey key;
			X509Certificate certificate;
			if (Files.exists(keyFile)) {
				key = PemFiles.readPrivateKey(keyFile);
				certificate = Files.exists(certificateFile) ? PemFiles.readCertificate(certificateFile) : null;
			}
			else {
				KeyPair pair = generateKeyPair();
				PemFiles.writeAtomically(keyFile, PemFiles.pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
				key = pair.getPrivate();
				certificate = null;
			}
			if (certificate == null) {
				certificate = selfSign(key, publicKeyOf(key), commonName, now);
				PemFiles.writeAtomically(certificateFile, PemFiles.pem(certificate), false);
			}
			try {
				return new SigningKey(key, certificate);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(ex.getMessage() + ": " + keyFile + ", " + certificateFile, ex);
			}
		}
	}

	static KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has RSA", ex);
		}
	}

	static X509Certificate selfSign(PrivateKey key, PublicKey publicKey, String commonName, Instant now) {
		X500Name name = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;#]", "_"));
		try {
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(now.minus(BACKDATING)),
					Date.from(now.plus(CERTIFICATE_VALIDITY)), name, publicKey);
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
			X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key));
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Could not create the token signing certificate", ex);
		}
	}

	private static PublicKey publicKeyOf(PrivateKey key) {
		if (key instanceof RSAPrivateCrtKey crt) {
			try {
				return KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Every JVM has RSA", ex);
			}
		}
		throw new IllegalStateException("The token signing key is not an RSA key with its public exponent");
	}

}
