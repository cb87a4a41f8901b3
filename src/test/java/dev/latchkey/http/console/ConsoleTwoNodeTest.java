package dev.latchkey.http.console;

import dev.latchkey.testing.LoginWalker;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes over one PostgreSQL database (run with {@code -Dlatchkey.test.db=postgres}), one browser sent to either
 * node at random as by a load balancer without sticky sessions: a sign-in started on one node finishes on the
 * other, the session serves pages on both, and a sign-out on one ends it on the other at once.
 */
class ConsoleTwoNodeTest {

    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(TestServer.usesPostgres(), "several nodes need PostgreSQL");
        a = TestServer.start();
        b = a.secondNode();
    }

    @AfterAll
    static void stop() {
        TestServer.closeAll(b, a);
    }

    @Test
    void theSessionIsSharedByTheNodesAndASignOutOnOneEndsItOnTheOther() throws Exception {
        ConsoleHttp onA = new ConsoleHttp(a);
        ConsoleHttp onB = onA.on(b);
        HttpResponse<String> start = onA.get("/app/default/admin/workspaces");
        assertThat(start.statusCode()).isEqualTo(303);
        var credentials = a.server().bootstrapCredentials().orElseThrow();
        URI callback = new LoginWalker().login(a.uri(start.headers().firstValue("Location").orElseThrow()),
                a.baseUrl() + "/app/default/admin/callback", credentials.consoleUsername(),
                credentials.consolePassword());

        HttpResponse<String> signedIn = onB.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303); // the sign-in A began, B finished
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/app/default/admin/workspaces");
        HttpResponse<String> pageOnA = onA.get("/app/default/admin/workspaces");
        assertThat(pageOnA.statusCode()).isEqualTo(200);
        assertThat(onB.get("/app/default/admin/workspaces").statusCode()).isEqualTo(200);
        assertThat(onA.get(callback.getRawPath() + "?" + callback.getRawQuery()).statusCode())
                .isEqualTo(400); // the callback was used on B: A refuses it

        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(pageOnA.body());
        assertThat(csrf.find()).isTrue();
        assertThat(onB.post("/app/default/admin/signout", "csrf=" + csrf.group(1)).statusCode()).isEqualTo(200);
        assertThat(onA.get("/app/default/admin/workspaces").statusCode()).isEqualTo(303);
    }
}
