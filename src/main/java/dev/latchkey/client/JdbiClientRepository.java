package dev.latchkey.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link ClientRepository} over JDBI. The current and the rotated client secrets are encrypted at rest, each
 * bound to its row ({@code client-secret:tid/cid}, {@code client-rotated-secret:tid/cid}); the key columns
 * hold what listing filters and sorts by.
 */
public final class JdbiClientRepository implements ClientRepository {

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public JdbiClientRepository(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public Optional<Client> find(String tenantId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM clients WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", clientId).mapTo(String.class).findOne().map(this::opened));
    }

    @Override
    public Optional<Client> findForUpdate(String tenantId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT doc FROM clients WHERE tenant_id = :tid AND id = :id FOR UPDATE")
                .bind("tid", tenantId).bind("id", clientId).mapTo(String.class).findOne().map(this::opened));
    }

    @Override
    public void insert(Client client) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO clients (tenant_id, workspace_id, id, name, doc, created_at, updated_at,
                                             client_type, application_types, third_party)
                        VALUES (:tid, :aid, :id, :name, :doc, :created, :at, :type, :apps, :third)""")
                .bind("tid", client.tenantId()).bind("aid", client.authorizationServerId())
                .bind("id", client.clientId()).bind("name", nameOf(client)).bind("doc", sealed(client))
                .bind("created", client.createdAt()).bind("at", client.updatedAt())
                .bind("type", client.clientType()).bind("apps", applicationTypes(client))
                .bind("third", client.thirdParty()).execute());
    }

    @Override
    public void update(Client client) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE clients SET name = :name, doc = :doc, updated_at = :at, client_type = :type,
                                           application_types = :apps, third_party = :third
                        WHERE tenant_id = :tid AND id = :id""")
                .bind("tid", client.tenantId()).bind("id", client.clientId()).bind("name", nameOf(client))
                .bind("doc", sealed(client)).bind("at", clock.instant()).bind("type", client.clientType())
                .bind("apps", applicationTypes(client)).bind("third", client.thirdParty()).execute());
    }

    @Override
    public boolean delete(String tenantId, String clientId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM clients WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", clientId).execute()) > 0;
    }

    @Override
    public List<Client> list(ClientQuery q) {
        // Only fixed column names and operators are concatenated; every value is a bound parameter.
        String column = q.sort().column();
        boolean backwards = q.beforeClientId() != null;
        // A search reads ids first, from the index alone when no other filter needs the row (the phrase matches
        // anywhere, so every entry of the workspace is looked at: narrow index entries instead of whole rows),
        // then the page's documents by primary key.
        boolean search = q.searchPhrase() != null;
        StringBuilder sql = new StringBuilder((search ? "SELECT id" : "SELECT doc")
                + " FROM clients WHERE tenant_id = :tid AND workspace_id = :aid");
        if (q.searchPhrase() != null) {
            sql.append(" AND (LOWER(id) LIKE :phrase ESCAPE '!' OR LOWER(name) LIKE :phrase ESCAPE '!')");
        }
        if (!q.clientTypes().isEmpty()) {
            sql.append(" AND client_type IN (<types>)");
        }
        for (int i = 0; i < q.applicationTypes().size(); i++) {
            sql.append(i == 0 ? " AND (" : " OR ").append("application_types LIKE :app").append(i).append(" ESCAPE '!'");
        }
        sql.append(q.applicationTypes().isEmpty() ? "" : ")");
        if (q.thirdParty() != null) {
            sql.append(" AND third_party = :third");
        }
        String anchor = backwards ? q.beforeClientId() : q.afterClientId();
        if (anchor != null) {
            String op = backwards != q.descending() ? "<" : ">";
            String anchored = "(SELECT " + column + " FROM clients WHERE tenant_id = :tid AND id = :anchor)";
            sql.append(column.equals("id") ? " AND id " + op + " :anchor"
                    : " AND (" + column + " " + op + " " + anchored + " OR (" + column + " = " + anchored
                    + " AND id " + op + " :anchor))");
        }
        String direction = backwards != q.descending() ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(column).append(direction);
        sql.append(column.equals("id") ? "" : ", id" + direction).append(" LIMIT :limit");
        List<Client> page = jdbi.withHandle(h -> {
            List<String> found = bind(h, sql.toString(), q, anchor).mapTo(String.class).list();
            return search ? byIds(h, q.tenantId(), found) : found.stream().map(this::opened).toList();
        });
        if (backwards) {
            page = new ArrayList<>(page);
            Collections.reverse(page);
        }
        return page;
    }

    /** The clients {@code ids} of a tenant, in that order. */
    private List<Client> byIds(Handle h, String tenantId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> docs = h.createQuery("SELECT id, doc FROM clients WHERE tenant_id = :tid AND id IN (<ids>)")
                .bind("tid", tenantId).bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return ids.stream().filter(docs::containsKey).map(id -> opened(docs.get(id))).toList();
    }

    private static Query bind(Handle h, String sql, ClientQuery q, String anchor) {
        Query query = h.createQuery(sql).bind("tid", q.tenantId()).bind("aid", q.workspaceId())
                .bind("limit", q.limit());
        if (q.searchPhrase() != null) {
            query.bind("phrase", "%" + likeEscaped(q.searchPhrase().toLowerCase(Locale.ROOT)) + "%");
        }
        if (!q.clientTypes().isEmpty()) {
            query.bindList("types", q.clientTypes());
        }
        for (int i = 0; i < q.applicationTypes().size(); i++) {
            query.bind("app" + i, "%," + likeEscaped(q.applicationTypes().get(i)) + ",%");
        }
        if (q.thirdParty() != null) {
            query.bind("third", q.thirdParty().booleanValue());
        }
        if (anchor != null) {
            query.bind("anchor", anchor);
        }
        return query;
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String nameOf(Client client) {
        return client.clientName() == null ? "" : client.clientName();
    }

    private static String applicationTypes(Client client) {
        return "," + String.join(",", client.applicationTypes()) + ",";
    }

    private Client opened(String doc) {
        Client stored;
        try {
            ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(doc);
            tree.putIfAbsent("client_secret_expires_at", LongNode.valueOf(0)); // rows written before it existed
            stored = Json.MAPPER.treeToValue(tree, Client.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<RotatedSecret> rotated = stored.rotatedSecrets().stream()
                .map(r -> r.withSecret(box.decrypt(r.secret(), rotatedContext(stored)))).toList();
        String secret = isEmpty(stored.clientSecret()) ? stored.clientSecret()
                : box.decrypt(stored.clientSecret(), context(stored));
        return stored.withSecrets(secret, rotated, stored.updatedAt());
    }

    private String sealed(Client client) {
        String secret = isEmpty(client.clientSecret()) ? client.clientSecret()
                : box.encrypt(client.clientSecret(), context(client));
        List<RotatedSecret> rotated = client.rotatedSecrets().stream()
                .map(r -> r.withSecret(box.encrypt(r.secret(), rotatedContext(client)))).toList();
        return Json.write(client.withSecrets(secret, rotated, client.updatedAt()));
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String context(Client c) {
        return "client-secret:" + c.tenantId() + "/" + c.clientId();
    }

    private static String rotatedContext(Client c) {
        return "client-rotated-secret:" + c.tenantId() + "/" + c.clientId();
    }
}
