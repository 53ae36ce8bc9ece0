package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.curator.test.TestingServer;
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

/** The page's fleet panel in a real headless Chromium, on a node of a fleet of one (a real ZooKeeper server). */
public class FleetPageIT {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private TestingServer zookeeper;
    private ApiKiln kiln;
    private WebDriver browser;

    @Before
    public void start() throws Exception {
        zookeeper = new TestingServer(true);
        kiln = ApiKiln.start(temp.newFolder("node").toPath().resolve("kiln"), Map.of("conf/io.kiln.fleet.cfg",
                "connect = " + zookeeper.getConnectString() + "\nfleet = page\nnode = solo\n"));
        browser = HeadlessChromium.open(temp.newFolder("chromium-profile").toPath());
    }

    @After
    public void stop() throws Exception {
        if (browser != null) {
            HeadlessChromium.close(browser, Path.of("target/fleet-page.png"));
        }
        if (kiln != null) {
            kiln.close();
        }
        zookeeper.close();
    }

    @Test
    public void thePanelShowsTheNodesAndARolloutStartedFromItsButtonToItsEnd() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.get(kiln.url.toString() + "#token=" + kiln.token);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fleet")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-summary"), "fleet page, this node solo"));
        WebElement node = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fleet-nodes tr[data-node='solo']")));
        assertTrue(node.getText(), node.getText().contains("yes"));
        assertEquals("no rollout yet", browser.findElement(By.id("fleet-rollout")).getText());

        browser.findElement(By.cssSelector("button[data-fleet='publish']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept(); // it acts on every node: asked once more
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fleet-rollout"), "SUCCEEDED"));
        assertTrue(browser.findElement(By.id("fleet-rollout")).getText().contains("canaries solo"));
        assertEquals("succeeded", browser.findElement(By.cssSelector("#fleet-steps li.current")).getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#fleet-nodes tr[data-node='solo']"), "r-0000000000"));
        assertTrue(browser.findElement(By.id("fleet-summary")).getText().endsWith("the fleet runs r-0000000000"));
        assertTrue("nothing to abort once it ended", !browser.findElement(By.cssSelector("button[data-fleet='abort']")).isEnabled());
        assertTrue(browser.findElement(By.id("message")).getText().contains("fleet: publish: rollout 1"));
    }
}
