package org.whalemountain.registry.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyFilesTests {

	private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

	@TempDir
	Path dir;

	@Test
	void firstStartGeneratesAnRsa2048KeyAndASelfSignedCertificateAsPem() throws Exception {
		Path keyFile = this.dir.resolve("registry/token-key.pem");
		Path certificateFile = this.dir.resolve("registry/token-cert.pem");

		SigningKey key = SigningKeyFiles.loadOrCreate(keyFile, certificateFile, "whalemountain", NOW);

		assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		assertThat(Files.readString(certificateFile)).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(((RSAPublicKey) key.publicKey()).getModulus().bitLength()).isEqualTo(2048);
		assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=whalemountain");
		assertThat(key.certificate().getIssuerX500Principal()).isEqualTo(key.certificate().getSubjectX500Principal());
		key.certificate().verify(key.publicKey());
		key.certificate().checkValidity(java.util.Date.from(NOW));
		key.certificate()
			.checkValidity(java.util.Date.from(NOW.plus(SigningKeyFiles.CERTIFICATE_VALIDITY).minusSeconds(1)));
		assertThat(this.dir.resolve("registry")).isDirectoryNotContaining("glob:**/.tmp-*");
	}

	@Test
	void laterStartsLoadTheSameKeyAndCertificate() throws Exception {
		Path keyFile = this.dir.resolve("key.pem");
		Path certificateFile = this.dir.resolve("cert.pem");
		SigningKey first = SigningKeyFiles.loadOrCreate(keyFile, certificateFile, "whalemountain", NOW);
		String certificatePem = Files.readString(certificateFile);

		SigningKey again = SigningKeyFiles.loadOrCreate(keyFile, certificateFile, "whalemountain",
				NOW.plusSeconds(86400));

		assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
		assertThat(again.certificate()).isEqualTo(first.certificate());
		assertThat(again.keyId()).isEqualTo(first.keyId());
		assertThat(Files.readString(certificateFile)).isEqualTo(certificatePem);
	}

	@Test
	void aMissingCertificateIsMadeAgainForTheExistingKey() throws Exception {
		Path keyFile = this.dir.resolve("key.pem");
		Path certificateFile = this.dir.resolve("cert.pem");
		SigningKey first = SigningKeyFiles.loadOrCreate(keyFile, certificateFile, "whalemountain", NOW);
		Files.delete(certificateFile);

		SigningKey again = SigningKeyFiles.loadOrCreate(keyFile, certificateFile, "whalemountain", NOW);

		assertThat(again.keyId()).isEqualTo(first.keyId());
		assertThat(certificateFile).exists();
	}

	@Test
	void aCertificateOfAnotherKeyIsRefused() throws Exception {
		Path keyFile = this.dir.resolve("key.pem");
		SigningKeyFiles.loadOrCreate(keyFile, this.dir.resolve("cert.pem"), "whalemountain", NOW);
		Path otherCertificate = this.dir.resolve("other/cert.pem");
		SigningKeyFiles.loadOrCreate(this.dir.resolve("other/key.pem"), otherCertificate, "whalemountain", NOW);

		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeyFiles.loadOrCreate(keyFile, otherCertificate, "whalemountain", NOW))
			.withMessageContaining("not for this private key");
	}

	@Test
	void aFileWithoutAKeyIsRefusedWithItsName() throws Exception {
		Path keyFile = Files.writeString(this.dir.resolve("key.pem"), "not a key\n");

		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeyFiles.loadOrCreate(keyFile, this.dir.resolve("cert.pem"), "whalemountain", NOW))
			.withMessageContaining(keyFile.toString());
	}

}
