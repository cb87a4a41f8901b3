-- Identity providers (see dev.latchkey.idp): one row per IDP of a workspace, its JSON document in doc
-- (mock users' passwords encrypted inside it). Ids are unique within a workspace.
CREATE TABLE idps (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    method       VARCHAR(32)  NOT NULL,
    name         VARCHAR(255) NOT NULL,
    doc          TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, workspace_id, id),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
