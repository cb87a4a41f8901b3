package dev.latchkey.oauth.token;

import java.time.Duration;
import java.util.List;

/**
 * What an access token says, independent of its format (design §3): subject, audiences, granted scopes,
 * the identity provider and authentication methods of the user (empty for client credentials).
 */
public record AccessTokenClaims(String subject, String clientId, List<String> audience, List<String> scopes,
                                String idp, List<String> amr, String subjectType, Duration ttl) {
}
