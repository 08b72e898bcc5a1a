package org.whalemountain.platform;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by the whole service ({@code wm.*}).
 *
 * @param dataDir where the service keeps its files: the embedded database, keys, later
 * SIF files; created on start
 * @param embeddedDatabase the MariaDB started when no {@code spring.datasource.url} is
 * set
 */
@Validated
@ConfigurationProperties("wm")
public record PlatformProperties(@NotNull @DefaultValue("./data") Path dataDir,
		@Valid @DefaultValue EmbeddedDatabase embeddedDatabase, @DefaultValue("") String encryptionKey) {

	/**
	 * @param port TCP port of the embedded MariaDB on 127.0.0.1; 0 picks a free one
	 * @param databaseName the schema the service uses
	 */
	public record EmbeddedDatabase(@DefaultValue("0") int port,
			@NotNull @DefaultValue("whalemountain") String databaseName) {
	}

}
