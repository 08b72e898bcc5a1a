package org.whalemountain.registry.token;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.platform.PlatformProperties;
import org.whalemountain.registry.RegistryProperties;

/** The token signing key, loaded from (or generated into) its PEM files at start. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

	private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

	@Bean
	SigningKey registrySigningKey(RegistryProperties properties, PlatformProperties platform, Clock clock)
			throws IOException {
		Path keyFile = properties.token().keyFile(platform.dataDir());
		Path certificateFile = properties.token().certificateFile(platform.dataDir());
		Instant now = clock.instant();
		SigningKey key = SigningKeyFiles.loadOrCreate(keyFile, certificateFile, properties.token().issuer(), now);
		log.info("Registry tokens are signed by key {}; the registry's rootcertbundle must be {}", key.keyId(),
				certificateFile.toAbsolutePath());
		Instant notAfter = key.certificate().getNotAfter().toInstant();
		if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
			log.warn(
					"The registry token certificate {} expires at {}; the registry refuses tokens after that. "
							+ "Delete it to have a new one made at the next start, then restart the registry.",
					certificateFile, notAfter);
		}
		return key;
	}

}
