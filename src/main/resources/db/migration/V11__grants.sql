-- End-user authorization (issue 5): grants, authorization codes, refresh tokens, revocations, SSO
-- sessions and authorization requests waiting for a login. Tokens and codes are stored only as SHA-256
-- hashes; documents hold the rest as JSON.

-- A grant: what one user authorized one client to do, once authenticated. Codes, refresh tokens and the
-- access tokens issued from them belong to it; revoking it revokes them all.
CREATE TABLE grants (
    grant_id     VARCHAR(64) PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(64) NOT NULL,
    client_id    VARCHAR(255) NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    doc          TEXT        NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX grants_expiry ON grants (expires_at);
CREATE INDEX grants_client ON grants (tenant_id, workspace_id, client_id);

CREATE TABLE authorization_codes (
    code_hash    VARCHAR(64) PRIMARY KEY,
    grant_id     VARCHAR(64) NOT NULL REFERENCES grants (grant_id) ON DELETE CASCADE,
    doc          TEXT        NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);

CREATE TABLE refresh_tokens (
    token_hash   VARCHAR(64) PRIMARY KEY,
    grant_id     VARCHAR(64) NOT NULL REFERENCES grants (grant_id) ON DELETE CASCADE,
    doc          TEXT        NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Access tokens issued under a grant (JWT id or opaque token hash), so that revoking the grant revokes them.
CREATE TABLE grant_access_tokens (
    token_id     VARCHAR(64) PRIMARY KEY,
    grant_id     VARCHAR(64) NOT NULL REFERENCES grants (grant_id) ON DELETE CASCADE,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX grant_access_tokens_grant ON grant_access_tokens (grant_id);

-- Revoked access tokens (JWT ids), kept until they would have expired anyway.
CREATE TABLE revoked_tokens (
    token_id     VARCHAR(64) PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(64) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- Single sign-on sessions (the session cookie holds the random id; the hash is stored).
CREATE TABLE sso_sessions (
    session_hash VARCHAR(64) PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(64) NOT NULL,
    doc          TEXT        NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sso_sessions_expiry ON sso_sessions (expires_at);

-- Authorization requests validated by the authorization endpoint and waiting for the user to log in.
CREATE TABLE authorization_requests (
    request_id   VARCHAR(64) PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(64) NOT NULL,
    doc          TEXT        NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX authorization_requests_expiry ON authorization_requests (expires_at);
