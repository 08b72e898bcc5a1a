-- Users and groups as the directory last told us at login: the directory stays the
-- source of truth, this is the copy the service joins against.
CREATE TABLE users (
    username       VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name   VARCHAR(255) NOT NULL,
    email          VARCHAR(255),
    uid_number     INT,
    gid_number     INT,
    admin          BOOLEAN      NOT NULL DEFAULT FALSE,
    first_login_at DATETIME(6)  NOT NULL,
    last_login_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE user_groups (
    username   VARCHAR(64)  NOT NULL,
    group_name VARCHAR(255) NOT NULL,
    PRIMARY KEY (username, group_name),
    INDEX user_groups_by_group (group_name),
    CONSTRAINT user_groups_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Personal access tokens: only a SHA-256 of the secret is kept.
CREATE TABLE api_tokens (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username     VARCHAR(64)  NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    expires_at   DATETIME(6)  NOT NULL,
    last_used_at DATETIME(6),
    UNIQUE KEY api_tokens_by_hash (token_hash),
    INDEX api_tokens_by_user (username),
    CONSTRAINT api_tokens_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Append-only: the triggers below refuse every UPDATE and DELETE, whoever asks.
CREATE TABLE audit_events (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at    DATETIME(6)   NOT NULL,
    actor          VARCHAR(128)  NOT NULL,
    action         VARCHAR(64)   NOT NULL,
    target         VARCHAR(255),
    source_address VARCHAR(64),
    detail         VARCHAR(1024),
    INDEX audit_events_by_time (occurred_at),
    INDEX audit_events_by_actor (actor, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only';

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only';

-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc),
-- so that an event survives a crash between commit and its listeners.
CREATE TABLE EVENT_PUBLICATION (
    ID                     VARCHAR(36)   NOT NULL,
    LISTENER_ID            VARCHAR(512)  NOT NULL,
    EVENT_TYPE             VARCHAR(512)  NOT NULL,
    SERIALIZED_EVENT       VARCHAR(4000) NOT NULL,
    PUBLICATION_DATE       TIMESTAMP(6)  NOT NULL,
    COMPLETION_DATE        TIMESTAMP(6)  DEFAULT NULL NULL,
    STATUS                 VARCHAR(20),
    COMPLETION_ATTEMPTS    INT,
    LAST_RESUBMISSION_DATE TIMESTAMP(6)  DEFAULT NULL NULL,
    PRIMARY KEY (ID),
    INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
);

CREATE TABLE EVENT_PUBLICATION_ARCHIVE (
    ID                     VARCHAR(36)   NOT NULL,
    LISTENER_ID            VARCHAR(512)  NOT NULL,
    EVENT_TYPE             VARCHAR(512)  NOT NULL,
    SERIALIZED_EVENT       VARCHAR(4000) NOT NULL,
    PUBLICATION_DATE       TIMESTAMP(6)  NOT NULL,
    COMPLETION_DATE        TIMESTAMP(6)  DEFAULT NULL NULL,
    STATUS                 VARCHAR(20),
    COMPLETION_ATTEMPTS    INT,
    LAST_RESUBMISSION_DATE TIMESTAMP(6)  DEFAULT NULL NULL,
    PRIMARY KEY (ID),
    INDEX EVENT_PUBLICATION_ARCHIVE_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
);
