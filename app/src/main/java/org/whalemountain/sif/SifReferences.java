package org.whalemountain.sif;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code sif_references}: which tags point at a digest now. They decide when a SIF may
 * go, and where a build reads its image from: any repository that still holds the digest
 * will do, since a digest names the same bytes everywhere.
 */
@Repository
class SifReferences {

	private final JdbcClient jdbc;

	SifReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void reference(String repository, String tag, String digest, Instant now) {
		unreference(repository, tag, now);
		this.jdbc.sql("""
				INSERT INTO sif_references (repository, tag, digest) VALUES (?, ?, ?)
				ON DUPLICATE KEY UPDATE digest = VALUES(digest)""").params(repository, tag, digest).update();
	}

	/** Drops the tag's reference and notes when its digest was last pointed at. */
	void unreference(String repository, String tag, Instant now) {
		this.jdbc.sql("""
				UPDATE sif_builds SET last_referenced_at = ?
				WHERE digest = (SELECT digest FROM sif_references WHERE repository = ? AND tag = ?)""")
			.params(java.sql.Timestamp.from(now), repository, tag)
			.update();
		this.jdbc.sql("DELETE FROM sif_references WHERE repository = ? AND tag = ?").params(repository, tag).update();
	}

	/**
	 * A repository a tag of the digest is in now, {@code preferred} if it is one of them;
	 * empty when no tag points at the digest any more.
	 */
	Optional<String> repositoryHolding(String digest, String preferred) {
		return this.jdbc.sql("""
				SELECT repository FROM sif_references WHERE digest = ?
				ORDER BY repository = ? DESC, repository LIMIT 1""")
			.params(digest, preferred)
			.query(String.class)
			.optional();
	}

}
