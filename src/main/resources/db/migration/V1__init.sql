-- Latchkey schema, version 1. Runs unchanged on H2 (embedded) and PostgreSQL.
-- Each entity is its JSON document (doc) plus the indexed key columns that queries need.

CREATE TABLE settings (
    name       VARCHAR(100) PRIMARY KEY,
    setting_value TEXT      NOT NULL
);

CREATE TABLE tenants (
    id         VARCHAR(64)  PRIMARY KEY,
    doc        TEXT         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE workspaces (
    tenant_id  VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         VARCHAR(64)  NOT NULL,
    name       VARCHAR(255) NOT NULL,
    doc        TEXT         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE clients (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(128) NOT NULL,
    name         VARCHAR(255) NOT NULL,
    doc          TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX clients_workspace ON clients (tenant_id, workspace_id, id);

CREATE TABLE workspace_keys (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    kid          VARCHAR(128) NOT NULL,
    key_use      VARCHAR(8)   NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    doc          TEXT         NOT NULL,
    private_enc  TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, workspace_id, kid),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE services (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    name         VARCHAR(255) NOT NULL,
    doc          TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE scopes (
    tenant_id    VARCHAR(64)  NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    name         VARCHAR(255) NOT NULL,
    service_id   VARCHAR(64),
    doc          TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, workspace_id, name),
    FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE
);
