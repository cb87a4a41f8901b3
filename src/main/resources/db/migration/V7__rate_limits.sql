-- Per-tenant rate-limit overrides (root API /api/admin/tenants/{tid}/rate-limits/{module}).
CREATE TABLE rate_limits (
    tenant_id VARCHAR(64) NOT NULL,
    module    VARCHAR(64) NOT NULL,
    rate      BIGINT      NOT NULL,
    burst     BIGINT      NOT NULL,
    period    VARCHAR(32) NOT NULL,
    PRIMARY KEY (tenant_id, module)
);
