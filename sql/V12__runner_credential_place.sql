-- Where jobs get the runner credential (WM_REGISTRY_PASSWORD): NULL, in the runner's job
-- environment (config.toml), as for runners registered with a glrt- token and every runner
-- registered before this column; else the GitLab project whose masked, protected CI/CD
-- variable holds it, for runners the service created with a personal access token.
ALTER TABLE runners ADD COLUMN credential_project_id BIGINT AFTER registry_credential_sealed;
