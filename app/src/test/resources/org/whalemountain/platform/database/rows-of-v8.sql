-- What a database of the release before the newest migration holds: one or more rows in
-- every table of schema version 8, as the service writes them.
INSERT INTO users (username, display_name, email, uid_number, gid_number, admin, first_login_at, last_login_at)
VALUES ('alice', 'Alice Liddell', 'alice@example.org', 10001, 10001, FALSE, '2026-10-01 08:00:00.123456', '2026-11-01 09:00:00'),
       ('sensei', 'Sensei', NULL, NULL, NULL, TRUE, '2026-10-01 08:00:00', '2026-10-02 08:00:00');
INSERT INTO user_groups (username, group_name) VALUES ('alice', 'course-os'), ('sensei', 'wm-admins');
INSERT INTO api_tokens (username, name, token_hash, created_at, expires_at, last_used_at)
VALUES ('alice', 'laptop', REPEAT('a', 64), '2026-10-01 08:00:00', '2026-12-01 08:00:00', '2026-10-05 10:00:00'),
       ('alice', 'unused', REPEAT('b', 64), '2026-10-01 08:00:00', '2026-12-01 08:00:00', NULL);
INSERT INTO audit_events (occurred_at, actor, action, target, source_address, detail)
VALUES ('2026-10-01 08:00:00', 'alice', 'login', NULL, '127.0.0.1', NULL);
INSERT INTO EVENT_PUBLICATION (ID, LISTENER_ID, EVENT_TYPE, SERIALIZED_EVENT, PUBLICATION_DATE, STATUS, COMPLETION_ATTEMPTS)
VALUES ('7d3c4a52-8d6a-4d47-9c0e-000000000001', 'org.whalemountain.images.CatalogueListener.on(org.whalemountain.registry.ImageTagPushed)',
        'org.whalemountain.registry.ImageTagPushed', '{"repository":"alice/app"}', '2026-10-01 08:00:00', 'PUBLISHED', 1);
INSERT INTO EVENT_PUBLICATION_ARCHIVE (ID, LISTENER_ID, EVENT_TYPE, SERIALIZED_EVENT, PUBLICATION_DATE, COMPLETION_DATE, STATUS, COMPLETION_ATTEMPTS)
VALUES ('7d3c4a52-8d6a-4d47-9c0e-000000000002', 'org.whalemountain.audit.IdentityAuditListener.on(org.whalemountain.identity.UserLoggedIn)',
        'org.whalemountain.identity.UserLoggedIn', '{"username":"alice"}', '2026-10-01 08:00:00', '2026-10-01 08:00:01', 'COMPLETED', 1);
INSERT INTO registry_runner_credentials (username, credential_hash, created_at, last_used_at)
VALUES ('alice', REPEAT('c', 64), '2026-10-01 08:00:00', NULL);
INSERT INTO runners (username, gitlab_url, project, gitlab_runner_id, created_by_service, runner_token_sealed,
                     registry_credential_sealed, container_id, message, created_at, updated_at)
VALUES ('alice', 'https://gitlab.example.org', 'alice/thesis', 42, TRUE, 'v1:c2VhbGVk', 'v1:c2VhbGVkLXRvbw==',
        'abc123', NULL, '2026-10-01 08:00:00', '2026-10-01 08:00:00');
INSERT INTO registry_tags (repository, tag, owner, digest, image_digest, size_bytes, created_at, unsupported, synced_at)
VALUES ('alice/app', '1', 'alice', CONCAT('sha256:', REPEAT('d', 64)), CONCAT('sha256:', REPEAT('d', 64)), 1234,
        '2026-10-01 07:00:00', NULL, '2026-10-01 08:00:00'),
       ('alice/old', '1', 'alice', CONCAT('sha256:', REPEAT('e', 64)), NULL, NULL, NULL, 'schema 1', '2026-10-01 08:00:00');
INSERT INTO registry_sync_runs (id, trigger_name, requested_by, scope_repositories, status, requested_at, started_at,
                                finished_at, repositories, tags_added, tags_changed, tags_removed, skipped, error)
VALUES ('1b7c6f0e-0f5e-4c1a-a7f4-000000000001', 'manual', 'alice', NULL, 'SUCCEEDED', '2026-10-01 08:00:00',
        '2026-10-01 08:00:01', '2026-10-01 08:00:02', 2, 1, 0, 0, 'alice/old: schema 1', NULL);
INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
VALUES ('registry-sync', '2026-10-01 08:05:00', '2026-10-01 08:00:00', 'replica-1');
INSERT INTO images (owner, repository, tag, digest, size_bytes, pushed_at, config, description, visibility, group_name,
                    created_at, updated_at)
VALUES ('alice', 'alice/app', '1', CONCAT('sha256:', REPEAT('d', 64)), 1234, '2026-10-01 07:00:00',
        '{"env":["PATH=/bin"]}', '# My app', 'GROUP', 'course-os', '2026-10-01 08:00:00', '2026-10-02 08:00:00');
INSERT INTO sif_builds (digest, repository, status, progress, size_bytes, sha256, message, log, attempts, lease_until,
                        queued_at, started_at, finished_at, last_referenced_at)
VALUES (CONCAT('sha256:', REPEAT('d', 64)), 'alice/app', 'READY', 100, 4096, REPEAT('f', 64), NULL, 'built', 1, NULL,
        '2026-10-01 08:00:00', '2026-10-01 08:00:01', '2026-10-01 08:00:30', NULL);
INSERT INTO sif_references (repository, tag, digest) VALUES ('alice/app', '1', CONCAT('sha256:', REPEAT('d', 64)));
INSERT INTO containers (owner, name, image, engine, container_id, network_id, status, message, env_sealed, memory_bytes,
                        created_at)
VALUES ('alice', 'alice-web', '127.0.0.1:5000/alice/app:1', 'docker', 'c0ffee', 'n3twork', 'running', NULL, 'v1:ZW52',
        536870912, '2026-10-03 10:00:00.250000'),
       ('alice', 'alice-broken', 'docker.io/library/nginx:1', 'docker', NULL, NULL, 'failed', 'no such image', 'v1:ZW52',
        536870912, '2026-10-04 10:00:00');
INSERT INTO host_ports (host_port, container, guest_port)
SELECT 49152, id, 8080 FROM containers WHERE name = 'alice-web';
