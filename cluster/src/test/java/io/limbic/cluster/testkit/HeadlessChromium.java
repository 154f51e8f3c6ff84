package io.limbic.cluster.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, in a fresh profile, driven over the DevTools protocol. It is not optional: where
 * the browser test runs, a missing browser is a failure (CI installs the {@code chromium} package), never a skip.
 * {@code LIMBIC_CHROMIUM} names another binary, e.g. on a developer's laptop.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String DEFAULT_BINARY = "/usr/bin/chromium";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final int port;
  private final DevToolsConnection browser;

  private HeadlessChromium(Process process, Path profile, int port, DevToolsConnection browser) {
    this.process = process;
    this.profile = profile;
    this.port = port;
    this.browser = browser;
  }

  public static HeadlessChromium launch() throws Exception {
    String binary = System.getenv().getOrDefault("LIMBIC_CHROMIUM", DEFAULT_BINARY);
    if (!Files.isExecutable(Paths.get(binary))) {
      throw new AssertionError("Chromium not found at " + binary + ": install it (Debian: apt-get install chromium)"
          + " or point LIMBIC_CHROMIUM at a Chromium or Chrome binary");
    }
    Path profile = Files.createTempDirectory("limbic-chromium-");
    Process process =
        new ProcessBuilder(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    try {
      List<String> active = activePort(process, profile);
      int port = Integer.parseInt(active.get(0).trim());
      DevToolsConnection browser = DevToolsConnection.open(URI.create("ws://127.0.0.1:" + port + active.get(1).trim()));
      return new HeadlessChromium(process, profile, port, browser);
    } catch (Exception | AssertionError e) {
      stop(process);
      deleteTree(profile);
      throw e;
    }
  }

  /** Chromium writes its DevTools port and browser path to this file once it listens. */
  private static List<String> activePort(Process process, Path profile) throws Exception {
    Path file = profile.resolve("DevToolsActivePort");
    try {
      return Eventually.value(START_TIMEOUT, () -> {
        if (!process.isAlive()) throw new IllegalStateException("exited with " + process.exitValue());
        List<String> lines = Files.readAllLines(file);
        if (lines.size() < 2) throw new IllegalStateException("DevToolsActivePort not written yet");
        return lines;
      });
    } catch (Exception e) {
      throw new AssertionError("Chromium did not start (" + e.getMessage() + "); its output:\n" + log(profile), e);
    }
  }

  /** A new tab, and a DevTools connection to it. */
  public DevToolsConnection newPage() throws Exception {
    String targetId = browser.call("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    return DevToolsConnection.open(URI.create("ws://127.0.0.1:" + port + "/devtools/page/" + targetId));
  }

  /** What Chromium printed, for failure messages. */
  public String log() {
    return log(profile);
  }

  private static String log(Path profile) {
    try {
      List<String> lines = Files.readAllLines(profile.resolve("chromium.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Closes the browser and every process it started, then removes the profile. */
  @Override
  public void close() {
    try {
      browser.call("Browser.close");
    } catch (Exception | AssertionError ignored) {
      // it is killed below either way
    } finally {
      browser.close();
      stop(process);
      deleteTree(profile);
    }
  }

  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans up what is left
    }
  }
}
