package dev.latchkey.http.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's "Scopes &amp; services", "Keys" and workspace deletion in a browser (headless chromium): create a
 * service and a scope and see them listed; a duplicate and an empty scope name are shown next to the field and change
 * nothing; edit and delete a scope, delete a service, each deletion confirmed (a dismissed confirmation changes
 * nothing); rotate the signing keys and see the new current kid, revoke the rotated key; delete a workspace after
 * confirming, while the admin workspace is refused with the service's message. What each page changed is checked
 * through the Admin API. Screenshots go to {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesBrowserTest {

    private static final String WS = "/app/default/admin/workspaces/pages-ws";

    private static ConsoleBrowser console;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        console = ConsoleBrowser.start();
        browser = console.browser();
        HttpResponse<String> created = console.adminCall("POST", "/api/admin/default/servers",
                "{\"tenant_id\": \"default\", \"id\": \"pages-ws\", \"name\": \"Pages\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var credentials = console.server().server().bootstrapCredentials().orElseThrow();
        console.open("/app/default/admin");
        console.signIn(credentials.consoleUsername(), credentials.consolePassword(), "/app/default/admin/workspaces");
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void createsAServiceAndAScopeAndListsThem() {
        console.open(WS + "/settings");
        browser.findElement(By.linkText("Scopes & services")).click();
        browser.findElement(By.id("create-service")).click();
        browser.findElement(By.id("name")).sendKeys("Orders API");
        browser.findElement(By.id("id")).sendKeys("orders");
        browser.findElement(By.id("description")).sendKeys("Orders of the shop");
        console.shot("20-create-service");
        console.submit(By.id("create"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Service created.");
        assertThat(browser.findElement(By.cssSelector("#service-orders h2")).getText()).startsWith("Orders API");

        browser.findElement(By.id("add-scope-orders")).click();
        fillScope("orders.read", "Read your orders", "Lists the orders");
        console.shot("21-add-scope");
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Scope created.");
        assertThat(scopeNames("orders")).containsExactly("orders.read");
        console.shot("22-scopes-and-services", browser.findElement(By.id("service-orders")));

        Map<String, Object> scope = apiScope("orders.read");
        assertThat(scope).containsEntry("display_name", "Read your orders").containsEntry("description",
                "Lists the orders");
        assertThat(((Map<?, ?>) scope.get("service")).get("id")).isEqualTo("orders");
    }

    @Test
    @Order(2)
    void aDuplicateOrEmptyScopeNameIsShownByTheFieldAndChangesNothing() {
        List<Map<String, Object>> before = apiScopes();

        console.open(WS + "/services/orders/scopes/new");
        fillScope("orders.read", "Impostor", "");
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("name-error")).getText()).contains("already exists");
        assertThat(browser.findElement(By.id("name")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("display_name")).getAttribute("value")).isEqualTo("Impostor");
        console.shot("23-add-scope-duplicate-name", browser.findElement(By.id("name-error")));

        browser.findElement(By.id("name")).clear();
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("name-error")).getText()).contains("name is required");

        assertThat(apiScopes()).isEqualTo(before);
        assertThat(apiScope("orders.read")).containsEntry("display_name", "Read your orders");
    }

    @Test
    @Order(3)
    void editsAScope() {
        console.open(WS + "/services");
        browser.findElement(By.linkText("orders.read")).click();
        WebElement displayName = browser.findElement(By.id("display_name"));
        assertThat(displayName.getAttribute("value")).isEqualTo("Read your orders");
        displayName.clear();
        displayName.sendKeys("See your orders");
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElement(By.cssSelector("#service-orders tr[data-name='orders.read']")).getText())
                .contains("See your orders");
        assertThat(apiScope("orders.read")).containsEntry("display_name", "See your orders")
                .containsEntry("description", "Lists the orders");
    }

    @Test
    @Order(4)
    void deletesAScopeAndAServiceOnlyAfterConfirming() {
        console.open(WS + "/services/orders/scopes/new");
        fillScope("orders.write", "", "");
        console.submit(By.id("save"));
        assertThat(scopeNames("orders")).containsExactly("orders.read", "orders.write");
        By deleteWrite = By.cssSelector("#service-orders tr[data-name='orders.write'] button");

        assertThat(console.clickAndConfirm(deleteWrite, false)).contains("orders.write");
        assertThat(scopeNames("orders")).containsExactly("orders.read", "orders.write");
        assertThat(apiScopes()).extracting(s -> s.get("name")).contains("orders.write");

        console.clickAndConfirm(deleteWrite, true);
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Scope deleted.");
        assertThat(scopeNames("orders")).containsExactly("orders.read");
        assertThat(apiScopes()).extracting(s -> s.get("name")).doesNotContain("orders.write");

        assertThat(console.clickAndConfirm(By.id("delete-service-orders"), true)).contains("Orders API");
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("Service deleted");
        assertThat(browser.findElements(By.id("service-orders"))).isEmpty();
        assertThat(console.adminCall("GET", "/api/admin/default/services/orders", null).statusCode())
                .isEqualTo(404);
        assertThat(apiScopes()).extracting(s -> s.get("name")).doesNotContain("orders.read");
    }

    @Test
    @Order(5)
    void rotatesTheSigningKeysAndRevokesTheRotatedKey() {
        console.open(WS + "/settings");
        browser.findElement(By.linkText("Keys")).click();
        String current = kid("signing-keys", "current");
        String next = kid("signing-keys", "next");
        assertThat(browser.findElements(By.cssSelector("#encryption-keys tr[data-status=current]"))).hasSize(1);
        console.shot("24-keys");

        assertThat(console.clickAndConfirm(By.id("rotate-sig"), false)).contains("Rotate the signing keys");
        assertThat(kid("signing-keys", "current")).isEqualTo(current);

        console.clickAndConfirm(By.id("rotate-sig"), true);
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("Signing keys rotated");
        assertThat(kid("signing-keys", "current")).isEqualTo(next);
        assertThat(kid("signing-keys", "next")).isNotIn(current, next);
        assertThat(kid("signing-keys", "rotated")).isEqualTo(current);
        console.shot("25-keys-rotated");
        assertThat(((Map<?, ?>) console.adminApi("GET", "/api/admin/default/servers/pages-ws/keys", null)
                .get("current_key")).get("kid")).isEqualTo(next);

        console.clickAndConfirm(By.id("revoke-" + current), true);
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("Key revoked");
        assertThat(kid("signing-keys", "revoked")).isEqualTo(current);
        assertThat(browser.findElements(By.cssSelector("#signing-keys tr[data-status=rotated]"))).isEmpty();
    }

    @Test
    @Order(6)
    void refusesToDeleteTheAdminWorkspace() {
        console.open("/app/default/admin/workspaces/admin/settings");
        console.clickAndConfirm(By.id("delete-workspace"), true);
        assertThat(browser.findElement(By.id("delete-error")).getText())
                .isEqualTo("The admin workspace cannot be deleted");
        console.shot("26-delete-admin-workspace-refused", browser.findElement(By.id("delete-error")));
        assertThat(console.adminApi("GET", "/api/admin/default/servers/admin", null)).containsEntry("id", "admin");
    }

    @Test
    @Order(7)
    void deletesAWorkspaceOnlyAfterConfirming() {
        console.open(WS + "/settings");
        assertThat(console.clickAndConfirm(By.id("delete-workspace"), false)).contains("pages-ws");
        assertThat(console.adminCall("GET", "/api/admin/default/servers/pages-ws", null).statusCode())
                .isEqualTo(200);

        console.clickAndConfirm(By.id("delete-workspace"), true);
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Workspace deleted.");
        assertThat(browser.getCurrentUrl()).contains("/app/default/admin/workspaces?deleted");
        assertThat(browser.findElements(By.cssSelector("#workspaces tr[data-id='pages-ws']"))).isEmpty();
        console.shot("27-workspace-deleted");
        assertThat(console.adminCall("GET", "/api/admin/default/servers/pages-ws", null).statusCode())
                .isEqualTo(404);
    }

    private static void fillScope(String name, String displayName, String description) {
        Map.of("name", name, "display_name", displayName, "description", description).forEach((field, value) -> {
            if (!value.isEmpty()) {
                browser.findElement(By.id(field)).sendKeys(value);
            }
        });
    }

    private static List<String> scopeNames(String serviceId) {
        return browser.findElements(By.cssSelector("#service-" + serviceId + " tr[data-name]")).stream()
                .map(row -> row.getAttribute("data-name")).toList();
    }

    /** The kid of the one key of {@code status} in the table of {@code section}. */
    private static String kid(String section, String status) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#" + section + " tr[data-status=" + status + "]"));
        assertThat(rows).as(status + " keys").hasSize(1);
        return rows.getFirst().getAttribute("data-kid");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> apiScopes() {
        return (List<Map<String, Object>>) console.adminApi("GET", "/api/admin/default/servers/pages-ws/scopes", null)
                .get("scopes");
    }

    private static Map<String, Object> apiScope(String name) {
        return apiScopes().stream().filter(s -> name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no scope " + name));
    }
}
