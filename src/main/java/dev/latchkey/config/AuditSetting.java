package dev.latchkey.config;

import java.util.Locale;

/**
 * What the audit log records ({@code --audit}, {@code LATCHKEY_AUDIT}): {@code on} (the default: every change
 * through the management APIs, in the change's transaction, and every security event through the
 * asynchronous queue), {@code security-off} (changes only: no event for tokens issued, failed client
 * authentication, logins, revocations, rate-limit refusals) or {@code off} (nothing).
 */
public enum AuditSetting {
    ON, SECURITY_OFF, OFF;

    public static AuditSetting parse(String value) {
        if (value == null || value.isBlank()) {
            return ON;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> ON;
            case "security-off" -> SECURITY_OFF;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("must be on, security-off or off, not '" + value + "'");
        };
    }

    /** Whether security events (token issued, authentication failed, ...) are recorded. */
    public boolean securityEvents() {
        return this == ON;
    }

    /** Whether changes through the management APIs are recorded. */
    public boolean changes() {
        return this != OFF;
    }
}
