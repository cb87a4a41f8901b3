-- Workspaces API (issue 3): columns for the list filters of listAuthorizationServers / listWorkspaces
-- (server_types, template) and an index for sorting a tenant's workspaces by name.
ALTER TABLE workspaces ADD COLUMN workspace_type VARCHAR(32) DEFAULT 'regular' NOT NULL;
ALTER TABLE workspaces ADD COLUMN template BOOLEAN DEFAULT FALSE NOT NULL;
-- rows written before this version: the bootstrap's admin and system workspaces carry their id as type
UPDATE workspaces SET workspace_type = id WHERE id IN ('admin', 'system');
CREATE INDEX workspaces_tenant_name ON workspaces (tenant_id, name, id);
CREATE INDEX workspaces_tenant_created ON workspaces (tenant_id, created_at, id);
