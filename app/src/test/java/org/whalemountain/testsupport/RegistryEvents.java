package org.whalemountain.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.events.ImageTagRemoved;

import static org.awaitility.Awaitility.await;

/**
 * Plays the registry sync: publishes its events in a transaction, as the sync does, and
 * waits until the catalogue has applied them.
 */
public final class RegistryEvents {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	public RegistryEvents(ApplicationEventPublisher events, TransactionTemplate transaction, JdbcClient jdbc) {
		this.events = events;
		this.transaction = transaction;
		this.jdbc = jdbc;
	}

	/** A repository name of the owner's that no other test uses. */
	public static String repository(String owner) {
		return owner + "/it-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static String randomDigest() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return "sha256:" + HexFormat.of().formatHex(bytes);
	}

	/**
	 * Publishes the push and waits until the catalogue has the tag at that digest.
	 * @return the tag's catalogue id
	 */
	public long push(String repository, String tag, String digest) {
		String owner = repository.substring(0, repository.indexOf('/'));
		ImageConfig config = new ImageConfig(List.of("PATH=/bin"), List.of(), List.of("/bin/sh"), "/", "",
				Map.of("org.opencontainers.image.title", tag), "amd64", "linux");
		ImageTagPushed pushed = new ImageTagPushed(owner, repository, tag, digest, 2_345_678L,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), config);
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(pushed));
		await().atMost(WAIT).until(() -> digest.equals(digestOf(repository, tag)));
		return this.jdbc.sql("SELECT id FROM images WHERE repository = ? AND tag = ?")
			.params(repository, tag)
			.query(Long.class)
			.single();
	}

	/** Publishes the removal and waits until the catalogue has dropped the tag. */
	public void remove(String repository, String tag) {
		String owner = repository.substring(0, repository.indexOf('/'));
		this.transaction
			.executeWithoutResult((status) -> this.events.publishEvent(new ImageTagRemoved(owner, repository, tag)));
		await().atMost(WAIT).until(() -> digestOf(repository, tag) == null);
	}

	/**
	 * Publishes any registry event about the repository and waits until the catalogue's
	 * listener has handled it, for events that leave nothing new to wait for (a
	 * duplicate, an ignored push). Modulith records each publication before the commit
	 * and completes it when the listener returns.
	 */
	public void publish(Object event, String repository) {
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(event));
		await().atMost(WAIT)
			.until(() -> this.jdbc
				.sql("""
						SELECT COUNT(*) FROM EVENT_PUBLICATION
						WHERE LISTENER_ID LIKE '%CatalogueListener%' AND COMPLETION_DATE IS NULL AND SERIALIZED_EVENT LIKE ?""")
				.param("%\"" + repository + "\"%")
				.query(Long.class)
				.single() == 0);
	}

	private String digestOf(String repository, String tag) {
		return this.jdbc.sql("SELECT digest FROM images WHERE repository = ? AND tag = ?")
			.params(repository, tag)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
