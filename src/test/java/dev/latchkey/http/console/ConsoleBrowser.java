package dev.latchkey.http.console;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test server with Debian's chromium driving its console (headless, through chromedriver), for the console's
 * browser tests: opens pages, signs in, takes screenshots into {@code target/console-screenshots}, and calls the
 * Admin API to check what a page changed. Without chromium the test is skipped (failed when {@code CI=true}).
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/console-screenshots");

    private final TestServer server;
    private final WebDriver browser;
    private String adminToken;

    private ConsoleBrowser(TestServer server, WebDriver browser) {
        this.server = server;
        this.browser = browser;
    }

    /** Starts a test server and a headless chromium; skips the test class when chromium is missing. */
    static ConsoleBrowser start() throws IOException {
        return start(UnaryOperator.identity());
    }

    /** The same with the server's configuration changed by {@code customize}. */
    static ConsoleBrowser start(UnaryOperator<LatchkeyConfig> customize) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            assertThat("true".equals(System.getenv("CI")))
                    .as("CI=true: chromium and chromedriver must be installed (.ci/run installs them)").isFalse();
        }
        Assumptions.assumeTrue(present, "chromium or chromedriver is not installed (apt-get install -y chromium "
                + "chromium-driver): the console's browser test is skipped");
        TestServer server = TestServer.start(TestServer.freePort(), customize);
        Files.createDirectories(SHOTS);
        Path profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new ConsoleBrowser(server, browser);
    }

    TestServer server() {
        return server;
    }

    WebDriver browser() {
        return browser;
    }

    void open(String path) {
        browser.get(server.baseUrl() + path);
    }

    /** Signs in to tenant default's console as the bootstrap administrator, from the sign-in page. */
    void signInAsBootstrapAdministrator() {
        var credentials = server.server().bootstrapCredentials().orElseThrow();
        open("/app/default/admin");
        assertThat(browser.getCurrentUrl()).contains("/default/admin/login");
        signIn(credentials.consoleUsername(), credentials.consolePassword(), "/app/default/admin/workspaces");
    }

    /** The {@code attribute} of the rows of the table {@code tableId}'s body. */
    List<String> rows(String tableId, String attribute) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(row -> row.getAttribute(attribute)).toList();
    }

    /** Signs in on the login page the browser is on, then waits to be back on {@code path}. */
    void signIn(String username, String password, String path) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        awaitPage(path);
    }

    /** Waits (the sign-in is a chain of redirects) until the browser is on {@code path}, else fails with the page. */
    void awaitPage(String path) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith(path));
        } catch (TimeoutException e) {
            throw new AssertionError("not on " + path + " but on " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText());
        }
    }

    /**
     * Clicks {@code button} of a form with {@code data-confirm}, then accepts or dismisses the confirmation dialog;
     * returns the dialog's text.
     */
    String clickAndConfirm(By button, boolean accept) {
        WebElement element = browser.findElement(button);
        element.click();
        Alert alert = new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        String text = alert.getText();
        if (accept) {
            alert.accept();
            awaitNextPage(element);
        } else {
            alert.dismiss();
        }
        return text;
    }

    /** Clicks {@code button}, a form's submit button, and waits for the next page (not to read the old one). */
    void submit(By button) {
        WebElement element = browser.findElement(button);
        element.click();
        awaitNextPage(element);
    }

    /** Waits until the page the element was on is gone and the next one is completely loaded (under load the
     * browser can still be parsing it: an element found then may not belong to the final document). */
    private void awaitNextPage(WebElement onThePageBefore) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> isGone(onThePageBefore));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * True when the element no longer belongs to the page (it was replaced or the page changed). Selenium's
     * {@code stalenessOf} knows only the stale-element error; recent Chromium answers some such calls with
     * "unknown error: ... Node with given id does not belong to the document" instead.
     */
    static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            if (isDetached(e)) {
                return true;
            }
            throw e;
        }
    }

    /** The error says the element is not in the document any more (the call did not reach it). */
    static boolean isDetached(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /** Scrolls {@code element} into view (a field's error below the fold), then takes the screenshot. */
    void shot(String name, WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        shot(name);
    }

    void shot(String name) {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An Admin API call expected to answer 200, with the bootstrap admin application's token (obtained at the
     * first call and kept, so that a test may then remove the grant it was obtained with).
     */
    Map<String, Object> adminApi(String method, String path, String body) {
        return adminApi(method, path, body, 200);
    }

    /** An Admin API call expected to answer {@code status}. */
    Map<String, Object> adminApi(String method, String path, String body, int status) {
        HttpResponse<String> response = adminCall(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return TestServer.json(response);
    }

    /** An Admin API call as {@link #adminApi}, whatever its status. */
    HttpResponse<String> adminCall(String method, String path, String body) {
        if (adminToken == null) {
            adminToken = server.adminToken();
        }
        return send(method, path, adminToken, body);
    }

    /** An API call with {@code token} and a JSON body (or none). */
    HttpResponse<String> send(String method, String path, String token, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Override
    public void close() {
        browser.quit();
        server.close();
    }
}
