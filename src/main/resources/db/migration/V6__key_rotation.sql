-- Automatic key rotation (dev.latchkey.keys): one schedule per workspace and key use ('sig' or 'enc').
-- scheduled_at is the next rotation (NULL while disabled); version is bumped by every write so that a
-- due rotation is claimed by exactly one node (conditional UPDATE in the rotation's transaction).
CREATE TABLE key_rotation_schedules (
    tenant_id     VARCHAR(64)  NOT NULL,
    workspace_id  VARCHAR(64)  NOT NULL,
    key_use       VARCHAR(8)   NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    cron          VARCHAR(255) NOT NULL,
    starting_from TIMESTAMP WITH TIME ZONE,
    scheduled_at  TIMESTAMP WITH TIME ZONE,
    version       BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, workspace_id, key_use),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX key_rotation_schedules_due ON key_rotation_schedules (scheduled_at);
