package io.limbic.cluster.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * npm packages a test runs (the real PostHog SDKs): the committed {@code package.json} and
 * {@code package-lock.json} under {@code src/test/resources/<name>} are copied to {@code target/<name>} and installed
 * there with {@code npm ci}, so every machine gets the pinned versions. Without npm, or offline, the test is skipped
 * with a message saying why.
 */
public final class NpmPackages {
  private NpmPackages() {}

  public static Path install(String name) throws IOException, InterruptedException {
    Path source = Path.of("src", "test", "resources", name);
    Path dir = Path.of("target", name).toAbsolutePath();
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path log = dir.resolve("npm-ci.log");
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefix", dir.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      Assumptions.abort("npm is not installed (Node 20 and npm are needed for " + name + "): " + e.getMessage());
      throw e;
    }
    boolean done = npm.waitFor(300, TimeUnit.SECONDS);
    if (!done) npm.destroyForcibly();
    Assumptions.assumeTrue(done && npm.exitValue() == 0,
        "npm ci could not install " + name + " (offline?); see " + dir + File.separator + "npm-ci.log:\n"
            + Files.readString(log));
    return dir;
  }

  /**
   * Runs {@code node <script> <args...>} in an installed package's folder and returns what it printed; a script that
   * does not finish within two minutes or exits non-zero fails the test with that output.
   */
  public static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Process run = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    Assertions.assertTrue(run.waitFor(120, TimeUnit.SECONDS), script + " did not finish");
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assertions.assertEquals(0, run.exitValue(), script + " failed: " + output);
    return output;
  }
}
