package org.whalemountain.platform.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.platform.ConditionalOnMissingProperty;
import org.whalemountain.platform.PlatformProperties;

/**
 * With no {@code spring.datasource.url}, the service brings its own MariaDB so that the
 * demo runs with one command. Production sets the datasource and this never loads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingProperty("spring.datasource.url")
class EmbeddedDatabaseConfiguration {

	// destroyed after the DataSource and every bean using it, which all depend on it: the
	// database stops last
	@Bean(destroyMethod = "close")
	EmbeddedMariaDb embeddedMariaDb(PlatformProperties properties) {
		return EmbeddedMariaDb.start(properties.dataDir().resolve("mariadb"), properties.embeddedDatabase().port(),
				properties.embeddedDatabase().databaseName());
	}

	@Bean
	DataSource dataSource(EmbeddedMariaDb database) {
		return DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(database.jdbcUrl())
			.username(database.username())
			.build();
	}

}
