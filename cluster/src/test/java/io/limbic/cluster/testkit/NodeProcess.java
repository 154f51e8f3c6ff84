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

/** A node in a JVM of its own, configured by the environment like an operator would, with its output collected. */
public record NodeProcess(Process process, List<String> output) {

  public static NodeProcess start(Map<String, String> environment, List<String> jvmOptions) throws Exception {
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
    CompletableFuture<Void> up = new CompletableFuture<>();
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
              up.completeExceptionally(new AssertionError("the node exited before it was up: " + output));
            });
    reader.setDaemon(true);
    reader.start();
    up.get(120, TimeUnit.SECONDS);
    return new NodeProcess(process, output);
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
