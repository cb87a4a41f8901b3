-- Dynamic client registration (RFC 7591/7592): the registration access token of each dynamically registered
-- client, stored only as its SHA-256 hash. One token per client; rotation replaces the row. Deleting the
-- client (through RFC 7592 or the Admin API) or its workspace deletes its registration.
CREATE TABLE client_registrations (
    tenant_id    VARCHAR(64)  NOT NULL,
    client_id    VARCHAR(128) NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant_id, client_id),
    FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id) ON DELETE CASCADE
);
