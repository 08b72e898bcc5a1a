package org.whalemountain.platform.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.platform.PlatformProperties;

/**
 * The at-rest encryption key: {@code wm.encryption-key} (base64 of 32 bytes) when set,
 * otherwise {@code <data-dir>/encryption.key}, generated once with mode 0600. Losing it
 * makes every stored runner token unreadable, so it belongs in the backup.
 */
@Configuration(proxyBeanMethods = false)
class SecretBoxConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecretBoxConfiguration.class);

	@Bean
	SecretBox secretBox(PlatformProperties properties) throws IOException {
		if (!properties.encryptionKey().isBlank()) {
			return new SecretBox(Base64.getDecoder().decode(properties.encryptionKey().strip()));
		}
		return new SecretBox(keyFile(properties.dataDir().resolve("encryption.key")));
	}

	static byte[] keyFile(Path file) throws IOException {
		if (Files.exists(file)) {
			return Base64.getDecoder().decode(Files.readString(file).strip());
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Path created = Files.createFile(file,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(created, Base64.getEncoder().encodeToString(key) + "\n");
		log.info("Generated a new encryption key in {}; keep it with the database backup", file);
		return key;
	}

}
