package dev.latchkey.client;

import java.util.List;

/**
 * One page of a workspace's applications (Cloudentity's {@code listClients}): optional filters, a sort
 * field and direction, and a keyset position ({@code afterClientId} or {@code beforeClientId}, an
 * application of the same workspace) with a page size. Immutable.
 *
 * @param searchPhrase     a case-insensitive substring of the client id or name; null for none
 * @param clientTypes      {@code oauth2} / {@code saml}; empty for all
 * @param applicationTypes any of these {@code application_types}; empty for all
 * @param thirdParty       true: developer-created only; false: administrator-created only; null: both
 */
public record ClientQuery(String tenantId, String workspaceId, String searchPhrase, List<String> clientTypes,
                          List<String> applicationTypes, Boolean thirdParty, Sort sort, boolean descending,
                          String afterClientId, String beforeClientId, int limit) {

    /** The sort fields of the API, with the column each one orders by (ties broken by client id). */
    public enum Sort {
        NAME("name"), CLIENT_ID("id"), ISSUED_AT("created_at");

        private final String column;

        Sort(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    public ClientQuery {
        clientTypes = clientTypes == null ? List.of() : List.copyOf(clientTypes);
        applicationTypes = applicationTypes == null ? List.of() : List.copyOf(applicationTypes);
    }
}
