-- Builds count against the user whose image they are (the per-user cap on waiting builds);
-- each claim of a build gets a token of its own, so that a worker that lost its lease can
-- neither record a result over the claim that took the build over nor share its work
-- directory; a build that failed or is waiting for a retry says why with a stable reason.
ALTER TABLE sif_builds
    ADD COLUMN requested_by  VARCHAR(64),
    ADD COLUMN claim         CHAR(36),
    ADD COLUMN reason        VARCHAR(64),
    ADD INDEX sif_builds_by_requester (requested_by, status);
