-- Containers lent to users. The environment may hold secrets (tokens, passwords), so it
-- is sealed like runner tokens; the row id is also the value of the wm.container-id label.
CREATE TABLE containers (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    owner         VARCHAR(64)   NOT NULL,
    name          VARCHAR(63)   NOT NULL,
    image         VARCHAR(512)  NOT NULL,
    engine        VARCHAR(16)   NOT NULL,
    container_id  VARCHAR(128),
    network_id    VARCHAR(128),
    status        VARCHAR(16)   NOT NULL,
    message       VARCHAR(1024),
    env_sealed    TEXT          NOT NULL,
    memory_bytes  BIGINT        NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    CONSTRAINT containers_name UNIQUE (name),
    CONSTRAINT containers_owner FOREIGN KEY (owner) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The primary key, not Docker, guarantees a host port is never handed out twice; rows go
-- with their container.
CREATE TABLE host_ports (
    host_port     INT           NOT NULL PRIMARY KEY,
    container     BIGINT        NOT NULL,
    guest_port    INT           NOT NULL,
    CONSTRAINT host_ports_container FOREIGN KEY (container) REFERENCES containers (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
