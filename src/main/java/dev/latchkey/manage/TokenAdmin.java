package dev.latchkey.manage;

import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.support.ApiException;
import dev.latchkey.workspace.WorkspaceRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Revocation of every token of some subjects of a workspace (System API {@code revokeTokens}): for each
 * subject, its grants with their refresh tokens, unredeemed codes and access tokens, and every other access
 * token of the subject issued until now, JWT or opaque ({@link TokenRevocations#revokeSubject}); then one
 * audit event {@code tokens}/{@code revoked} per subject. 1 to 100 subjects, each 1 to 255 characters (else
 * 400); an unknown workspace is 404. Each subject's revocation commits on its own and is published at once, so
 * every node refuses the tokens from its next request. Thread-safe.
 */
public final class TokenAdmin {

    static final int MAX_SUBJECTS = 100;
    private static final int MAX_SUBJECT_LENGTH = 255;

    private final TokenRevocations revocations;
    private final WorkspaceRepository workspaces;
    private final Audit audit;
    private final Clock clock;

    public TokenAdmin(TokenRevocations revocations, WorkspaceRepository workspaces, Audit audit, Clock clock) {
        this.revocations = revocations;
        this.workspaces = workspaces;
        this.audit = audit;
        this.clock = clock;
    }

    /** Revokes every token of {@code subjects} in the workspace; returns the grants revoked per subject. */
    public Map<String, Integer> revokeSubjects(Actor actor, String tenantId, String workspaceId,
                                               List<String> subjects) {
        ScopeRules.requireWorkspace(workspaces, tenantId, workspaceId);
        if (subjects == null || subjects.isEmpty() || subjects.size() > MAX_SUBJECTS) {
            throw ApiException.badRequest("subjects: between 1 and " + MAX_SUBJECTS + " subjects are required");
        }
        for (String subject : subjects) {
            if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
                throw ApiException.badRequest("subjects: each subject must have 1 to " + MAX_SUBJECT_LENGTH
                        + " characters and not be blank");
            }
        }
        Instant now = clock.instant();
        Map<String, Integer> revoked = new LinkedHashMap<>();
        for (String subject : new LinkedHashSet<>(subjects)) {
            int grants = revocations.revokeSubject(tenantId, workspaceId, subject, now);
            revoked.put(subject, grants);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subject", subject);
            details.put("grants_revoked", grants);
            audit.record(actor, workspaceId, "revoked", "tokens", subject, details);
        }
        return revoked;
    }
}
