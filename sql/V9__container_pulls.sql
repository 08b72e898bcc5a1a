-- A launch whose image the Docker host lacks answers at once with status 'pulling'; the
-- pull runs in the background and records how far it got, so that the console and the
-- API can show it. status_at is when the status or the progress last changed: a pulling
-- row that nobody has touched for a while belongs to a pull that died with its service.
-- The existing message column holds the reason of a 'failed' launch.
ALTER TABLE containers
    ADD COLUMN pull_percent  TINYINT,
    ADD COLUMN pull_message  VARCHAR(255),
    ADD COLUMN status_at     DATETIME(6);

UPDATE containers SET status_at = created_at;
