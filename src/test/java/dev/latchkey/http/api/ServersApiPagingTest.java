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

import static dev.latchkey.http.api.ServersApiTestHttp.SERVERS;
import static dev.latchkey.http.api.ServersApiTestHttp.assertError;
import static dev.latchkey.http.api.ServersApiTestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing many workspaces: 20 created with ids, names and creation times in three different orders, then
 * read back page by page (keyset cursors after and before) in every sort and both orders, with the type,
 * search and template filters, through listAuthorizationServers and listWorkspaces.
 */
class ServersApiPagingTest {

    private static final int COUNT = 20;

    static TestServer server;
    static ServersApiTestHttp http;
    /** id → name of the created workspaces, in creation order. */
    static final List<String[]> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ServersApiTestHttp(server);
        for (int i = 0; i < COUNT; i++) {
            // created from pg-19 down to pg-00, names in a third order
            String id = String.format("pg-%02d", COUNT - 1 - i);
            String name = "Name " + (char) ('a' + (i * 7) % COUNT);
            server.clock.advance(Duration.ofSeconds(1));
            http.create("{\"tenant_id\":\"default\",\"id\":\"" + id + "\",\"name\":\"" + name + "\""
                    + (i % 5 == 0 ? ",\"template\":true" : "") + "}");
            created.add(new String[] {id, name});
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pagesInEverySortAndOrderAddUpToTheWholeList() {
        Map<String, Comparator<String[]>> sorts = Map.of(
                "id", Comparator.comparing(w -> w[0]),
                "name", Comparator.<String[], String>comparing(w -> w[1]).thenComparing(w -> w[0]),
                "created_at", Comparator.comparing(w -> created.indexOf(w)));
        sorts.forEach((sort, comparator) -> {
            for (String order : List.of("asc", "desc")) {
                List<String> expected = created.stream()
                        .sorted("asc".equals(order) ? comparator : comparator.reversed()).map(w -> w[0]).toList();
                List<List<String>> pages = new ArrayList<>();
                String after = null;
                do {
                    List<String> page = ids(SERVERS + "?search_phrase=pg-&limit=7&sort=" + sort + "&order=" + order
                            + (after == null ? "" : "&after_server_id=" + after), "servers");
                    if (page.isEmpty()) {
                        break;
                    }
                    pages.add(page);
                    after = page.get(page.size() - 1);
                } while (pages.size() < 10);
                assertThat(pages).as(sort + " " + order).extracting(List::size).containsExactly(7, 7, 6);
                assertThat(pages.stream().flatMap(List::stream).toList()).as(sort + " " + order)
                        .isEqualTo(expected);
                // the page before the third page's first workspace is the second page
                List<String> before = ids(SERVERS + "?search_phrase=pg-&limit=7&sort=" + sort + "&order=" + order
                        + "&before_server_id=" + pages.get(2).get(0), "servers");
                assertThat(before).as(sort + " " + order).isEqualTo(pages.get(1));
            }
        });
    }

    @Test
    void filtersAndDefaults() {
        // default: 20 per page, by id; the tenant has its three bootstrap workspaces besides ours
        List<String> first = ids(SERVERS, "servers");
        assertThat(first).hasSize(20);
        assertThat(first).isSorted();
        assertThat(ids(SERVERS + "?after_server_id=" + first.get(19), "servers")).hasSize(3);
        assertThat(ids(SERVERS + "?server_types=admin,system", "servers")).containsExactly("admin", "system");
        assertThat(ids(SERVERS + "?server_types=regular&limit=100", "servers")).hasSize(COUNT + 1)
                .doesNotContain("admin", "system");
        assertThat(ids(SERVERS + "?server_types=developer", "servers")).isEmpty();
        assertThat(ids(SERVERS + "?search_phrase=PG-1&limit=100", "servers")).containsExactly("pg-10", "pg-11",
                "pg-12", "pg-13", "pg-14", "pg-15", "pg-16", "pg-17", "pg-18", "pg-19");
        assertThat(ids(SERVERS + "?search_phrase=NAME%20A", "servers")).containsExactly(created.get(0)[0]);
        assertThat(ids(SERVERS + "?search_phrase=%25", "servers")).isEmpty();
        assertThat(ids(SERVERS + "?search_phrase=_", "servers")).isEmpty();
    }

    @Test
    void listWorkspacesPagesAndFiltersTheSameWay() {
        List<String> all = ids("/api/admin/default/workspaces?workspace_types=regular&search_phrase=pg-&limit=100",
                "workspaces");
        assertThat(all).hasSize(COUNT).isSorted();
        List<String> second = ids("/api/admin/default/workspaces?search_phrase=pg-&limit=5&after_workspace_id="
                + all.get(4), "workspaces");
        assertThat(second).isEqualTo(all.subList(5, 10));
        assertThat(ids("/api/admin/default/workspaces?search_phrase=pg-&limit=5&before_workspace_id="
                + all.get(5), "workspaces")).isEqualTo(all.subList(0, 5));
        List<String> templates = ids("/api/admin/default/workspaces?template=true&limit=100", "workspaces");
        assertThat(templates).containsExactlyInAnyOrder("pg-19", "pg-14", "pg-09", "pg-04");
        assertThat(ids("/api/admin/default/workspaces?template=false&limit=100", "workspaces"))
                .hasSize(COUNT - 4 + 3).doesNotContainAnyElementsOf(templates);
        assertThat(ids("/api/admin/default/workspaces?theme_id=dark", "workspaces")).isEmpty();
        assertThat(ids("/api/admin/default/workspaces?workspace_types=admin", "workspaces")).containsExactly("admin");
    }

    @Test
    void badParametersAre400() {
        String token = server.adminToken();
        for (String query : List.of("limit=0", "limit=101", "limit=ten", "limit=-1", "sort=colour", "order=up",
                "server_types=galaxy", "server_types=regular,galaxy", "after_server_id=a&before_server_id=b",
                "limit=5&limit=6")) {
            assertError(http.get(SERVERS + "?" + query, token), 400, null);
        }
        for (String query : List.of("template=maybe", "workspace_types=x", "sort=name&order=sideways",
                "after_workspace_id=a&before_workspace_id=b")) {
            assertError(http.get("/api/admin/default/workspaces?" + query, token), 400, null);
        }
        assertThat(http.get(SERVERS + "?limit=100", token).statusCode()).isEqualTo(200);
        assertThat(http.get(SERVERS + "?limit=1", token).statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(String path, String envelope) {
        HttpResponse<String> response = http.get(path, server.adminToken());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        Map<String, Object> body = json(response.body());
        assertThat(body).containsOnlyKeys(envelope);
        return ((List<Map<String, Object>>) body.get(envelope)).stream().map(s -> (String) s.get("id")).toList();
    }
}
