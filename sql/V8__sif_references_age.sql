-- When a SIF was last pointed at by a tag, so that the cleanup grace counts from the
-- moment its last tag left, not from when it was built.
ALTER TABLE sif_builds ADD COLUMN last_referenced_at DATETIME(6) NULL;
UPDATE sif_builds SET last_referenced_at = COALESCE(finished_at, queued_at);
