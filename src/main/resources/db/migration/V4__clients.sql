-- Applications: the columns the Admin API's listClients filters and sorts by (issue 3).
-- client_type: oauth2 | saml; application_types: the client's application_types as ",service,"
-- (comma-delimited, with leading and trailing commas, for LIKE matching); third_party: created by a developer.
ALTER TABLE clients ADD COLUMN client_type VARCHAR(16) DEFAULT 'oauth2' NOT NULL;
ALTER TABLE clients ADD COLUMN application_types VARCHAR(255) DEFAULT ',server_web,' NOT NULL;
ALTER TABLE clients ADD COLUMN third_party BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX clients_workspace_name ON clients (tenant_id, workspace_id, name, id);
CREATE INDEX clients_workspace_created ON clients (tenant_id, workspace_id, created_at, id);
-- rows older than this migration are the bootstrap's service applications
UPDATE clients SET application_types = ',service,';
