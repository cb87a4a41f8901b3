package dev.latchkey.http.console;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/console-screenshots");

    private static TestServer server;
    private static WebDriver browser;
    private static Path profile;
    private static String clientId;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            assertThat("true".equals(System.getenv("CI")))
                    .as("CI=true: chromium and chromedriver must be installed (.ci/run installs them)").isFalse();
        }
        Assumptions.assumeTrue(present, "chromium or chromedriver is not installed (apt-get install -y chromium "
                + "chromium-driver): the console's browser test is skipped");
        server = TestServer.start();
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void signsInAsTheBootstrapAdministrator() {
        var credentials = server.server().bootstrapCredentials().orElseThrow();
        open("/app/default/admin");
        assertThat(browser.getCurrentUrl()).contains("/default/admin/login");
        shot("00-sign-in");
        browser.findElement(By.id("username")).sendKeys(credentials.consoleUsername());
        browser.findElement(By.id("password")).sendKeys(credentials.consolePassword());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        awaitPage("/app/default/admin/workspaces");
        assertThat(rows()).contains("admin", "default", "system");
        shot("01-workspaces");
    }

    @Test
    @Order(2)
    void doesTheSeedStepsThroughTheUiAndTheirResultWorksOverHttp() throws Exception {
        // the admin workspace starts without client credentials here, so that step 1 really enables them
        adminApi("PUT", "/api/admin/default/servers/admin", withoutClientCredentials());

        // 1. Auth Settings > OAuth > Authorization > Allowed grant types > Client credentials > Save changes
        browser.findElement(By.linkText("admin")).click();
        WebElement clientCredentials = browser.findElement(By.id("grant_types-client_credentials"));
        assertThat(clientCredentials.isSelected()).isFalse();
        clientCredentials.click();
        browser.findElement(By.id("save")).click();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElement(By.id("grant_types-client_credentials")).isSelected()).isTrue();
        shot("02-auth-settings");

        // 2. create a Service Application in the same workspace
        browser.findElement(By.linkText("Applications")).click();
        shot("03-applications");
        browser.findElement(By.id("create-app")).click();
        browser.findElement(By.id("type-service")).click();
        browser.findElement(By.id("client_name")).sendKeys("Seed service");
        shot("04-create-application");
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Seed service");

        // 3. the OAuth view: client_credentials in Grant Types
        browser.findElement(By.id("tab-oauth")).click();
        WebElement grant = browser.findElement(By.id("grant_types-client_credentials"));
        if (!grant.isSelected()) {
            grant.click();
        }
        browser.findElement(By.id("save")).click();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElement(By.id("grant_types-client_credentials")).isSelected()).isTrue();
        shot("05-application-oauth");

        // 4. the Scopes view (optional in the seed): nothing to add for this guide
        browser.findElement(By.id("tab-scopes")).click();
        assertThat(browser.findElement(By.id("scopes-form")).isDisplayed()).isTrue();
        shot("06-application-scopes");

        // 5. the Overview: token endpoint, client id, client secret (revealed)
        browser.findElement(By.id("tab-overview")).click();
        String tokenEndpoint = browser.findElement(By.id("token-endpoint")).getText();
        clientId = browser.findElement(By.id("client-id")).getText();
        assertThat(browser.findElement(By.id("client-secret")).isDisplayed()).isFalse();
        browser.findElement(By.id("reveal-secret")).click();
        String secret = browser.findElement(By.id("client-secret")).getText();
        shot("07-application-overview");
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

        open("/app/default/admin/workspaces?q=from-the-seed");
        assertThat(rows()).containsExactly("from-the-seed");
        shot("08-workspace-created-through-the-api");
    }

    @Test
    @Order(3)
    void createsAWorkspaceAndShowsADuplicateIdNextToTheField() {
        open("/app/default/admin/workspaces/new");
        browser.findElement(By.id("id")).sendKeys("console-made");
        browser.findElement(By.id("name")).sendKeys("Made in the console");
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Workspace created.");

        open("/app/default/admin/workspaces/new");
        browser.findElement(By.id("id")).sendKeys("console-made");
        browser.findElement(By.id("name")).sendKeys("Another name");
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.id("id-error")).getText()).contains("already exists");
        assertThat(browser.findElement(By.id("id")).getAttribute("aria-invalid")).isEqualTo("true");
        shot("09-create-workspace-duplicate-id");
        assertThat(adminApi("GET", "/api/admin/default/servers/console-made", null).get("name"))
                .isEqualTo("Made in the console");
    }

    @Test
    @Order(4)
    void aBadDurationIsShownNextToItsFieldAndNothingIsSaved() {
        Object before = adminApi("GET", "/api/admin/default/servers/console-made", null).get("access_token_ttl");
        open("/app/default/admin/workspaces/console-made/settings");
        WebElement ttl = browser.findElement(By.id("access_token_ttl"));
        ttl.clear();
        ttl.sendKeys("ten minutes");
        browser.findElement(By.id("grant_types-password")).click();
        browser.findElement(By.id("save")).click();
        assertThat(browser.findElement(By.id("access_token_ttl-error")).getText()).contains("access_token_ttl");
        assertThat(browser.findElement(By.id("access_token_ttl")).getAttribute("value")).isEqualTo("ten minutes");
        assertThat(browser.findElement(By.id("form-error")).getText()).contains("access_token_ttl");
        shot("10-auth-settings-bad-duration", browser.findElement(By.id("access_token_ttl-error")));
        Map<String, Object> after = adminApi("GET", "/api/admin/default/servers/console-made", null);
        assertThat(after.get("access_token_ttl")).isEqualTo(before);
        assertThat(after.get("grant_types").toString()).doesNotContain("password");
    }

    @Test
    @Order(5)
    void anInvalidRedirectUriIsShownNextToItsFieldAndNothingIsSaved() {
        open("/app/default/admin/workspaces/admin/apps/" + clientId + "/oauth");
        browser.findElement(By.id("redirect_uris")).sendKeys("https://app.example.com/callback#fragment");
        browser.findElement(By.id("save")).click();
        assertThat(browser.findElement(By.id("redirect_uris-error")).getText()).contains("Invalid redirect URI");
        shot("11-application-oauth-invalid-redirect-uri", browser.findElement(By.id("redirect_uris-error")));
        assertThat((List<?>) adminApi("GET", "/api/admin/default/clients/" + clientId, null).get("redirect_uris"))
                .isEmpty();
    }

    @Test
    @Order(6)
    void aDuplicateClientIdIsShownNextToItsFieldAndNothingIsCreated() {
        open("/app/default/admin/workspaces/admin/apps/new");
        browser.findElement(By.id("type-server_web")).click();
        browser.findElement(By.id("client_name")).sendKeys("Impostor");
        browser.findElement(By.id("client_id")).sendKeys(clientId);
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.id("client_id-error")).getText()).contains("already exists");
        shot("12-create-application-duplicate-id");
        assertThat(adminApi("GET", "/api/admin/default/clients/" + clientId, null).get("client_name"))
                .isEqualTo("Seed service");
    }

    @Test
    @Order(7)
    void addsAnAdministratorToTheStaticIdpAndRefusesADuplicateUsername() {
        open("/app/default/admin/workspaces/admin/idps");
        addUser("second-admin", "second-admin-password");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Changes saved.");
        addUser("second-admin", "another-password");
        assertThat(browser.findElement(By.id("username-administrators-error")).getText()).contains("unique");
        shot("13-identity-providers-duplicate-username", browser.findElement(By.id("username-administrators-error")));
        assertThat(browser.findElements(By.cssSelector("#idp-administrators tr[data-username]")).stream()
                .map(row -> row.getAttribute("data-username")).toList()).containsExactly("admin", "second-admin");
    }

    @Test
    @Order(8)
    void signsOutAndTheNewAdministratorSignsIn() {
        open("/app/default/admin/workspaces");
        browser.findElement(By.cssSelector("form.signout button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().equals("Signed out")); // the POST's answer
        shot("14-signed-out");
        open("/app/default/admin/workspaces");
        assertThat(browser.getCurrentUrl()).contains("/default/admin/login");
        browser.findElement(By.id("username")).sendKeys("second-admin");
        browser.findElement(By.id("password")).sendKeys("second-admin-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        awaitPage("/app/default/admin/workspaces");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).isEqualTo("second-admin");
    }

    @Test
    @Order(9)
    void typingInTheSearchBoxNarrowsTheListWithoutLoadingAPage() {
        open("/app/default/admin/workspaces");
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
        shot("15-workspaces-live-search");
    }

    private static void addUser(String username, String password) {
        browser.findElement(By.id("username-administrators")).sendKeys(username);
        browser.findElement(By.id("password-administrators")).sendKeys(password);
        browser.findElement(By.id("add-user-administrators")).click();
    }

    /** Waits (the sign-in is a chain of redirects) until the browser is on {@code path}, else fails with the page. */
    private static void awaitPage(String path) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                    .until(d -> d.getCurrentUrl().endsWith(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not on " + path + " but on " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText());
        }
    }

    private static void open(String path) {
        browser.get(server.baseUrl() + path);
    }

    private static List<String> rows() {
        return browser.findElements(By.cssSelector("#workspaces tbody tr")).stream()
                .map(row -> row.getAttribute("data-id")).toList();
    }

    /** Scrolls {@code element} into view (a field's error below the fold), then takes the screenshot. */
    private static void shot(String name, WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", element);
        shot(name);
    }

    private static void shot(String name) {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String withoutClientCredentials() {
        Map<String, Object> admin = adminApi("GET", "/api/admin/default/servers/admin", null);
        List<?> grants = ((List<?>) admin.get("grant_types")).stream()
                .filter(g -> !g.equals("client_credentials")).toList();
        admin.put("grant_types", grants);
        return dev.latchkey.support.Json.write(admin);
    }

    /** An Admin API call with the bootstrap admin application's token (obtained before step 1 removes the grant). */
    private static Map<String, Object> adminApi(String method, String path, String body) {
        if (adminToken == null) {
            adminToken = server.adminToken();
        }
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    private static String adminToken;
}
