package org.whalemountain.registry.token;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * The PEM side of {@link SigningKeyFiles}: reads an unencrypted private key or a
 * certificate, encodes either, and writes a file whole.
 */
final class PemFiles {

	private PemFiles() {
	}

	static PrivateKey readPrivateKey(Path file) throws IOException {
		Object parsed = parse(file);
		JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
		if (parsed instanceof PrivateKeyInfo info) {
			return converter.getPrivateKey(info);
		}
		if (parsed instanceof PEMKeyPair pair) {
			return converter.getKeyPair(pair).getPrivate();
		}
		throw new IllegalStateException(file + " holds no unencrypted private key");
	}

	static X509Certificate readCertificate(Path file) throws IOException {
		if (parse(file) instanceof X509CertificateHolder holder) {
			try {
				return new JcaX509CertificateConverter().getCertificate(holder);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(file + " holds an unreadable certificate", ex);
			}
		}
		throw new IllegalStateException(file + " holds no PEM certificate");
	}

	private static Object parse(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			return parser.readObject();
		}
	}

	static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			if (object instanceof PemObjectGenerator generator) {
				writer.writeObject(generator);
			}
			else {
				writer.writeObject(object);
			}
		}
		return out.toString();
	}

	/** Writes beside the target first, so that a reader never sees half a file. */
	static void writeAtomically(Path file, String content, boolean secret) throws IOException {
		Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".pem", PosixFilePermissions
			.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
		try {
			Files.writeString(temporary, content);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
