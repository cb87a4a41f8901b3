-- Audit events: one row per recorded action (see dev.latchkey.audit).
CREATE TABLE audit_events (
    id           VARCHAR(64)  PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64),
    action       VARCHAR(64)  NOT NULL,
    object_type  VARCHAR(64)  NOT NULL,
    object_id    VARCHAR(255),
    doc          TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_events_tenant_time ON audit_events (tenant_id, workspace_id, created_at, id);
