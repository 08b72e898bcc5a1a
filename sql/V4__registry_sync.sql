-- The registry as the last sync saw it: one row per tag. A sync compares each tag's
-- current digest (one HEAD) with this row and fetches manifest and config only when they
-- differ, so that an unchanged registry costs one request per tag.
CREATE TABLE registry_tags (
    repository   VARCHAR(255)  NOT NULL,
    tag          VARCHAR(128)  NOT NULL,
    owner        VARCHAR(64)   NOT NULL,
    -- what the tag points at: an image manifest, or an index / manifest list
    digest       VARCHAR(135)  NOT NULL,
    -- the linux/amd64 image manifest (equal to digest unless the tag is an index);
    -- NULL, like size and created, while the tag is unsupported
    image_digest VARCHAR(135),
    size_bytes   BIGINT,
    created_at   DATETIME(6),
    -- why the catalogue does not have this tag (schema 1, no linux/amd64, …); remembered
    -- so that an unchanged unsupported tag is not fetched again at every sync
    unsupported  VARCHAR(500),
    -- when a sync last wrote the row, i.e. first saw this digest
    synced_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (repository, tag),
    INDEX registry_tags_by_digest (repository, digest),
    INDEX registry_tags_by_image_digest (repository, image_digest)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every sync: what asked for it, how it went. `scope_repositories` is empty for a full
-- sync and lists the repositories of a targeted one (a registry notification).
CREATE TABLE registry_sync_runs (
    id                 CHAR(36)      NOT NULL PRIMARY KEY,
    trigger_name       VARCHAR(16)   NOT NULL,
    requested_by       VARCHAR(64),
    scope_repositories TEXT,
    status             VARCHAR(16)   NOT NULL,
    requested_at       DATETIME(6)   NOT NULL,
    started_at         DATETIME(6),
    finished_at        DATETIME(6),
    repositories       INT           NOT NULL DEFAULT 0,
    tags_added         INT           NOT NULL DEFAULT 0,
    tags_changed       INT           NOT NULL DEFAULT 0,
    tags_removed       INT           NOT NULL DEFAULT 0,
    skipped            MEDIUMTEXT,
    error              VARCHAR(2000),
    INDEX registry_sync_runs_by_time (requested_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- ShedLock's table (JdbcTemplateLockProvider, database time): one row per lock name, so
-- that only one replica syncs at a time and only one starts the scheduled sync per interval.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by  VARCHAR(255) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- ImageTagPushed carries the image's ENV, ENTRYPOINT, CMD and LABELs: an image with many
-- labels serialises beyond Modulith's default 4,000 characters, and the insert would fail
-- the sync's transaction for that repository at every run.
ALTER TABLE EVENT_PUBLICATION MODIFY SERIALIZED_EVENT MEDIUMTEXT NOT NULL;
ALTER TABLE EVENT_PUBLICATION_ARCHIVE MODIFY SERIALIZED_EVENT MEDIUMTEXT NOT NULL;
