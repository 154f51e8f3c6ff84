package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * One tab of a {@link HeadlessChromium}: DevTools commands go to it through chromedriver (Selenium's
 * {@code executeCdpCommand}), scripts run in it through WebDriver, and its events are read from chromedriver's
 * performance log, which holds every Network and Page event (enabling those domains is harmless but not needed).
 */
public final class BrowserPage implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HeadlessChromium browser;
  private final ChromeDriver driver;
  private final String handle;

  BrowserPage(HeadlessChromium browser, ChromeDriver driver, String handle) {
    this.browser = browser;
    this.driver = driver;
    this.handle = handle;
  }

  public JsonNode call(String method) {
    return call(method, Map.of());
  }

  /** Sends a DevTools command to this tab and returns its result; a protocol error fails the test. */
  public JsonNode call(String method, Map<String, ?> params) {
    synchronized (driver) {
      focus();
      try {
        return MAPPER.valueToTree(driver.executeCdpCommand(method, new LinkedHashMap<>(params)));
      } catch (WebDriverException e) {
        throw new AssertionError(method + " failed: " + e.getRawMessage(), e);
      }
    }
  }

  /**
   * Evaluates a JavaScript expression in the page's global scope, waiting for it if it is a promise, and returns
   * its value as JSON; an exception in the page fails the test with its message.
   */
  public JsonNode evaluate(String expression) {
    synchronized (driver) {
      focus();
      try {
        return MAPPER.valueToTree(driver.executeScript("return (0, eval)(arguments[0]);", expression));
      } catch (JavascriptException e) {
        throw new AssertionError("page threw on `" + expression + "`: " + e.getRawMessage(), e);
      }
    }
  }

  /** Between two clicks of {@link #click}: about eight a second, a fast person's pace. */
  public static final java.time.Duration CLICK_GAP = java.time.Duration.ofMillis(120);

  /**
   * Clicks the element {@code cssSelector} names {@code times} times on the same spot, as one WebDriver action
   * sequence of real (trusted) mouse events, {@link #CLICK_GAP} apart as a person hammering a button makes them.
   * Back to back, two clicks can fall in one millisecond: pages stamp events in whole milliseconds, and a session
   * takes a second sample at a time it has already analysed as late (ReorderBuffer), which no person's clicks are.
   */
  public void click(String cssSelector, int times) {
    synchronized (driver) {
      focus();
      try {
        Actions clicks = new Actions(driver).moveToElement(driver.findElement(By.cssSelector(cssSelector)));
        for (int i = 0; i < times; i++) clicks = (i == 0 ? clicks : clicks.pause(CLICK_GAP)).click();
        clicks.perform();
      } catch (WebDriverException e) {
        throw new AssertionError("could not click " + cssSelector + ": " + e.getRawMessage(), e);
      }
    }
  }

  /** The params of every event named {@code method} this tab has had so far. */
  public List<JsonNode> events(String method) {
    return browser.events(handle, method);
  }

  private void focus() {
    browser.focus(handle);
  }

  /** Closes the tab. */
  @Override
  public void close() {
    synchronized (driver) {
      try {
        focus();
        driver.close();
        browser.closed(handle);
      } catch (WebDriverException ignored) {
        // the browser is quit by HeadlessChromium either way
      }
    }
  }
}
