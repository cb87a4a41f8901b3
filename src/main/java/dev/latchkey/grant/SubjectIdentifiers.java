package dev.latchkey.grant;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The subject identifier a client sees (OIDC Core §8): {@code public} is the user's own subject;
 * {@code pairwise} is {@code base64url(SHA-256(sector || subject || salt))}, where the sector is the host
 * of the client's {@code sector_identifier_uri} or, without one, of its redirect URIs (§8.1), and the salt
 * is the workspace's {@code subject_identifier_algorithm_salt}. Two clients of one sector see the same
 * pairwise subject, clients of different sectors cannot correlate theirs. Pure functions.
 */
public final class SubjectIdentifiers {

    public static final String PUBLIC = "public";
    public static final String PAIRWISE = "pairwise";

    private SubjectIdentifiers() {
    }

    /** The subject for a client of {@code subjectType}; anything but {@code pairwise} gives the public one. */
    public static String forClient(String subject, String subjectType, String sectorIdentifierUri,
                                   List<String> redirectUris, String salt) {
        if (!PAIRWISE.equals(subjectType)) {
            return subject;
        }
        return pairwise(subject, sector(sectorIdentifierUri, redirectUris), salt == null ? "" : salt);
    }

    /** The sector of a client: the host of its sector identifier URI, else of its first redirect URI. */
    public static String sector(String sectorIdentifierUri, List<String> redirectUris) {
        String source = sectorIdentifierUri != null && !sectorIdentifierUri.isBlank() ? sectorIdentifierUri
                : redirectUris.isEmpty() ? "" : redirectUris.get(0);
        try {
            String host = URI.create(source).getHost();
            return host == null ? source : host;
        } catch (IllegalArgumentException e) {
            return source;
        }
    }

    static String pairwise(String subject, String sector, String salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sector.getBytes(StandardCharsets.UTF_8));
            sha.update(subject.getBytes(StandardCharsets.UTF_8));
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
