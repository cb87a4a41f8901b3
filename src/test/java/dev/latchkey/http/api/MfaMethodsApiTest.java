package dev.latchkey.http.api;

import dev.latchkey.support.Xid;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.MfaMethodsApiTestHttp.BASE;
import static dev.latchkey.http.api.MfaMethodsApiTestHttp.error;
import static dev.latchkey.http.api.MfaMethodsApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MFA methods CRUD (admin.yaml listMFAMethods, createMFAMethod, getMFAMethod, updateMFAMethod,
 * deleteMFAMethod) over real HTTP: Cloudentity's shapes, secrets encrypted at rest and never returned,
 * If-Match, every kind of bad input as a 400 that changes nothing, callers and tenants kept apart.
 */
class MfaMethodsApiTest {

    static final String SMTP_METHOD = """
            {"mechanism": "email", "enabled": true, "tenant_id": "default",
             "settings": {"email": {"provider": "smtp", "custom_from": "security@example.com",
                                    "custom_message_subject": "Your code",
                                    "otp": {"length": 6, "expiration": "5m"}}},
             "auth": {"email": {"host": "smtp.example.com", "port": 587, "username": "mailer",
                                "password": "smtp-password-do-not-leak", "auth": "plain"}}}""";

    static TestServer server;
    static MfaMethodsApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new MfaMethodsApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createListGetUpdateDeleteInCloudentitysShapes() {
        Map<String, Object> created = ok(http.post(BASE, SMTP_METHOD), 201);
        String id = (String) created.get("id");
        assertThat(Xid.isValid(id)).as(id).isTrue();
        assertThat(created).containsEntry("tenant_id", "default").containsEntry("mechanism", "email")
                .containsEntry("enabled", true).doesNotContainKey("default_email_settings");
        assertThat(created.get("auth")).isEqualTo(Map.of("email", Map.of("host", "smtp.example.com", "port", 587,
                "username", "mailer", "auth", "plain")));
        assertThat(created.get("settings")).isEqualTo(Map.of("email", Map.of("provider", "smtp",
                "custom_from", "security@example.com", "custom_message_subject", "Your code",
                "otp", Map.of("length", 6, "expiration", "5m0s"))));

        Map<String, Object> list = ok(http.get(BASE), 200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> methods = (List<Map<String, Object>>) list.get("mfa_methods");
        assertThat(methods).anySatisfy(m -> assertThat(m).isEqualTo(created));

        Map<String, Object> got = ok(http.get(BASE + "/" + id), 200);
        assertThat(got).containsAllEntriesOf(created);
        assertThat(got.get("default_email_settings")).isEqualTo(Map.of("from", "noreply@latchkey.local",
                "message_subject", "Your verification code",
                "message_template", "Your verification code is {{code}}. It expires in {{expiration}}."));
        assertThat(got.get("default_sms_settings")).isEqualTo(Map.of("source", "Latchkey",
                "message_template", "Your verification code is {{code}}"));

        Map<String, Object> updated = ok(http.put(BASE + "/" + id, """
                {"mechanism": "email", "enabled": false,
                 "settings": {"email": {"provider": "smtp", "custom_message_subject": "New subject"}},
                 "auth": {"email": {"host": "smtp2.example.com", "port": 465, "username": "mailer"}}}"""), 200);
        assertThat(updated).containsEntry("enabled", false).containsEntry("id", id);
        assertThat(ok(http.get(BASE + "/" + id), 200)).containsEntry("enabled", false)
                .containsEntry("settings", Map.of("email", Map.of("provider", "smtp",
                        "custom_message_subject", "New subject")));

        assertThat(http.delete(BASE + "/" + id).statusCode()).isEqualTo(204);
        error(http.get(BASE + "/" + id), 404);
        error(http.delete(BASE + "/" + id), 404);
        assertThat(http.doc("default", id)).isNull();
    }

    @Test
    void smsMethodsWithTwilioOrTheGatewayAndEmbeddedDefaults() {
        Map<String, Object> twilio = ok(http.post(BASE, """
                {"mechanism": "sms", "enabled": true,
                 "settings": {"sms": {"provider": "twilio", "custom_source": "+15005550006"}},
                 "auth": {"sms": {"sid": "AC123", "auth_token": "twilio-token-do-not-leak"}}}"""), 201);
        assertThat(twilio.get("auth")).isEqualTo(Map.of("sms", Map.of("sid", "AC123")));

        Map<String, Object> gateway = ok(http.post(BASE, """
                {"mechanism": "sms", "enabled": true, "settings": {"sms": {"provider": "gateway"}},
                 "auth": {"sms_gateway": {"url": "https://sms.example.com/send", "auth_header_name": "X-Api-Key",
                                          "auth_header_value": "gateway-key-do-not-leak",
                                          "body_template": "{\\"to\\": \\"{{to}}\\", \\"text\\": \\"{{message}}\\"}"}}}"""),
                201);
        assertThat(gateway.get("auth")).isEqualTo(Map.of("sms_gateway", Map.of("url", "https://sms.example.com/send",
                "auth_header_name", "X-Api-Key", "body_template", "{\"to\": \"{{to}}\", \"text\": \"{{message}}\"}")));

        // Cloudentity's minimal method: the embedded provider, no settings at all
        Map<String, Object> minimal = ok(http.post(BASE, "{\"mechanism\": \"email\", \"enabled\": false}"), 201);
        assertThat(minimal).containsOnlyKeys("id", "tenant_id", "mechanism", "enabled", "settings", "auth");
    }

    @Test
    void aCallerChosenIdIsKeptAndADuplicateIsAConflict() {
        String body = "{\"id\": \"email-main\", \"mechanism\": \"email\", \"enabled\": true}";
        assertThat(ok(http.post(BASE, body), 201)).containsEntry("id", "email-main");
        String stored = http.doc("default", "email-main");

        error(http.post(BASE, body.replace("true", "false")), 409);
        assertThat(http.doc("default", "email-main")).isEqualTo(stored);
    }

    @Test
    void secretsAreEncryptedAtRestAndNeverReturned() {
        String smtp = http.create(SMTP_METHOD);
        String twilio = http.create("""
                {"mechanism": "sms", "enabled": true,
                 "auth": {"sms": {"sid": "AC1", "auth_token": "twilio-token-do-not-leak"},
                          "arculix": {"client_id": "arc", "client_secret": "arculix-secret-do-not-leak"}}}""");
        String gateway = http.create("""
                {"mechanism": "sms", "enabled": true,
                 "auth": {"sms_gateway": {"url": "http://127.0.0.1:9/x", "auth_header_value": "Bearer gw-do-not-leak"}}}""");
        List<String> secrets = List.of("smtp-password-do-not-leak", "twilio-token-do-not-leak",
                "arculix-secret-do-not-leak", "gw-do-not-leak");

        for (String id : List.of(smtp, twilio, gateway)) {
            assertThat(http.doc("default", id)).contains("\"v1.");
            for (String secret : secrets) {
                assertThat(http.doc("default", id)).doesNotContain(secret);
                assertThat(http.get(BASE + "/" + id).body()).doesNotContain(secret)
                        .doesNotContain("password").doesNotContain("auth_token").doesNotContain("client_secret")
                        .doesNotContain("auth_header_value");
            }
        }
        String list = http.get(BASE).body();
        secrets.forEach(secret -> assertThat(list).doesNotContain(secret));
    }

    @Test
    void anUpdateThatLeavesASecretOutKeepsItAnEmptyOneClearsIt() {
        String id = http.create(SMTP_METHOD);
        String sealed = sealedPassword(id);

        // what GET returned, sent back as is (read-only default_*_settings included)
        String read = http.get(BASE + "/" + id).body();
        Map<String, Object> roundTrip = ok(http.put(BASE + "/" + id, read), 200);
        assertThat(read).contains("default_email_settings");
        assertThat(roundTrip).containsEntry("id", id).containsEntry("enabled", true);
        assertThat(sealedPassword(id)).startsWith("v1.");
        assertThat(http.get(BASE + "/" + id).body()).isEqualTo(read);

        ok(http.put(BASE + "/" + id, SMTP_METHOD.replace("smtp-password-do-not-leak", "a-new-password")), 200);
        assertThat(sealedPassword(id)).startsWith("v1.").isNotEqualTo(sealed);

        ok(http.put(BASE + "/" + id, SMTP_METHOD.replace("smtp-password-do-not-leak", "")), 200);
        assertThat(sealedPassword(id)).isEmpty();
    }

    @Test
    void writesHonourIfMatch() {
        String id = http.create(SMTP_METHOD);
        HttpResponse<String> read = http.get(BASE + "/" + id);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        String stored = http.doc("default", id);

        error(http.put(BASE + "/" + id, SMTP_METHOD.replace("true", "false"), "If-Match", "\"stale\""), 412);
        error(http.delete(BASE + "/" + id, "If-Match", "\"stale\""), 412);
        assertThat(http.doc("default", id)).isEqualTo(stored);

        ok(http.put(BASE + "/" + id, SMTP_METHOD.replace("\"enabled\": true", "\"enabled\": false"), "If-Match", etag),
                200);
        error(http.delete(BASE + "/" + id, "If-Match", etag), 412); // changed since
        String fresh = http.get(BASE + "/" + id).headers().firstValue("ETag").orElseThrow();
        assertThat(http.delete(BASE + "/" + id, "If-Match", fresh).statusCode()).isEqualTo(204);
    }

    @Test
    void badBodiesAre400AndChangeNothing() {
        String id = http.create(SMTP_METHOD);
        String stored = http.doc("default", id);
        long rows = http.rows();
        String good = SMTP_METHOD.substring(0, SMTP_METHOD.lastIndexOf('}'));
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"mechanism\": ");
        bodies.put("not an object", "[]");
        bodies.put("null", "null");
        bodies.put("unknown field", good + ", \"colour\": \"red\"}");
        bodies.put("enabled of the wrong type", "{\"mechanism\": \"email\", \"enabled\": \"yes\"}");
        bodies.put("port of the wrong type", SMTP_METHOD.replace("587", "\"five\""));
        bodies.put("settings of the wrong type", "{\"mechanism\": \"email\", \"enabled\": true, \"settings\": 3}");
        bodies.put("unknown mechanism", "{\"mechanism\": \"fax\", \"enabled\": true}");
        bodies.put("missing mechanism", "{\"enabled\": true}");
        bodies.put("missing enabled", "{\"mechanism\": \"email\"}");
        bodies.put("unknown email provider", SMTP_METHOD.replace("\"provider\": \"smtp\"", "\"provider\": \"carrier-pigeon\""));
        bodies.put("unknown sms provider", "{\"mechanism\": \"sms\", \"enabled\": true, \"settings\": {\"sms\": {\"provider\": \"pager\"}}}");
        bodies.put("otp too short", SMTP_METHOD.replace("\"length\": 6", "\"length\": 3"));
        bodies.put("otp too long", SMTP_METHOD.replace("\"length\": 6", "\"length\": 11"));
        bodies.put("invalid duration", SMTP_METHOD.replace("\"5m\"", "\"5 minutes\""));
        bodies.put("zero expiration", SMTP_METHOD.replace("\"5m\"", "\"0s\""));
        bodies.put("template without the code", SMTP_METHOD.replace("\"custom_message_subject\"",
                "\"custom_message_template\": \"Hello\", \"custom_message_subject\""));
        bodies.put("invalid custom_from", SMTP_METHOD.replace("security@example.com", "not an address"));
        bodies.put("subject with a line break", SMTP_METHOD.replace("Your code", "Your code\\r\\nBcc: x@example.com"));
        bodies.put("smtp without a server", "{\"mechanism\": \"email\", \"enabled\": true, "
                + "\"settings\": {\"email\": {\"provider\": \"smtp\"}}}");
        bodies.put("smtp without a host", SMTP_METHOD.replace("\"host\": \"smtp.example.com\", ", ""));
        bodies.put("port out of range", SMTP_METHOD.replace("587", "70000"));
        bodies.put("crammd5", SMTP_METHOD.replace("\"plain\"", "\"crammd5\""));
        bodies.put("unknown auth", SMTP_METHOD.replace("\"plain\"", "\"kerberos\""));
        bodies.put("unknown tls", SMTP_METHOD.replace("\"auth\": \"plain\"", "\"auth\": \"plain\", \"tls\": \"maybe\""));
        bodies.put("gateway without a url", "{\"mechanism\": \"sms\", \"enabled\": true, "
                + "\"settings\": {\"sms\": {\"provider\": \"gateway\"}}}");
        bodies.put("gateway url not http", gateway("\"url\": \"ftp://sms.example.com/x\""));
        bodies.put("gateway url relative", gateway("\"url\": \"/send\""));
        bodies.put("gateway header with a line break", gateway("\"url\": \"https://a.example\", "
                + "\"auth_header_value\": \"Bearer x\\r\\nX-Evil: 1\""));
        bodies.put("gateway restricted header", gateway("\"url\": \"https://a.example\", \"auth_header_name\": \"Host\""));
        bodies.put("gateway template not JSON", gateway("\"url\": \"https://a.example\", "
                + "\"body_template\": \"to={{to}}&text={{message}}\""));
        bodies.put("gateway template without the message", gateway("\"url\": \"https://a.example\", "
                + "\"body_template\": \"{\\\"to\\\": \\\"{{to}}\\\"}\""));
        bodies.put("twilio without an account", "{\"mechanism\": \"sms\", \"enabled\": true, "
                + "\"settings\": {\"sms\": {\"provider\": \"twilio\"}}}");
        bodies.put("bad id", "{\"id\": \"../etc\", \"mechanism\": \"email\", \"enabled\": true}");
        for (var entry : bodies.entrySet()) {
            error(http.post(BASE, entry.getValue()), 400);
            if (!entry.getKey().equals("bad id")) {
                assertThat(error(http.put(BASE + "/" + id, entry.getValue()), 400)).as(entry.getKey())
                        .containsEntry("error_code", "bad_request");
            }
        }
        error(http.put(BASE + "/" + id, "{\"id\": \"other\", \"mechanism\": \"email\", \"enabled\": true}"), 400);
        error(http.call("POST", BASE, server.adminToken(), null), 400);
        error(http.call("PUT", BASE + "/" + id, server.adminToken(), ""), 400);
        error(http.call("POST", BASE, server.adminToken(), SMTP_METHOD, "Content-Type", "text/plain"), 415);
        String huge = "{\"mechanism\": \"email\", \"enabled\": true, \"id\": \"" + "x".repeat(1_100_000) + "\"}";
        error(http.oversized("POST", BASE, huge), 413);
        error(http.oversized("PUT", BASE + "/" + id, huge), 413);
        error(http.oversized("POST", BASE + "/" + id + "/test", "{\"address\": \"" + "x".repeat(1_100_000) + "\"}"),
                413);

        assertThat(http.rows()).isEqualTo(rows);
        assertThat(http.doc("default", id)).isEqualTo(stored);
    }

