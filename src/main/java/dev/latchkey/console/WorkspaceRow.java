package dev.latchkey.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A workspace in the console's list: what the Admin API's listWorkspaces returns, the fields the list shows. */
public record WorkspaceRow(String id, String name, String type, String profile, String issuer) {

    public static List<WorkspaceRow> of(JsonNode workspaces) {
        List<WorkspaceRow> rows = new ArrayList<>();
        workspaces.forEach(w -> rows.add(new WorkspaceRow(w.path("id").asText(), w.path("name").asText(),
                w.path("type").asText(), w.path("profile").asText(), w.path("issuer_url").asText())));
        return rows;
    }
}
