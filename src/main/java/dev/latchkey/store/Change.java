package dev.latchkey.store;

/**
 * A committed change to stored configuration, fanned out to every node so that caches drop what it
 * touched. {@code kind} names the entity ("workspace", "client", "keys", "scope", "tenant", or
 * {@link #REVOCATION} for a revoked access token, whose id is the token's id, or null for "reload all";
 * {@link #SUBJECT_REVOCATION} for the revocation of every token of a subject, whose id is the subject).
 */
public record Change(String kind, String tenantId, String workspaceId, String id) {

    public static final String REVOCATION = "revocation";
    public static final String SUBJECT_REVOCATION = "subject-revocation";
    /**
     * "Anything may have changed": sent to this node's listeners when it may have missed changes (its
     * connection to the other nodes was lost and is back); every cache drops everything.
     */
    public static final String EVERYTHING = "everything";

    public static Change everything() {
        return new Change(EVERYTHING, null, null, null);
    }

    public boolean isEverything() {
        return EVERYTHING.equals(kind);
    }
}
