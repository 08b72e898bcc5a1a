-- The image catalogue: one row per tag in the registry, kept in step by the registry's
-- ImageTagPushed / ImageTagRemoved events. The description and the sharing belong to the
-- catalogue and survive re-pushes of the same tag. (V4 belongs to the registry sync.)
CREATE TABLE images (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    owner       VARCHAR(64)  NOT NULL,
    repository  VARCHAR(255) NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    digest      VARCHAR(150) NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    pushed_at   DATETIME(6)  NOT NULL,
    config      MEDIUMTEXT   NOT NULL,
    description TEXT         NOT NULL,
    visibility  VARCHAR(16)  NOT NULL,
    group_name  VARCHAR(255),
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    UNIQUE KEY images_by_tag (repository, tag),
    INDEX images_by_owner (owner),
    INDEX images_by_visibility (visibility, group_name),
    -- the service checks these too; the database keeps a bad row from ever being stored
    CONSTRAINT images_visibility CHECK (visibility IN ('PRIVATE', 'PUBLIC', 'GROUP')),
    CONSTRAINT images_group_only_with_group CHECK ((visibility = 'GROUP') = (group_name IS NOT NULL)),
    CONSTRAINT images_owner FOREIGN KEY (owner) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