    private static String gateway(String fields) {
        return "{\"mechanism\": \"sms\", \"enabled\": true, \"auth\": {\"sms_gateway\": {" + fields + "}}}";
    }

    @Test
    void callersWithoutAnAdminTokenOfTheTenantAreRefused() {
        String id = http.create(SMTP_METHOD);
        String stored = http.doc("default", id);
        long rows = http.rows();
        String foreign = http.systemTenantToken();
        String notAdmin = http.defaultWorkspaceToken();
        for (String token : Arrays.asList(null, "garbage", foreign, notAdmin)) {
            int status = token == null || token.equals("garbage") ? 401 : 403;
            error(http.call("GET", BASE, token, null), status);
            error(http.call("POST", BASE, token, SMTP_METHOD), status);
            error(http.call("GET", BASE + "/" + id, token, null), status);
            error(http.call("PUT", BASE + "/" + id, token, SMTP_METHOD.replace("true", "false")), status);
            error(http.call("DELETE", BASE + "/" + id, token, null), status);
            error(http.call("POST", BASE + "/" + id + "/test", token, "{\"address\": \"a@example.com\"}"), status);
        }
        error(http.get("/api/admin/system/mfa-methods"), 403);
        error(http.post("/api/admin/system/mfa-methods", SMTP_METHOD), 403);
        assertThat(http.rows()).isEqualTo(rows);
        assertThat(http.doc("default", id)).isEqualTo(stored);
    }

