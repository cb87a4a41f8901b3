package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ClientsApiTestHttp.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * listClients ({@code GET /api/admin/{tid}/servers/{wid}/clients}): the {@code {"clients": [...]}} envelope,
 * search, filters, sort and order, and keyset paging with {@code after_client_id} / {@code before_client_id}.
 */
class ClientsApiTestListTest {

    private static final String LIST = "/api/admin/default/servers/default/clients";

    static TestServer server;
    static ClientsApiTestHttp http;
    /** The applications of default/default, in creation order. */
    static List<Map<String, Object>> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ClientsApiTestHttp(server);
        String[] names = {"Zulu portal", "alpha_app", "Mobile 50%", "beta", "Gamma service"};
        for (int i = 0; i < names.length; i++) {
            String purpose = i == 4 ? "?application_purpose=service" : i == 2 ? "?application_purpose=mobile_desktop"
                    : "";
            String extra = i == 1 ? ", \"client_type\": \"saml\"" : i == 3 ? ", \"developer_id\": \"dev-1\"" : "";
            HttpResponse<String> response = http.post(ClientsApiTestHttp.CLIENTS + purpose, """
                    {"tenant_id": "default", "authorization_server_id": "default", "client_name": "%s"%s}"""
                    .formatted(names[i], extra));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            created.add(TestServer.json(response));
            server.clock.advance(Duration.ofSeconds(2)); // distinct creation times and xid seconds
        }
        // a client of another workspace is never listed here
        http.createService("admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> page(String query) {
        HttpResponse<String> response = http.get(LIST + query);
        assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(200);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsOnlyKeys("clients");
        return (List<Map<String, Object>>) body.get("clients");
    }

    private static List<String> ids(String query) {
        return page(query).stream().map(c -> (String) c.get("client_id")).toList();
    }

    private static List<String> sortedIds(Comparator<Map<String, Object>> order) {
        return created.stream().sorted(order).map(c -> (String) c.get("client_id")).toList();
    }

    @Test
    void listsTheWorkspacesClientsWithTheirFullRepresentation() {
        List<Map<String, Object>> clients = page("");
        assertThat(clients).hasSize(5);
        assertThat(clients).containsExactlyInAnyOrderElementsOf(created);
        assertThat(ids("")).isEqualTo(sortedIds(Comparator.comparing(c -> (String) c.get("client_id"))));
        assertThat(ids("?limit=2")).hasSize(2);
        HttpResponse<String> admin = http.get("/api/admin/default/servers/admin/clients");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains(TestServer.ADMIN_CLIENT_ID).doesNotContain((String) created.get(0).get("client_id"));
    }

    @Test
    void sortsByNameIdOrIssueTimeInEitherOrder() {
        List<String> byCreation = created.stream().map(c -> (String) c.get("client_id")).toList();
        assertThat(ids("?sort=issued_at")).isEqualTo(byCreation);
        assertThat(ids("?sort=issued_at&order=desc")).isEqualTo(byCreation.reversed());
        // names compare as the database collates them: check the order without assuming case rules
        List<String> names = page("?sort=name").stream().map(c -> (String) c.get("client_name")).toList();
        List<String> namesDesc = page("?sort=name&order=desc").stream().map(c -> (String) c.get("client_name"))
                .toList();
        assertThat(names).hasSize(5).isEqualTo(namesDesc.reversed());
        assertThat(ids("?sort=client_id&order=desc")).isEqualTo(ids("").reversed());
    }

    @Test
    void keysetPagingWalksForwardAndBackward() {
        for (String sort : List.of("", "&sort=name", "&sort=issued_at", "&sort=name&order=desc",
                "&sort=issued_at&order=desc", "&order=desc")) {
            List<String> all = ids("?limit=100" + sort);
            List<String> walked = new ArrayList<>();
            List<String> chunk = ids("?limit=2" + sort);
            while (!chunk.isEmpty()) {
                walked.addAll(chunk);
                chunk = ids("?limit=2&after_client_id=" + chunk.get(chunk.size() - 1) + sort);
            }
            assertThat(walked).as(sort).isEqualTo(all);
            // before the last one: the two just before it, in the same order
            assertThat(ids("?limit=2&before_client_id=" + all.get(4) + sort)).as(sort)
                    .isEqualTo(all.subList(2, 4));
            assertThat(ids("?limit=10&before_client_id=" + all.get(0) + sort)).as(sort).isEmpty();
        }
    }

    @Test
    void searchPhraseMatchesIdOrNameCaseInsensitively() {
        assertThat(ids("?search_phrase=ALPHA")).containsExactly((String) created.get(1).get("client_id"));
        assertThat(ids("?search_phrase=portal")).containsExactly((String) created.get(0).get("client_id"));
        String id = (String) created.get(3).get("client_id");
        assertThat(ids("?search_phrase=" + id.substring(5, 15))).contains(id);
        // LIKE wildcards are literal
        assertThat(ids("?search_phrase=50%25")).containsExactly((String) created.get(2).get("client_id"));
        assertThat(ids("?search_phrase=%25")).containsExactly((String) created.get(2).get("client_id"));
        assertThat(ids("?search_phrase=m_b")).isEmpty();
        assertThat(ids("?search_phrase=_")).containsExactly((String) created.get(1).get("client_id"));
        assertThat(ids("?search_phrase=nothing-like-this")).isEmpty();
    }

    @Test
    void filtersByClientTypeApplicationTypeAndOrigin() {
        assertThat(ids("?client_types=saml")).containsExactly((String) created.get(1).get("client_id"));
        assertThat(ids("?client_types=oauth2")).hasSize(4);
        assertThat(ids("?client_types=oauth2,saml")).hasSize(5);
        assertThat(ids("?application_types=service")).containsExactly((String) created.get(4).get("client_id"));
        assertThat(ids("?application_types=service&application_types=mobile_desktop")).hasSize(2);
        assertThat(ids("?type=third_party")).containsExactly((String) created.get(3).get("client_id"));
        assertThat(ids("?type=internal")).hasSize(4);
    }

    @Test
    void badQueryParametersAre400() {
        String some = (String) created.get(0).get("client_id");
        for (String query : List.of("?limit=0", "?limit=101", "?limit=ten", "?limit=1&limit=2", "?sort=size",
                "?order=up", "?type=external", "?client_types=ldap", "?application_types=robot",
                "?after_client_id=" + some + "&before_client_id=" + some, "?after_client_id=no-such-client",
                "?before_client_id=" + TestServer.ADMIN_CLIENT_ID, "?search_phrase=%00",
                "?search_phrase=" + "x".repeat(300))) {
            Map<String, Object> error = assertApiError(http.get(LIST + query), 400);
            assertThat(error).as(query).containsEntry("error_code", "bad_request");
        }
    }
}
