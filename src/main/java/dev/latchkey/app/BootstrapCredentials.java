package dev.latchkey.app;

/**
 * The credentials the first start created: the {@code default/admin} application and the {@code system}
 * client. {@code *Generated} tells whether a secret was generated (and so printed once and written to
 * {@code data/bootstrap-credentials.json}) rather than taken from configuration. {@code console*}: the
 * administrator of the console at {@code /app/default/admin} (a user of {@code default/admin}'s static IDP).
 */
public record BootstrapCredentials(String adminClientId, String adminClientSecret, String systemClientSecret,
                                   boolean adminGenerated, boolean systemGenerated, String consoleUsername,
                                   String consolePassword, boolean consolePasswordGenerated) {

    @Override
    public String toString() {
        return "BootstrapCredentials[adminClientId=" + adminClientId + ", secrets hidden]";
    }
}
