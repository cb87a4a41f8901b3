-- Client assertions (client_secret_jwt, private_key_jwt; RFC 7523 §3, OIDC Core §9) are single use: the
-- jti of each accepted assertion is kept until the assertion expires. The primary key decides the one
-- winner when the same assertion reaches several nodes at once. The jti is stored as its SHA-256 hash
-- (base64url), so any length fits.
CREATE TABLE client_assertion_jtis (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    client_id    VARCHAR(255) NOT NULL,
    jti_hash     VARCHAR(64)  NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, workspace_id, client_id, jti_hash),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX client_assertion_jtis_expiry ON client_assertion_jtis (expires_at);
