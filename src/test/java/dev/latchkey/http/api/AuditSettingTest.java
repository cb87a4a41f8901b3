package dev.latchkey.http.api;

import dev.latchkey.config.AuditSetting;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit switch ({@code --audit}, {@code LATCHKEY_AUDIT}): {@code security-off} still records every change
 * through the management APIs but no security event (nothing reaches the queue); {@code off} records nothing;
 * only {@code on}, {@code security-off} and {@code off} are accepted.
 */
class AuditSettingTest {

    @Test
    void securityOffRecordsChangesButNoSecurityEvent() {
        try (TestServer server = TestServer.start(TestServer.freePort(), c -> c.withAudit(AuditSetting.SECURITY_OFF))) {
            var http = new ScopesApiTestHttp(server);
            ok(http.post("/api/admin/default/servers", "{\"tenant_id\": \"default\", \"id\": \"w1\"}"), 201);
            assertThat(server.postForm("/default/admin/oauth2/token",
                    "grant_type=client_credentials&client_id=nobody&client_secret=wrong").statusCode()).isEqualTo(401);
            var queue = server.server().parts().audit();
            assertThat(queue.written() + queue.pending() + queue.dropped()).isZero();
            assertThat(events(http, "w1")).extracting(e -> e.get("event_subject") + "/" + e.get("action"))
                    .containsExactly("server/created");
            assertThat(events(http, "admin")).isEmpty();
        }
    }

    @Test
    void offRecordsNothing() {
        try (TestServer server = TestServer.start(TestServer.freePort(), c -> c.withAudit(AuditSetting.OFF))) {
            var http = new ScopesApiTestHttp(server);
            ok(http.post("/api/admin/default/servers", "{\"tenant_id\": \"default\", \"id\": \"w1\"}"), 201);
            var queue = server.server().parts().audit();
            assertThat(queue.written() + queue.pending() + queue.dropped()).isZero();
            assertThat(events(http, "w1")).isEmpty();
        }
    }

    @Test
    void onlyTheThreeSettingsAreAccepted() {
        assertThat(AuditSetting.parse(null)).isEqualTo(AuditSetting.ON);
        assertThat(AuditSetting.parse("on")).isEqualTo(AuditSetting.ON);
        assertThat(AuditSetting.parse("Security-Off")).isEqualTo(AuditSetting.SECURITY_OFF);
        assertThat(AuditSetting.parse("off")).isEqualTo(AuditSetting.OFF);
        assertThatThrownBy(() -> AuditSetting.parse("sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on, security-off or off");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(ScopesApiTestHttp http, String wid) {
        return (List<Map<String, Object>>) ok(http.get("/api/admin/default/servers/" + wid + "/audit-events"), 200)
                .get("audit_events");
    }
}
