-- Container statuses in the engine-neutral words the API shows (pending, running,
-- stopped, failed, gone): a launch waiting for its image ('pulling') or for its container
-- ('creating') is pending; the others already read the same. Any Docker state word a row
-- may hold from an older release is mapped to its neutral one.
UPDATE containers SET status = 'pending' WHERE status IN ('pulling', 'creating', 'created');
UPDATE containers SET status = 'stopped' WHERE status IN ('exited', 'paused');
UPDATE containers SET status = 'failed' WHERE status IN ('dead', 'restarting', 'unknown');
UPDATE containers SET status = 'gone' WHERE status = 'missing';
