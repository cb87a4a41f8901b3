-- MFA methods of each tenant (/api/admin/{tid}/mfa-methods): the method as JSON in doc, with its secrets
-- (SMTP password, Twilio token, gateway header) encrypted by the application.
CREATE TABLE mfa_methods (
    tenant_id  VARCHAR(64) NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         VARCHAR(64) NOT NULL,
    mechanism  VARCHAR(16) NOT NULL,
    enabled    BOOLEAN     NOT NULL,
    doc        TEXT        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
