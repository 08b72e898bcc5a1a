package org.whalemountain.registry.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code registry_tags} table: the registry's tags as the last sync saw them, which
 * is what makes a sync incremental.
 */
@Repository
class RegistryTags {

	private static final String COLUMNS = "repository, tag, owner, digest, image_digest, unsupported";

	private final JdbcClient jdbc;

	RegistryTags(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every stored tag by repository, then by tag. */
	Map<String, Map<String, StoredTag>> all() {
		return group(this.jdbc.sql("SELECT " + COLUMNS + " FROM registry_tags").query(RegistryTags::row).list());
	}

	/** The stored tags of these repositories, by repository, then by tag. */
	Map<String, Map<String, StoredTag>> of(Collection<String> repositories) {
		if (repositories.isEmpty()) {
			return new HashMap<>();
		}
		return group(this.jdbc.sql("SELECT " + COLUMNS + " FROM registry_tags WHERE repository IN (:repositories)")
			.param("repositories", List.copyOf(repositories))
			.query(RegistryTags::row)
			.list());
	}

	/** The tags of the repository that point at this digest, directly or as its image. */
	List<StoredTag> pointingAt(String repository, String digest) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM registry_tags WHERE repository = :repository AND (digest = :digest OR image_digest = :digest)
				ORDER BY tag""")
			.param("repository", repository)
			.param("digest", digest)
			.query(RegistryTags::row)
			.list();
	}

	/** Stores a supported image for the tag. Call inside a transaction. */
	void putImage(TagImage image, Instant now) {
		delete(image.repository(), image.tag());
		this.jdbc.sql("""
				INSERT INTO registry_tags (repository, tag, owner, digest, image_digest, size_bytes, created_at,
				    unsupported, synced_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)""")
			.params(image.repository(), image.tag(), image.owner(), image.digest(), image.imageDigest(),
					image.sizeBytes(), Timestamp.from(image.createdAt()), Timestamp.from(now))
			.update();
	}

	/**
	 * Remembers that the tag points at something the catalogue cannot take. Call inside a
	 * transaction.
	 */
	void putUnsupported(String repository, String tag, String owner, String digest, String reason, Instant now) {
		delete(repository, tag);
		this.jdbc.sql("""
				INSERT INTO registry_tags (repository, tag, owner, digest, unsupported, synced_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(repository, tag, owner, digest, shorten(reason), Timestamp.from(now))
			.update();
	}

	boolean delete(String repository, String tag) {
		return this.jdbc.sql("DELETE FROM registry_tags WHERE repository = ? AND tag = ?")
			.params(repository, tag)
			.update() > 0;
	}

	private static Map<String, Map<String, StoredTag>> group(List<StoredTag> tags) {
		Map<String, Map<String, StoredTag>> byRepository = new HashMap<>();
		for (StoredTag tag : tags) {
			byRepository.computeIfAbsent(tag.repository(), (name) -> new HashMap<>()).put(tag.tag(), tag);
		}
		return byRepository;
	}

	private static StoredTag row(ResultSet rs, int row) throws SQLException {
		return new StoredTag(rs.getString("repository"), rs.getString("tag"), rs.getString("owner"),
				rs.getString("digest"), rs.getString("image_digest"), rs.getString("unsupported"));
	}

	private static String shorten(String reason) {
		return (reason.length() <= 500) ? reason : reason.substring(0, 499) + "…";
	}

}
