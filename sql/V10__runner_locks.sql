-- One change to a user's runner at a time, on any replica: ShedLock's columns, one row per
-- user (name = username), taken and given back in short statements with the database's
-- clock. A named lock (GET_LOCK) would pin a pooled connection for the whole change,
-- which talks to GitLab and Docker for seconds: a class registering at once emptied the
-- pool. A replica that dies holding a row blocks that user until lock_until passes; a
-- live one keeps extending it.
CREATE TABLE runner_locks (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by  VARCHAR(255) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
