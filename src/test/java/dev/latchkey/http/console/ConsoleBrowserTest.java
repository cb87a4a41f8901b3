package dev.latchkey.http.console;

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

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document's steps 1-5 done by a person in a browser (Debian's chromium, headless, through
 * chromedriver): sign in to the console as the bootstrap administrator, enable client credentials on the admin
 * workspace, create a service application, add the grant type in its OAuth view, visit its Scopes view, read the
 * token endpoint, client id and secret from its Overview. Then, over plain HTTP, a token with those values creates
 * a workspace through the Admin API, and the console's list shows it. Bad inputs show their error next to the
 * field and change nothing. Screenshots of every page go to {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static ConsoleBrowser console;
    private static TestServer server;
    private static WebDriver browser;
    private static String clientId;

    @BeforeAll
    static void start() throws IOException {
        console = ConsoleBrowser.start();
        server = console.server();
        browser = console.browser();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void signsInAsTheBootstrapAdministrator() {
        var credentials = server.server().bootstrapCredentials().orElseThrow();
        console.open("/app/default/admin");
        assertThat(browser.getCurrentUrl()).contains("/default/admin/login");
        console.shot("00-sign-in");
        console.signIn(credentials.consoleUsername(), credentials.consolePassword(), "/app/default/admin/workspaces");
        assertThat(rows()).contains("admin", "default", "system");
        console.shot("01-workspaces");
    }

    @Test
    @Order(2)
    void doesTheSeedStepsThroughTheUiAndTheirResultWorksOverHttp() throws Exception {
        // the admin workspace starts without client credentials here, so that step 1 really enables them
        console.adminApi("PUT", "/api/admin/default/servers/admin", withoutClientCredentials());

        // 1. Auth Settings > OAuth > Authorization > Allowed grant types > Client credentials > Save changes
        console.submit(By.linkText("admin"));
        WebElement clientCredentials = browser.findElement(By.id("grant_types-client_credentials"));
        assertThat(clientCredentials.isSelected()).isFalse();
        clientCredentials.click();
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElement(By.id("grant_types-client_credentials")).isSelected()).isTrue();
        console.shot("02-auth-settings");

        // 2. create a Service Application in the same workspace
        console.submit(By.linkText("Applications"));
        console.shot("03-applications");
        console.submit(By.id("create-app"));
        browser.findElement(By.id("type-service")).click();
        browser.findElement(By.id("client_name")).sendKeys("Seed service");
        console.shot("04-create-application");
        console.submit(By.id("create"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Seed service");

        // 3. the OAuth view: client_credentials in Grant Types
        console.submit(By.id("tab-oauth"));
        WebElement grant = browser.findElement(By.id("grant_types-client_credentials"));
        if (!grant.isSelected()) {
            grant.click();
        }
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElement(By.id("grant_types-client_credentials")).isSelected()).isTrue();
        console.shot("05-application-oauth");

        // 4. the Scopes view (optional in the seed): nothing to add for this guide
        console.submit(By.id("tab-scopes"));
        assertThat(browser.findElement(By.id("scopes-form")).isDisplayed()).isTrue();
        console.shot("06-application-scopes");

        // 5. the Overview: token endpoint, client id, client secret (revealed)
        console.submit(By.id("tab-overview"));
        String tokenEndpoint = browser.findElement(By.id("token-endpoint")).getText();
        clientId = browser.findElement(By.id("client-id")).getText();
        assertThat(browser.findElement(By.id("client-secret")).isDisplayed()).isFalse();
        browser.findElement(By.id("reveal-secret")).click();
        String secret = browser.findElement(By.id("client-secret")).getText();
        console.shot("07-application-overview");
        assertThat(tokenEndpoint).isEqualTo(server.baseUrl() + "/default/admin/oauth2/token");
        assertThat(secret).isNotBlank();

        // the seed's token request, then an Admin API call with the token
        HttpResponse<String> token = server.send(HttpRequest.newBuilder(java.net.URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = (String) TestServer.json(token).get("access_token");
        HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/api/admin/default/servers"))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tenant_id\": \"default\", \"id\": \"from-the-seed\", \"name\": \"From the seed\"}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        console.open("/app/default/admin/workspaces?q=from-the-seed");
        assertThat(rows()).containsExactly("from-the-seed");
        console.shot("08-workspace-created-through-the-api");
    }

    @Test
    @Order(3)
    void createsAWorkspaceAndShowsADuplicateIdNextToTheField() {
        console.open("/app/default/admin/workspaces/new");
        browser.findElement(By.id("id")).sendKeys("console-made");
        browser.findElement(By.id("name")).sendKeys("Made in the console");
        console.submit(By.id("create"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Workspace created.");

        console.open("/app/default/admin/workspaces/new");
        browser.findElement(By.id("id")).sendKeys("console-made");
        browser.findElement(By.id("name")).sendKeys("Another name");
        console.submit(By.id("create"));
        assertThat(browser.findElement(By.id("id-error")).getText()).contains("already exists");
        assertThat(browser.findElement(By.id("id")).getAttribute("aria-invalid")).isEqualTo("true");
        console.shot("09-create-workspace-duplicate-id");
        assertThat(console.adminApi("GET", "/api/admin/default/servers/console-made", null).get("name"))
                .isEqualTo("Made in the console");
    }

    @Test
    @Order(4)
    void aBadDurationIsShownNextToItsFieldAndNothingIsSaved() {
        Object before = console.adminApi("GET", "/api/admin/default/servers/console-made", null)
                .get("access_token_ttl");
        console.open("/app/default/admin/workspaces/console-made/settings");
        WebElement ttl = browser.findElement(By.id("access_token_ttl"));
        ttl.clear();
        ttl.sendKeys("ten minutes");
        browser.findElement(By.id("grant_types-password")).click();
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("access_token_ttl-error")).getText()).contains("access_token_ttl");
        assertThat(browser.findElement(By.id("access_token_ttl")).getAttribute("value")).isEqualTo("ten minutes");
        assertThat(browser.findElement(By.id("form-error")).getText()).contains("access_token_ttl");
        console.shot("10-auth-settings-bad-duration", browser.findElement(By.id("access_token_ttl-error")));
        Map<String, Object> after = console.adminApi("GET", "/api/admin/default/servers/console-made", null);
        assertThat(after.get("access_token_ttl")).isEqualTo(before);
        assertThat(after.get("grant_types").toString()).doesNotContain("password");
    }

    @Test
    @Order(5)
    void anInvalidRedirectUriIsShownNextToItsFieldAndNothingIsSaved() {
        console.open("/app/default/admin/workspaces/admin/apps/" + clientId + "/oauth");
        browser.findElement(By.id("redirect_uris")).sendKeys("https://app.example.com/callback#fragment");
        console.submit(By.id("save"));
        assertThat(browser.findElement(By.id("redirect_uris-error")).getText()).contains("Invalid redirect URI");
        console.shot("11-application-oauth-invalid-redirect-uri", browser.findElement(By.id("redirect_uris-error")));
        assertThat((List<?>) console.adminApi("GET", "/api/admin/default/clients/" + clientId, null)
                .get("redirect_uris")).isEmpty();
    }

    @Test
    @Order(6)
    void aDuplicateClientIdIsShownNextToItsFieldAndNothingIsCreated() {
        console.open("/app/default/admin/workspaces/admin/apps/new");
        browser.findElement(By.id("type-server_web")).click();
        browser.findElement(By.id("client_name")).sendKeys("Impostor");
        browser.findElement(By.id("client_id")).sendKeys(clientId);
        console.submit(By.id("create"));
        assertThat(browser.findElement(By.id("client_id-error")).getText()).contains("already exists");
        console.shot("12-create-application-duplicate-id");
        assertThat(console.adminApi("GET", "/api/admin/default/clients/" + clientId, null).get("client_name"))
                .isEqualTo("Seed service");
    }

    @Test
    @Order(7)
    void addsAnAdministratorToTheStaticIdpAndRefusesADuplicateUsername() {
        console.open("/app/default/admin/workspaces/admin/idps");
        addUser("second-admin", "second-admin-password");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        addUser("second-admin", "another-password");
        assertThat(browser.findElement(By.id("username-administrators-error")).getText()).contains("unique");
        console.shot("13-identity-providers-duplicate-username",
                browser.findElement(By.id("username-administrators-error")));
        assertThat(browser.findElements(By.cssSelector("#idp-administrators tr[data-username]")).stream()
                .map(row -> row.getAttribute("data-username")).toList()).containsExactly("admin", "second-admin");
    }

    @Test
    @Order(8)
    void signsOutAndTheNewAdministratorSignsIn() {
        console.open("/app/default/admin/workspaces");
        browser.findElement(By.cssSelector("form.signout button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().equals("Signed out")); // the POST's answer
        console.shot("14-signed-out");
        console.open("/app/default/admin/workspaces");
        assertThat(browser.getCurrentUrl()).contains("/default/admin/login");
        console.signIn("second-admin", "second-admin-password", "/app/default/admin/workspaces");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).isEqualTo("second-admin");
    }

    @Test
    @Order(9)
    void typingInTheSearchBoxNarrowsTheListWithoutLoadingAPage() {
        console.open("/app/default/admin/workspaces");
        assertThat(rows()).contains("admin", "default", "from-the-seed");
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.samePage = true;"); // gone if the browser loads a page
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("return typeof htmx === 'object';")));
        browser.findElement(By.id("q")).sendKeys("from-the");
        wait.until(d -> rows().equals(List.of("from-the-seed")));
        assertThat(js.executeScript("return window.samePage === true;")).isEqualTo(true);
        assertThat(browser.getCurrentUrl()).endsWith("/app/default/admin/workspaces?q=from-the"); // shareable
        console.shot("15-workspaces-live-search");
    }

    private static void addUser(String username, String password) {
        browser.findElement(By.id("username-administrators")).sendKeys(username);
        browser.findElement(By.id("password-administrators")).sendKeys(password);
        console.submit(By.id("add-user-administrators"));
    }

    private static List<String> rows() {
        return console.rows("workspaces", "data-id");
    }

    private static String withoutClientCredentials() {
        Map<String, Object> admin = console.adminApi("GET", "/api/admin/default/servers/admin", null);
        List<?> grants = ((List<?>) admin.get("grant_types")).stream()
                .filter(g -> !g.equals("client_credentials")).toList();
        admin.put("grant_types", grants);
        return dev.latchkey.support.Json.write(admin);
    }
}
