package dev.latchkey.manage;

/**
 * Who makes a management change, for audit events: the calling client and subject of the access token,
 * and the request's address and user agent.
 */
public record Actor(String tenantId, String clientId, String subject, String ip, String userAgent) {

    /** The server itself (bootstrap, scheduled jobs). */
    public static Actor system(String tenantId) {
        return new Actor(tenantId, "latchkey", "latchkey", "", "");
    }
}
