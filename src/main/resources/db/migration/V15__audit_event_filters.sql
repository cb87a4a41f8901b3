-- Audit events: the columns that listAuditEvents filters on (copied from the event's document when it
-- is written; events recorded before this migration keep them only in doc and do not match these
-- filters), and indexes for the listing (tenant, workspace, time, id) narrowed by each filter.
ALTER TABLE audit_events ADD COLUMN client_id VARCHAR(255);
ALTER TABLE audit_events ADD COLUMN subject VARCHAR(255);
ALTER TABLE audit_events ADD COLUMN ip VARCHAR(100);
CREATE INDEX audit_events_client ON audit_events (tenant_id, workspace_id, client_id, created_at, id);
CREATE INDEX audit_events_subject ON audit_events (tenant_id, workspace_id, subject, created_at, id);
CREATE INDEX audit_events_ip ON audit_events (tenant_id, workspace_id, ip, created_at, id);
CREATE INDEX audit_events_kind ON audit_events (tenant_id, workspace_id, object_type, action, created_at, id);
