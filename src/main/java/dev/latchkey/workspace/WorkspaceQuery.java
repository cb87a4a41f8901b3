package dev.latchkey.workspace;

import java.util.List;

/**
 * One page of a tenant's workspaces (listAuthorizationServers, listWorkspaces): the types to include, an
 * optional case-insensitive substring of the id or name, an optional {@code template} flag, the sort
 * field and direction, and a keyset cursor: the page just after or just before the workspace
 * {@code afterId} / {@code beforeId} in that order (at most one of them). Ties sort by id.
 */
public record WorkspaceQuery(String tenantId, List<String> types, String searchPhrase, Boolean template, Sort sort,
                             boolean descending, String afterId, String beforeId, int limit) {

    /** Sortable fields, by their API names. */
    public enum Sort {
        ID("id"), NAME("name"), TYPE("type"), CREATED_AT("created_at");

        private final String apiName;

        Sort(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    public WorkspaceQuery {
        types = List.copyOf(types);
        if (afterId != null && beforeId != null) {
            throw new IllegalArgumentException("a page is either after or before a cursor");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
