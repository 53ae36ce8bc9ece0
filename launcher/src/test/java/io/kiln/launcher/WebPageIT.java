package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.google.gson.JsonParser;

/**
 * The web page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), driven by Selenium against the real distribution.
 */
public class WebPageIT {

    private static final String ALPHA = "kiln-sample-chain-alpha";
    private static final String BETA = "kiln-sample-chain-beta";
    private static final String CHARLIE = "kiln-sample-chain-charlie";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ApiKiln kiln;
    private WebDriver browser;
    private WebDriverWait wait;

    @Before
    public void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of());
        browser = HeadlessChromium.open(temp.newFolder("chromium-profile").toPath());
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @After
    public void stop() throws Exception {
        if (browser != null) {
            HeadlessChromium.close(browser, Path.of("target/web-page.png"));
        }
        if (kiln != null) {
            kiln.close();
        }
    }

    private void logIn() {
        browser.get(kiln.url.toString());
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys(kiln.token);
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#plugins tr[data-plugin='kiln-sample-chain-alpha']")));
        wait.until(ExpectedConditions.textToBe(By.id("stream-state"), "live"));
    }

    @Test
    public void theListRendersAndAReloadButtonReloadsWithTheEventShownLive() {
        logIn();
        String row = browser.findElement(By.cssSelector("#plugins tr[data-plugin='kiln-sample-chain-charlie']")).getText();
        assertTrue(row, row.contains("0.1.0.SNAPSHOT") && row.contains("ACTIVE"));
        assertTrue(browser.findElement(By.id("summary")).getText().contains("plugins"));
        assertTrue("no fleet panel on a Kiln that runs alone", !browser.findElement(By.id("fleet")).isDisplayed());

        browser.findElement(By.cssSelector("button[data-action='reload'][data-plugin='kiln-sample-chain-alpha']")).click();
        WebElement event = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#events li[data-plugin='kiln-sample-chain-alpha'][data-action='reload']")));
        assertTrue("recorded as made by the page: " + event.getText(), event.getText().contains("APPLIED") && event.getText().contains("by page"));
        // its dependents were reloaded too, and shown as they happened
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events li[data-plugin='kiln-sample-chain-charlie'][data-action='reload']")));
        String history = kiln.get("/api/v1/history?limit=3").body();
        assertTrue(history, history.contains("\"plugin\":\"kiln-sample-chain-alpha\"") && history.contains("\"trigger\":\"page\""));
    }

    @Test
    public void anInvalidConfigurationEditShowsItsErrorAndChangesNothing() throws Exception {
        logIn();
        Path file = kiln.home.resolve("conf/sample.greeting.cfg");
        String before = Files.readString(file);
        WebElement shout = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sections tr[data-pid='sample.greeting'] input[name='shout']")));
        shout.clear();
        shout.sendKeys("maybe");
        browser.findElement(By.cssSelector("#sections tr[data-pid='sample.greeting'] button[type=submit]")).click();
        WebElement error = browser.findElement(By.cssSelector("#sections tr[data-pid='sample.greeting'] .section-error"));
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#sections tr[data-pid='sample.greeting'] .section-error"), java.util.regex.Pattern.compile(".*shout.*")));
        assertTrue(error.getText(), error.getText().contains("maybe"));
        assertEquals(before, Files.readString(file));
        assertEquals("false", JsonParser.parseString(kiln.get("/api/v1/config/sample.greeting").body()).getAsJsonObject()
                .getAsJsonObject("properties").get("shout").getAsString());
    }

    @Test
    public void aPickedJarIsInstalledListedAndRemoved() throws Exception {
        logIn();
        Path jar = temp.getRoot().toPath().resolve("picked-plugin.jar");
        Files.write(jar, ApiKiln.pluginJar("it-picked", "1.2.3"));
        browser.findElement(By.id("jar")).sendKeys(jar.toString());
        wait.until(ExpectedConditions.textToBe(By.id("message"), "it-picked 1.2.3 is live (APPLIED)"));
        // the table is redrawn as events arrive: read the row afresh until it shows the plugin live
        wait.until(d -> {
            String row = d.findElement(By.cssSelector("#plugins tr[data-plugin='it-picked']")).getText();
            return row.contains("1.2.3") && row.contains("ACTIVE");
        });
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events li[data-plugin='it-picked'][data-action='install']")));
        assertTrue(Files.exists(kiln.home.resolve("hot/it-picked.jar")));

        // the list is drawn again on every change's event: the button is found and clicked in one go
        wait.until(d -> {
            d.findElement(By.cssSelector("button[data-action='remove'][data-plugin='it-picked']")).click();
            return true;
        });
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "it-picked removed"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#plugins tr[data-plugin='it-picked']")));
        assertTrue(Files.notExists(kiln.home.resolve("hot/it-picked.jar")));
    }

    @Test
    public void aLinkWithTheTokenInItsFragmentLogsInAndTheTokenLeavesTheAddressBar() throws Exception {
        // the link kiln page prints
        ApiKiln.ClientRun page = kiln.client("page");
        assertEquals(page.toString(), 0, page.exit());
        String link = page.out().strip();
        assertEquals(kiln.url.resolve("/") + "#token=" + kiln.token, link);
        browser.get(link);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#plugins tr[data-plugin='kiln-sample-chain-alpha']")));
        assertTrue("not asked for the token", !browser.findElement(By.id("token")).isDisplayed());
        assertTrue(browser.getCurrentUrl(), !browser.getCurrentUrl().contains("token"));
    }

    @Test
    public void aSectionWithAnUnknownKeyShowsTheWarning() throws Exception {
        logIn();
        Path file = kiln.home.resolve("conf/sample.greeting.cfg");
        Path staged = Files.writeString(kiln.home.resolve("data/sample.greeting.cfg.new"), "text = Hello\ncolour = blue\n");
        Files.move(staged, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        WebElement warning = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sections tr[data-pid='sample.greeting'] .warn")));
        assertTrue(warning.getText(), warning.getText().startsWith("warning: ") && warning.getText().contains("colour"));
    }

    @Test
    public void theHistoryIsFilteredByNameAndOutcome() throws Exception {
        logIn();
        assertEquals(200, kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/reload?dependents=false").statusCode());
        Path staged = Files.write(kiln.home.resolve("data/broken.jar.new"), "not a jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.move(staged, kiln.home.resolve("hot/broken.jar"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history tr[data-outcome='REJECTED']")));

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("history-outcome"))).selectByVisibleText("REJECTED");
        wait.until(d -> d.findElements(By.cssSelector("#history tbody tr")).stream()
                .allMatch(r -> "REJECTED".equals(r.getAttribute("data-outcome"))));
        assertTrue(browser.findElement(By.id("history")).getText().contains("broken.jar"));

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("history-outcome"))).selectByVisibleText("any");
        browser.findElement(By.id("history-name")).sendKeys("chain-alpha");
        wait.until(d -> {
            java.util.List<WebElement> rows = d.findElements(By.cssSelector("#history tbody tr"));
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.getAttribute("data-name").contains("chain-alpha"));
        });
        assertTrue(browser.findElement(By.id("history")).getText().contains("reload"));
    }

    @Test
    public void theGraphListsTheChainAndSelectingAPluginHighlightsWhatAChangeToItWouldRestart() {
        logIn();
        // the chain A <- B <- C, as text: each link with what it uses, and that a change does not restart through it
        for (String[] link : new String[][] { { ALPHA, BETA }, { BETA, CHARLIE } }) {
            WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "#graph-links li[data-provider='" + link[0] + "'][data-dependent='" + link[1] + "']")));
            assertEquals(link[0] + " ← " + link[1] + ": uses service io.kiln.sample.chain.ChainLink through a handle; a change to "
                    + link[0] + " does not restart it", item.getText());
            assertEquals("uses-service-through-handle", item.getAttribute("data-kind"));
        }
        // and drawn in layers by depth, each plugin with its state
        assertEquals(List.of("1", "2", "3"), List.of(ALPHA, BETA, CHARLIE).stream().map(p -> node(p).getAttribute("data-depth")).toList());
        assertTrue(node(CHARLIE).getText(), node(CHARLIE).getText().contains("ACTIVE"));
        assertTrue(node(CHARLIE).getAttribute("class"), node(CHARLIE).getAttribute("class").contains("state-ACTIVE"));

        // alpha, picked in the drawing: beta and charlie keep running, and the page says why
        wait.until(d -> {
            node(ALPHA).click();
            return true;
        });
        wait.until(ExpectedConditions.textMatches(By.id("graph-impact"), Pattern.compile("A change to " + ALPHA + " restarts: none\\..*")));
        String impact = browser.findElement(By.id("graph-impact")).getText();
        assertTrue(impact, impact.contains("Keeps running: " + BETA + " (uses service io.kiln.sample.chain.ChainLink through a handle); "
                + CHARLIE + " (depends on " + BETA + ", which depends on it)"));
        wait.until(d -> node(BETA).getAttribute("class").contains("keeps") && node(CHARLIE).getAttribute("class").contains("keeps")
                && node(ALPHA).getAttribute("class").contains("selected"));

        // the sample API, picked in the table: the whole chain restarts, in the order it starts
        wait.until(d -> {
            d.findElement(By.cssSelector("#graph-plugins button[data-select='kiln-sample-api']")).click();
            return true;
        });
        wait.until(ExpectedConditions.textMatches(By.id("graph-impact"), Pattern.compile("A change to kiln-sample-api restarts, in this order: .*")));
        impact = browser.findElement(By.id("graph-impact")).getText();
        assertTrue(impact, impact.indexOf(ALPHA + " (refreshed with kiln-sample-api") < impact.indexOf(BETA + " (refreshed")
                && impact.indexOf(BETA + " (refreshed") < impact.indexOf(CHARLIE + " (refreshed"));
        wait.until(d -> List.of(ALPHA, BETA, CHARLIE).stream().allMatch(p -> node(p).getAttribute("class").contains("restarts")));

        // drawn again from the event stream: a disabled charlie shows as such, the selection kept
        assertEquals(200, kiln.post("/api/v1/plugins/" + CHARLIE + "/disable").statusCode());
        wait.until(d -> node(CHARLIE).getText().contains("disabled") && node(CHARLIE).getAttribute("class").contains("state-DISABLED"));
        assertTrue(browser.findElement(By.id("graph-impact")).getText().startsWith("A change to kiln-sample-api restarts"));
        String row = browser.findElement(By.cssSelector("#graph-plugins tr[data-plugin='" + CHARLIE + "']")).getText();
        assertTrue(row, row.contains("RESOLVED, disabled"));
    }

    private WebElement node(String plugin) {
        return browser.findElement(By.cssSelector("#graph g.node[data-plugin='" + plugin + "']"));
    }

    @Test
    public void aWrongTokenIsAskedForAgain() {
        browser.get(kiln.url.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("not-the-token");
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "The token was not accepted."));
        assertTrue(browser.findElement(By.id("token")).isDisplayed());
    }
}
