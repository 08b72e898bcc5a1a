package org.whalemountain.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.events.ImageTagPushed;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code images} table. Reads return rows for the {@link VisibilityPolicy} to judge;
 * the queries narrow the rows down but never decide who sees what.
 */
@Repository
class ImageStore {

	private static final String ORDER = " ORDER BY repository, tag";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ImageStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Inserts the tag, or points it at the pushed image; description and sharing stay.
	 * Applying the same event twice leaves the same row.
	 */
	void upsert(ImageTagPushed pushed, Instant now) {
		this.jdbc.sql("""
				INSERT INTO images (owner, repository, tag, digest, size_bytes, pushed_at, config, description,
				  visibility, group_name, created_at, updated_at)
				VALUES (:owner, :repository, :tag, :digest, :size, :pushedAt, :config, '', 'PRIVATE', NULL, :now, :now)
				ON DUPLICATE KEY UPDATE digest = VALUES(digest), size_bytes = VALUES(size_bytes),
				  pushed_at = VALUES(pushed_at), config = VALUES(config), updated_at = VALUES(updated_at)""")
			.param("owner", pushed.owner())
			.param("repository", pushed.repository())
			.param("tag", pushed.tag())
			.param("digest", pushed.digest())
			.param("size", pushed.sizeBytes())
			.param("pushedAt", Timestamp.from(pushed.createdAt()))
			.param("config", this.json.writeValueAsString(pushed.config()))
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * @return whether there was such a tag
	 */
	boolean deleteTag(String repository, String tag) {
		return this.jdbc.sql("DELETE FROM images WHERE repository = ? AND tag = ?")
			.params(repository, tag)
			.update() > 0;
	}

	/** Removes every tag of the repository that points at the digest, and names them. */
	List<String> deleteDigest(String repository, String digest) {
		List<String> tags = this.jdbc
			.sql("SELECT tag FROM images WHERE repository = ? AND digest = ? ORDER BY tag FOR UPDATE")
			.params(repository, digest)
			.query(String.class)
			.list();
		this.jdbc.sql("DELETE FROM images WHERE repository = ? AND digest = ?").params(repository, digest).update();
		return tags;
	}

	Optional<CatalogueEntry> find(long id) {
		return this.jdbc.sql("SELECT * FROM images WHERE id = ?").param(id).query(this::entry).optional();
	}

	/**
	 * The row, locked until the transaction ends, so that two changes do not interleave.
	 */
	Optional<CatalogueEntry> findForUpdate(long id) {
		return this.jdbc.sql("SELECT * FROM images WHERE id = ? FOR UPDATE").param(id).query(this::entry).optional();
	}

	Optional<CatalogueEntry> findByTag(String repository, String tag) {
		return this.jdbc.sql("SELECT * FROM images WHERE repository = ? AND tag = ?")
			.params(repository, tag)
			.query(this::entry)
			.optional();
	}

	List<CatalogueEntry> findByDigest(String repository, String digest) {
		return this.jdbc.sql("SELECT * FROM images WHERE repository = ? AND digest = ?" + ORDER)
			.params(repository, digest)
			.query(this::entry)
			.list();
	}

	List<CatalogueEntry> inRepository(String repository) {
		return this.jdbc.sql("SELECT * FROM images WHERE repository = ?" + ORDER)
			.param(repository)
			.query(this::entry)
			.list();
	}

	List<CatalogueEntry> ownedBy(String owner) {
		return this.jdbc.sql("SELECT * FROM images WHERE owner = ?" + ORDER).param(owner).query(this::entry).list();
	}

	/** Every image of other users that is shared with anybody at all. */
	List<CatalogueEntry> sharedByOthers(String username) {
		return this.jdbc.sql("SELECT * FROM images WHERE owner <> ? AND visibility <> 'PRIVATE'" + ORDER)
			.param(username)
			.query(this::entry)
			.list();
	}

	void updateSharing(CatalogueEntry entry) {
		this.jdbc.sql("UPDATE images SET description = ?, visibility = ?, group_name = ?, updated_at = ? WHERE id = ?")
			.params(entry.description(), entry.visibility().name(), entry.group(), Timestamp.from(entry.updatedAt()),
					entry.id())
			.update();
	}

	private CatalogueEntry entry(ResultSet rs, int row) throws SQLException {
		return new CatalogueEntry(rs.getLong("id"), rs.getString("owner"), rs.getString("repository"),
				rs.getString("tag"), rs.getString("digest"), rs.getLong("size_bytes"),
				rs.getTimestamp("pushed_at").toInstant(),
				this.json.readValue(rs.getString("config"), ImageConfig.class), rs.getString("description"),
				Visibility.valueOf(rs.getString("visibility")), rs.getString("group_name"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
