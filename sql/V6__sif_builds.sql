-- One SIF per image digest: tags that share a digest share the file.
CREATE TABLE sif_builds (
    digest        VARCHAR(80)   NOT NULL PRIMARY KEY,
    repository    VARCHAR(255)  NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    progress      INT           NOT NULL DEFAULT 0,
    size_bytes    BIGINT,
    sha256        CHAR(64),
    message       VARCHAR(2048),
    log           MEDIUMTEXT,
    attempts      INT           NOT NULL DEFAULT 0,
    lease_until   DATETIME(6),
    queued_at     DATETIME(6)   NOT NULL,
    started_at    DATETIME(6),
    finished_at   DATETIME(6),
    INDEX sif_builds_by_status (status, queued_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which tags point at a digest, so that a SIF nobody references any more can go.
CREATE TABLE sif_references (
    repository    VARCHAR(255)  NOT NULL,
    tag           VARCHAR(128)  NOT NULL,
    digest        VARCHAR(80)   NOT NULL,
    PRIMARY KEY (repository, tag),
    INDEX sif_references_by_digest (digest)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
