-- Subjects whose tokens were all revoked (System API revokeTokens): every access token of the subject in
-- the workspace issued at or before revoked_at is refused. Kept while the workspace exists (a token's
-- lifetime is the workspace's setting of the day it was issued, so no expiry is safe to derive); a later
-- revocation of the same subject moves revoked_at forward.
CREATE TABLE revoked_subjects (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, workspace_id, subject),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
-- A subject's grants, for the same revocation.
CREATE INDEX grants_subject ON grants (tenant_id, workspace_id, subject);
