package io.limbic.cluster.testkit;

import io.limbic.cluster.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own, configured by the environment like an operator would, with its output (stdout and
 * stderr) collected line by line; {@code drained} completes when the process has closed its output.
 */
public record NodeProcess(Process process, List<String> output, CompletableFuture<Void> drained) {

  /** Starts the node and waits until it says it is up. */
  public static NodeProcess start(Map<String, String> environment, List<String> jvmOptions) throws Exception {
    CompletableFuture<Void> up = new CompletableFuture<>();
    NodeProcess node = launch(environment, jvmOptions, up);
    node.drained.thenRun(
        () -> up.completeExceptionally(new AssertionError("the node exited before it was up: " + node.output)));
    up.get(120, TimeUnit.SECONDS);
    return node;
  }

  /** Starts the node and returns at once, before it is up (a test that watches it come up). */
  public static NodeProcess launch(Map<String, String> environment) throws Exception {
    return launch(environment, List.of(), new CompletableFuture<>());
  }

  /** The same with JVM options (system properties override the node's configuration). */
  public static NodeProcess launch(Map<String, String> environment, List<String> jvmOptions) throws Exception {
    return launch(environment, jvmOptions, new CompletableFuture<>());
  }

  /** Whether the node has said it is up. */
  public boolean isUp() {
    return output.stream().anyMatch(line -> line.startsWith("Limbic is up"));
  }

  /** Starts the node and waits for it to exit by itself (a start that must fail); returns the exit code. */
  public static int runToExit(Map<String, String> environment, List<String> jvmOptions, List<String> output)
      throws Exception {
    NodeProcess node = launch(environment, jvmOptions, new CompletableFuture<>());
    if (!node.process.waitFor(120, TimeUnit.SECONDS)) {
      node.kill();
      throw new AssertionError("the node did not exit: " + node.output);
    }
    node.awaitOutput();
    output.addAll(node.output);
    return node.process.exitValue();
  }

  private static NodeProcess launch(
      Map<String, String> environment, List<String> jvmOptions, CompletableFuture<Void> up) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("LIMBIC_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> drained = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  output.add(line);
                  if (line.startsWith("Limbic is up")) up.complete(null);
                }
              } catch (Exception ignored) {
                // the process ended
              }
              drained.complete(null);
            });
    reader.setDaemon(true);
    reader.start();
    return new NodeProcess(process, output, drained);
  }

  /** Waits until every line the process wrote has been collected (after it exited). */
  public List<String> awaitOutput() throws Exception {
    drained.get(30, TimeUnit.SECONDS);
    return List.copyOf(output);
  }

  /** SIGTERM: the JVM's shutdown hook runs CoordinatedShutdown. */
  public boolean terminate() throws InterruptedException {
    process.destroy();
    return process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGKILL: a crash; nothing gets to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