    @Test
    void anotherTenantsMethodIsNotFoundAndStaysUnchanged() {
        String foreign = http.plantSystemMethod("system-email");
        String stored = http.doc("system", foreign);

        error(http.get(BASE + "/" + foreign), 404);
        error(http.put(BASE + "/" + foreign, SMTP_METHOD), 404);
        error(http.delete(BASE + "/" + foreign), 404);
        error(http.test(foreign, "a@example.com"), 404);
        assertThat(http.get(BASE).body()).doesNotContain(foreign);
        // a body naming the other tenant still creates in the caller's own tenant
        Map<String, Object> created = ok(http.post(BASE, SMTP_METHOD.replace("\"tenant_id\": \"default\"",
                "\"tenant_id\": \"system\"")), 201);
        assertThat(created).containsEntry("tenant_id", "default");
        assertThat(http.doc("default", (String) created.get("id"))).isNotNull();

        assertThat(http.doc("system", foreign)).isEqualTo(stored);
    }

    @Test
    void unknownIdsAre404() {
        for (String method : List.of("GET", "DELETE")) {
            error(http.call(method, BASE + "/no-such-method", server.adminToken(), null), 404);
        }
        error(http.put(BASE + "/no-such-method", SMTP_METHOD), 404);
        error(http.test("no-such-method", "a@example.com"), 404);
        assertThat(http.doc("default", "no-such-method")).isNull();
    }

    @SuppressWarnings("unchecked")
    private static String sealedPassword(String id) {
        Map<String, Object> doc = dev.latchkey.support.Json.read(http.doc("default", id), Map.class);
        Map<String, Object> email = (Map<String, Object>) ((Map<String, Object>) doc.get("auth")).get("email");
        return (String) email.get("password");
    }
}
