package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver. It is not optional: where the
 * browser test runs, a missing browser or driver is a failure (CI installs the {@code chromium} and
 * {@code chromium-driver} packages), never a skip. {@code LIMBIC_CHROMIUM} and {@code LIMBIC_CHROMEDRIVER} name
 * other binaries, e.g. on a developer's laptop. Both are named explicitly, so Selenium Manager never looks for (or
 * downloads) a driver or a browser.
 *
 * <p>chromedriver records every Network and Page event of every tab (its performance log) and what the pages wrote
 * to their consoles (its browser log); {@link BrowserPage#events} and {@link #consoleErrors} read them.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String DEFAULT_BINARY = "/usr/bin/chromium";
  public static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /**
   * Selenium's typed DevTools domains are not used here (commands go through chromedriver), so its warning that it
   * has none for this Chromium version is noise; the logger is held so the level sticks.
   */
  private static final Logger CDP_VERSIONS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSIONS.setLevel(Level.SEVERE);
  }

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path logs;
  private final List<JsonNode> events = new ArrayList<>();
  private String current;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path logs) {
    this.service = service;
    this.driver = driver;
    this.logs = logs;
  }

  public static HeadlessChromium launch() throws Exception {
    String binary = executable("LIMBIC_CHROMIUM", DEFAULT_BINARY, "Chromium", "chromium");
    String driverBinary = executable("LIMBIC_CHROMEDRIVER", DEFAULT_DRIVER, "chromedriver", "chromium-driver");
    Path logs = Files.createTempDirectory("limbic-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driverBinary))
            .usingAnyFreePort()
            .withLogFile(logs.resolve("chromedriver.log").toFile())
            .build();
    try {
      return new HeadlessChromium(service, new ChromeDriver(service, options(binary)), logs);
    } catch (WebDriverException e) {
      service.stop();
      String output = log(logs);
      deleteTree(logs);
      throw new AssertionError("Chromium did not start (" + e.getRawMessage() + "); chromedriver's output:\n" + output,
          e);
    }
  }

  private static String executable(String variable, String fallback, String what, String debianPackage) {
    String path = System.getenv().getOrDefault(variable, fallback);
    if (!Files.isExecutable(Paths.get(path))) {
      throw new AssertionError(what + " not found at " + path + ": install it (Debian: apt-get install "
          + debianPackage + ") or point " + variable + " at a " + what + " binary");
    }
    return path;
  }

  private static ChromeOptions options(String binary) {
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    logging.enable(LogType.PERFORMANCE, Level.ALL);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900");
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", true));
    return options;
  }

  /** A new tab; its events are those that arrive from now on. */
  public BrowserPage newPage() {
    synchronized (driver) {
      current = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
      return new BrowserPage(this, driver, current);
    }
  }

  /** Makes {@code handle} the tab WebDriver's commands go to; call it holding the driver's lock. */
  void focus(String handle) {
    if (!handle.equals(current)) {
      driver.switchTo().window(handle);
      current = handle;
    }
  }

  /** The tab {@code handle} was closed; the next command must switch to a tab that is still open. */
  void closed(String handle) {
    if (handle.equals(current)) current = null;
  }

  /** The params of every event named {@code method} that chromedriver saw in the tab {@code handle}. */
  List<JsonNode> events(String handle, String method) {
    synchronized (driver) {
      for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
        try {
          events.add(MAPPER.readTree(entry.getMessage()));
        } catch (IOException e) {
          throw new AssertionError("chromedriver logged an event that is not JSON: " + entry.getMessage(), e);
        }
      }
      return events.stream()
          .filter(e -> handle.equals(e.path("webview").asText()))
          .map(e -> e.path("message"))
          .filter(m -> method.equals(m.path("method").asText()))
          .map(m -> m.path("params"))
          .toList();
    }
  }

  /** What the pages logged at error level since the last call: console errors, uncaught exceptions, failed loads. */
  public List<String> consoleErrors() {
    synchronized (driver) {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
          .map(LogEntry::getMessage)
          .toList();
    }
  }

  /** What chromedriver (and the Chromium it started) printed, for failure messages. */
  public String log() {
    return log(logs);
  }

  private static String log(Path logs) {
    try {
      List<String> lines = Files.readAllLines(logs.resolve("chromedriver.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Ends the session (chromedriver closes Chromium and every process it started), then removes the logs. */
  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException ignored) {
      // the driver is stopped below either way
    } finally {
      service.stop();
      deleteTree(logs);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans up what is left
    }
  }
}
