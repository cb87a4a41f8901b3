-- The console's sessions and sign-ins in progress (issue 9), shared by every node over one database: a restart
-- or a load balancer without sticky sessions keeps administrators signed in, and a sign-out on one node ends the
-- session on all of them. The browser holds random ids; the rows are keyed by their SHA-256 (never the raw id).
-- access_token and verifier are encrypted at rest under the master key (SecretBox, bound to the row's hash).
-- expires_at: the earlier of the idle deadline (moved on by requests) and the absolute one (the access token's
-- expiry); rows past it are refused at once and swept by the housekeeping (ExpiredRows).
CREATE TABLE console_sessions (
    session_hash     VARCHAR(64)  PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subject          VARCHAR(255) NOT NULL,
    access_token     TEXT         NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    token_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

CREATE TABLE console_sign_ins (
    state_hash VARCHAR(64)   PRIMARY KEY,
    tenant_id  VARCHAR(64)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    verifier   TEXT          NOT NULL,
    return_to  VARCHAR(2048) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_sign_ins_expiry ON console_sign_ins (expires_at);
