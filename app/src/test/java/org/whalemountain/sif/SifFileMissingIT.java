package org.whalemountain.sif;

import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * A build recorded as READY whose file is not in the store (a database restored without
 * the store, a replica with a store of its own): downloads answer
 * {@code 404 sif-not-ready} and say what to do, and only to those who may see the image.
 */
@ServiceTest
class SifFileMissingIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	@LocalServerPort
	int port;

	@Autowired
	SifStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	Http http;

	String digest;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		assertThat(this.http.get("/api/v1/me", ALICE).status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/me", BOB).status()).isEqualTo(200);
	}

	@AfterEach
	void cleanUp() {
		this.jdbc.sql("DELETE FROM sif_builds WHERE digest = ?").param(this.digest).update();
	}

	@Test
	void aReadyBuildWithoutItsFileIsNotReadyWithAHint() throws Exception {
		this.digest = RegistryEvents.randomDigest();
		// READY before the push arrives, so that the push queues nothing
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, status, progress, size_bytes, sha256, attempts, queued_at,
				    started_at, finished_at)
				VALUES (?, 'alice/restored', 'READY', 100, 4096, ?, 1, ?, ?, ?)""")
			.params(this.digest, "0".repeat(64), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()),
					Timestamp.from(Instant.now()))
			.update();
		long id = new RegistryEvents(this.events, this.transaction, this.jdbc).push(RegistryEvents.repository("alice"),
				"1", this.digest);
		assertThat(Files.exists(this.store.file(this.digest))).isFalse();

		Http.Response missing = this.http.getAnything("/api/v1/images/" + id + "/sif", ALICE);

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.json().get("type").asString()).isEqualTo("/problems/sif-not-ready");
		assertThat(missing.json().get("detail").asString()).contains("missing from the store").contains("rebuild");
		Http.Response hidden = this.http.getAnything("/api/v1/images/" + id + "/sif", BOB);
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.json().get("type").asString()).isEqualTo("/problems/image-not-found");
	}

}
