-- One GitLab Runner per user. Secrets are sealed with the service's AES-256-GCM key
-- (bound to their purpose and owner), never stored in clear.
CREATE TABLE runners (
    username                   VARCHAR(64)   NOT NULL PRIMARY KEY,
    gitlab_url                 VARCHAR(512)  NOT NULL,
    project                    VARCHAR(255)  NOT NULL,
    gitlab_runner_id           BIGINT,
    created_by_service         BOOLEAN       NOT NULL,
    runner_token_sealed        VARCHAR(1024) NOT NULL,
    registry_credential_sealed VARCHAR(1024) NOT NULL,
    container_id               VARCHAR(128),
    message                    VARCHAR(1024),
    created_at                 DATETIME(6)   NOT NULL,
    updated_at                 DATETIME(6)   NOT NULL,
    CONSTRAINT runners_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
