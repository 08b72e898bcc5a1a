-- One push credential per user for their CI runner (`wmr_…`). Only the SHA-256 of the
-- secret is kept; issuing a new one replaces the row, so the old secret stops working.
CREATE TABLE registry_runner_credentials (
    username        VARCHAR(64) NOT NULL PRIMARY KEY,
    credential_hash CHAR(64)    NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    last_used_at    DATETIME(6),
    CONSTRAINT registry_runner_credentials_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
