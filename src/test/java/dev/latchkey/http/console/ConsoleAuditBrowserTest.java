package dev.latchkey.http.console;

import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's rate-limit, audit-event and identity-provider pages in chromium (shared set-up:
 * {@link ConsoleBrowser}): an override set through the root API is shown as such; an application created in the
 * console is the newest audit event, the filters narrow the list, "Older" pages by keyset, a bad time is shown
 * next to its field; a static IDP is created, a duplicate id refused next to the field, its mappings edited (a
 * mapping without target refused) and the IDP deleted after confirmation. Screenshots in
 * {@code target/console-screenshots} (20-29).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAuditBrowserTest {

    private static final String WS = "/app/default/admin/workspaces/audited";

    private static ConsoleBrowser console;
    private static WebDriver browser;
    private static String appId;

    @BeforeAll
    static void start() throws IOException {
        console = ConsoleBrowser.start(config -> config.withRateLimits("default"));
        browser = console.browser();
        console.signInAsBootstrapAdministrator();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void showsTheTenantsLimitsWithTheOperatorsOverride() throws Exception {
        TestServer server = console.server();
        String root = server.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET, null);
        var set = console.send("PUT", "/api/admin/tenants/default/rate-limits/admin", root,
                "{\"rate\": 6000, \"burst\": 1000, \"period\": \"1m0s\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);

        console.open("/app/default/admin/workspaces");
        browser.findElement(By.linkText("Rate limits")).click();
        for (int i = 0; i < 50 && !"override".equals(row("admin").getAttribute("data-source")); i++) {
            Thread.sleep(100); // the override reaches the policies through the change bus
            browser.navigate().refresh();
        }
        assertThat(cells(row("admin"))).containsExactly("admin", "6000", "1000", "1m0s", "Tenant override");
        assertThat(row("oauth2").getAttribute("data-source")).isEqualTo("default");
        assertThat(cells(row("oauth2"))).containsExactly("oauth2", "3000", "500", "1m0s", "Global default");
        assertThat(browser.findElement(By.id("who-changes")).getText()).contains("root API")
                .contains("PUT /api/admin/tenants/default/rate-limits/{group}");
        assertThat(browser.findElements(By.cssSelector("main form"))).isEmpty(); // read-only
        console.shot("20-rate-limits");
    }

    @Test
    @Order(2)
    void listsTheNewestEventFirstAndPagesOlderByKeyset() {
        console.adminApi("POST", "/api/admin/default/servers", "{\"tenant_id\": \"default\", \"id\": \"audited\", "
                + "\"name\": \"Audited\"}", 201);
        Map<String, Object> workspace = console.adminApi("GET", "/api/admin/default/servers/audited", null);
        for (int i = 0; i < 20; i++) {
            console.server().clock.advance(Duration.ofSeconds(1)); // events of one instant are ordered by their ids
            console.adminApi("PUT", "/api/admin/default/servers/audited", Json.write(workspace));
        }
        console.server().clock.advance(Duration.ofSeconds(1));
        console.open(WS + "/apps/new");
        browser.findElement(By.id("type-service")).click();
        browser.findElement(By.id("client_name")).sendKeys("Audited app");
        browser.findElement(By.id("create")).click();
        appId = browser.findElement(By.id("client-id")).getText();

        browser.findElement(By.linkText("Audit events")).click();
        List<String> first = console.rows("audit-events", "data-id");
        assertThat(first).hasSize(20);
        WebElement newest = browser.findElement(By.cssSelector("#audit-events tbody tr"));
        assertThat(newest.getAttribute("data-action")).isEqualTo("created");
        assertThat(newest.getAttribute("data-object-type")).isEqualTo("client");
        assertThat(newest.getAttribute("data-object-id")).isEqualTo(appId);
        List<String> cells = cells(newest);
        assertThat(cells.subList(1, 5)).containsExactly("created", "client " + appId, "console", "admin");
        assertThat(cells.get(5)).isNotBlank();
        console.shot("21-audit-events");

        clickAndWait(By.id("older"));
        List<String> second = console.rows("audit-events", "data-id");
        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
        assertThat(console.rows("audit-events", "data-action")).containsExactly("updated", "created");
        assertThat(console.rows("audit-events", "data-object-type")).containsExactly("server", "server");
        assertThat(browser.findElements(By.id("older"))).isEmpty();
        clickAndWait(By.id("newer"));
        assertThat(console.rows("audit-events", "data-id")).isEqualTo(first);
    }

    @Test
    @Order(3)
    void theFiltersNarrowTheList() {
        filter(Map.of("event_subject", "client"));
        assertThat(console.rows("audit-events", "data-object-id")).containsExactly(appId);
        console.shot("22-audit-events-filtered");

        filter(Map.of("client_id", "console", "subject", "admin"));
        assertThat(console.rows("audit-events", "data-object-id")).containsExactly(appId);
        filter(Map.of("event_action", "updated"));
        assertThat(console.rows("audit-events", "data-action")).hasSize(20).containsOnly("updated");
        filter(Map.of("event_action", "updated", "client_id", "console"));
        assertThat(browser.findElement(By.id("no-events")).isDisplayed()).isTrue();
    }

    @Test
    @Order(4)
    void filtersByIpAndTimeRange() {
        console.open(WS + "/audit-events");
        String ip = cells(browser.findElement(By.cssSelector("#audit-events tbody tr"))).get(5);
        filter(Map.of("ip", ip, "event_subject", "client"));
        assertThat(console.rows("audit-events", "data-object-id")).containsExactly(appId);
        filter(Map.of("ip", "192.0.2.1"));
        assertThat(browser.findElements(By.id("no-events"))).hasSize(1);

        Instant now = console.server().clock.instant();
        filter(Map.of("timestamp_from", now.minus(Duration.ofHours(1)).toString(), "timestamp_to",
                now.plus(Duration.ofHours(1)).toString(), "event_subject", "client"));
        assertThat(console.rows("audit-events", "data-object-id")).containsExactly(appId);
        filter(Map.of("timestamp_to", now.minus(Duration.ofDays(1)).toString()));
        assertThat(browser.findElements(By.id("no-events"))).hasSize(1);
    }

    @Test
    @Order(5)
    void aBadTimeIsShownNextToItsField() {
        filter(Map.of("timestamp_from", "yesterday", "event_subject", "client"));
        assertThat(browser.findElement(By.id("timestamp_from-error")).getText()).contains("RFC 3339");
        assertThat(browser.findElement(By.id("timestamp_from")).getAttribute("value")).isEqualTo("yesterday");
        assertThat(browser.findElement(By.id("timestamp_from")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("event_subject")))
                .getFirstSelectedOption().getAttribute("value")).isEqualTo("client");
        assertThat(browser.findElements(By.id("audit-events"))).isEmpty();
        console.shot("23-audit-events-bad-time", browser.findElement(By.id("timestamp_from-error")));
    }

    @Test
    @Order(6)
    void createsAStaticIdpAndRefusesADuplicateId() {
        console.open(WS + "/idps");
        assertThat(browser.findElement(By.id("no-idps")).isDisplayed()).isTrue();
        createIdp("Partners", "partners");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Identity provider created.");
        assertThat(browser.findElement(By.cssSelector("#idp-partners h2")).getText()).startsWith("Partners");
        console.shot("24-identity-provider-created");

        createIdp("Impostor", "partners");
        assertThat(browser.findElement(By.id("id-error")).getText()).contains("already exists");
        assertThat(browser.findElement(By.id("id")).getAttribute("value")).isEqualTo("partners");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Impostor");
        console.shot("25-identity-provider-duplicate-id", browser.findElement(By.id("id-error")));
        List<?> idps = (List<?>) console.adminApi("GET", "/api/admin/default/servers/audited/idps", null)
                .get("idps");
        assertThat(idps).hasSize(1);
        assertThat(((Map<?, ?>) idps.get(0)).get("name")).isEqualTo("Partners");
    }

    @Test
    @Order(7)
    void editsTheMappingsAndRefusesOneWithoutTarget() {
        console.open(WS + "/idps");
        browser.findElement(By.id("edit-mappings-partners")).click();
        browser.findElement(By.id("source-0")).sendKeys("email");
        browser.findElement(By.id("target-0")).sendKeys("contact.email");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("type-0"))).selectByValue("string");
        saveMappings();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        browser.findElement(By.id("source-1")).sendKeys("tier");
        browser.findElement(By.id("static-1")).sendKeys("\"gold\"");
        saveMappings();
        assertThat(browser.findElement(By.id("target-1-error")).getText()).contains("target");
        assertThat(browser.findElement(By.id("source-1")).getAttribute("value")).isEqualTo("tier");
        console.shot("26-identity-provider-mappings-no-target", browser.findElement(By.id("target-1-error")));
        assertThat(mappings()).containsExactly(Map.<String, Object>of("source", "email", "target", "contact.email",
                "type", "string", "allow_weak_decoding", false));

        browser.findElement(By.id("target-1")).sendKeys("tier");
        saveMappings();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElement(By.id("static-1")).getAttribute("value")).isEqualTo("\"gold\"");
        console.shot("27-identity-provider-mappings");
        browser.findElement(By.id("remove-0")).click();
        saveMappings();
        assertThat(mappings()).containsExactly(Map.<String, Object>of("source", "tier", "target", "tier", "type",
                "string", "static", "gold", "allow_weak_decoding", false));
    }

    @Test
    @Order(8)
    void deletesTheIdpAfterConfirmation() {
        console.open(WS + "/idps");
        browser.findElement(By.id("delete-idp-partners")).click();
        browser.switchTo().alert().dismiss();
        assertThat(browser.findElements(By.id("idp-partners"))).hasSize(1);
        browser.findElement(By.id("delete-idp-partners")).click();
        browser.switchTo().alert().accept();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Identity provider deleted.");
        assertThat(browser.findElements(By.id("idp-partners"))).isEmpty();
        assertThat((List<?>) console.adminApi("GET", "/api/admin/default/servers/audited/idps", null).get("idps"))
                .isEmpty();
    }

    private static void saveMappings() {
        clickAndWait(By.id("save"));
    }

    /** Clicks, then waits until the next page has replaced this one (both may hold what the test looks for). */
    private static void clickAndWait(By by) {
        for (int attempt = 1; ; attempt++) {
            WebElement element = browser.findElement(by);
            try {
                element.click();
            } catch (org.openqa.selenium.WebDriverException e) {
                // the page replaced the element between finding and clicking it (the click never happened):
                // find it again; anything else is a failure
                if (!ConsoleBrowser.isDetached(e) || attempt == 3) {
                    throw e;
                }
                continue;
            }
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ConsoleBrowser.isGone(element));
            return;
        }
    }

    private static void createIdp(String name, String id) {
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("id")).clear();
        browser.findElement(By.id("id")).sendKeys(id);
        clickAndWait(By.id("create-idp"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mappings() {
        return (List<Object>) console.adminApi("GET", "/api/admin/default/servers/audited/idps/static/partners", null)
                .get("mappings");
    }

    /** Opens the audit page of workspace audited with these filters typed into its form. */
    private static void filter(Map<String, String> values) {
        console.open(WS + "/audit-events");
        values.forEach((name, value) -> {
            WebElement field = browser.findElement(By.id(name));
            if (field.getTagName().equals("select")) {
                new org.openqa.selenium.support.ui.Select(field).selectByValue(value);
            } else {
                field.clear();
                field.sendKeys(value);
            }
        });
        clickAndWait(By.id("filter"));
    }

    private static WebElement row(String module) {
        return browser.findElement(By.cssSelector("#rate-limits tr[data-module='" + module + "']"));
    }

    private static List<String> cells(WebElement row) {
        List<String> cells = new ArrayList<>();
        row.findElements(By.tagName("td")).forEach(td -> cells.add(td.getText().strip()));
        return cells;
    }
}
