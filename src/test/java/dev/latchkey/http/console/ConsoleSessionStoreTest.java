package dev.latchkey.http.console;

import dev.latchkey.store.ExpiredRows;
import dev.latchkey.support.TokenHashes;
import dev.latchkey.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sessions and sign-ins live in the database: keyed by the hash of the browser's id (never the id),
 * the access token and the PKCE verifier encrypted, a restart signs no one out, a sign-out deletes the row, and
 * the housekeeping sweeps expired rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSessionStoreTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jdbi jdbi() {
        return server.server().database().jdbi();
    }

    private static List<Map<String, Object>> rows(String table) {
        return jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + table).mapToMap().list());
    }

    @Test
    @Order(2) // last: after the restart, the bootstrap credentials are no longer at hand
    void theDatabaseHoldsTheHashOfTheIdAndTheTokenEncryptedAndARestartSignsNoOneOut() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        String csrf = browser.signIn();
        String id = browser.cookie(ConsoleAuth.COOKIE);
        assertThat(id).hasSizeGreaterThan(30);
        Map<String, Object> row = rows("console_sessions").stream()
                .filter(r -> TokenHashes.hash(id).equals(r.get("session_hash"))).findFirst().orElseThrow();
        assertThat(row.get("subject")).isEqualTo("admin");
        assertThat((String) row.get("access_token")).startsWith("v1.").doesNotContain("eyJ");
        assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains(id)).noneMatch(v -> csrf.equals(v));

        server.restart();

        assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(200);
        assertThat(browser.post("/app/default/admin/signout", "csrf=" + csrf).statusCode()).isEqualTo(200);
        assertThat(rows("console_sessions")).noneMatch(r -> TokenHashes.hash(id).equals(r.get("session_hash")));
        assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(303);
    }

    @Test
    @Order(1)
    void aSignInInProgressIsStoredEncryptedAndExpiredRowsAreSweptByTheHousekeeping() throws Exception {
        ConsoleHttp abandoned = new ConsoleHttp(server);
        assertThat(abandoned.get("/app/default/admin").statusCode()).isEqualTo(303); // a sign-in never finished
        assertThat(rows("console_sign_ins")).isNotEmpty()
                .allSatisfy(r -> assertThat((String) r.get("verifier")).startsWith("v1."));
        ConsoleHttp idle = new ConsoleHttp(server);
        idle.signIn();
        String hash = TokenHashes.hash(idle.cookie(ConsoleAuth.COOKIE));

        server.clock.advance(Duration.ofMinutes(31));
        assertThat(idle.get("/app/default/admin/workspaces").statusCode()).isEqualTo(303); // idle: refused at once
        server.clock.advance(ExpiredRows.GRACE);
        Map<String, Integer> swept = new ExpiredRows(jdbi(), server.clock).sweep();

        assertThat(swept.get("console_sessions")).isPositive();
        assertThat(swept.get("console_sign_ins")).isPositive();
        assertThat(rows("console_sessions")).noneMatch(r -> hash.equals(r.get("session_hash")));
        assertThat(rows("console_sign_ins")).hasSize(1); // the one the refused page started: not expired yet
    }
}
