-- Opaque access tokens (workspaces with access_token_strategy = opaque), stored as SHA-256 hashes.
CREATE TABLE opaque_tokens (
    token_hash   VARCHAR(64) PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(64) NOT NULL,
    doc          TEXT        NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX opaque_tokens_expiry ON opaque_tokens (expires_at);
