-- Answers of POST requests under /api/ that carried an X-Idempotency-Key, kept for one minute so that a
-- retry with the same key gets the same answer from any node (http/IdempotencyFilter). The row is written
-- before the request runs (response_status 0 while it runs) and deleted if the request fails. The key is
-- stored as its SHA-256; the body is encrypted by the application (it may hold generated secrets).
CREATE TABLE idempotent_requests (
    tenant_id        VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    client_id        VARCHAR(128) NOT NULL,
    key_hash         VARCHAR(64)  NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    response_status  INTEGER      NOT NULL,
    response_headers TEXT,
    response_body    TEXT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, client_id, key_hash)
);
CREATE INDEX idempotent_requests_expiry ON idempotent_requests (expires_at);
