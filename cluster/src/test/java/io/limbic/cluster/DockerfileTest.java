package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the image builds from the sources (Docker does not run on the test machines, so the Dockerfile's
 * structure is checked): a Maven + JDK 17 stage runs the build of {@code ./limbic build}, and the JRE stage takes the
 * jar and its library folder from that stage only, never a local build from the context, and runs as the
 * unprivileged uid 10001 under umask 077. The context leaves build output, data and history out.
 */
class DockerfileTest {
  private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");

  private record Stage(String image, String name, List<String> instructions) {}

  @Test
  void theImageIsBuiltFromSourceInAStageOfItsOwn() throws Exception {
    List<Stage> stages = stages(Files.readString(root().resolve("Dockerfile"), StandardCharsets.UTF_8));
    assertEquals(2, stages.size(), "a build stage and a runtime stage: " + stages);
    Stage build = stages.get(0);
    Stage runtime = stages.get(1);

    assertTrue(build.image.startsWith("maven:3.9-eclipse-temurin-17"), build.image);
    assertTrue(build.name != null, "the build stage is named");
    String buildCommand = build.instructions.stream().filter(i -> i.startsWith("RUN ")).reduce("", String::concat);
    String launcher = Files.readString(root().resolve("limbic"), StandardCharsets.UTF_8);
    Matcher script = Pattern.compile("(?m)^\\s*(mvn [^\\n]*-pl cluster -am install)\\s*$").matcher(launcher);
    assertTrue(script.find(), "./limbic build runs one mvn install");
    assertTrue(buildCommand.contains(script.group(1)), "the build stage runs `" + script.group(1) + "`");

    assertTrue(runtime.image.startsWith("eclipse-temurin:17-jre"), runtime.image);
    List<String> copies = runtime.instructions.stream().filter(i -> i.startsWith("COPY ")).toList();
    assertEquals(2, copies.size(), copies.toString());
    for (String copy : copies) {
      assertTrue(copy.startsWith("COPY --from=" + build.name + " "), "from the build stage only: " + copy);
    }
    for (Stage stage : stages) {
      for (String instruction : stage.instructions) {
        boolean fromContext = instruction.startsWith("COPY ") && !instruction.startsWith("COPY --from=")
            || instruction.startsWith("ADD ");
        assertFalse(fromContext && instruction.contains("target/"), "no local build output: " + instruction);
      }
    }
    List<String> users = runtime.instructions.stream().filter(i -> i.startsWith("USER ")).toList();
    assertEquals(List.of("USER 10001:10001"), users);
    String entrypoint = runtime.instructions.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst().orElse("");
    assertTrue(entrypoint.contains("umask 077"), entrypoint);
  }

  @Test
  void theBuildContextLeavesOutputDataAndHistory() throws Exception {
    List<String> ignored = Files.readAllLines(root().resolve(".dockerignore"), StandardCharsets.UTF_8).stream()
        .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    for (String entry : List.of("**/target/", "data/", "**/node_modules/", ".git/")) {
      assertTrue(ignored.contains(entry), entry + " in .dockerignore: " + ignored);
    }
  }

  /** The stages with their instructions, continuation lines joined. */
  private static List<Stage> stages(String dockerfile) {
    List<Stage> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : dockerfile.split("\n")) {
      String trimmed = line.trim();
      if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) continue;
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      String instruction = pending.append(trimmed).toString().replaceAll("\\s+", " ");
      pending.setLength(0);
      Matcher from = FROM.matcher(instruction);
      if (from.matches()) {
        stages.add(new Stage(from.group(1), from.group(2), new ArrayList<>()));
      } else if (stages.isEmpty()) {
        fail("an instruction before the first FROM: " + instruction);
      } else {
        stages.get(stages.size() - 1).instructions.add(instruction);
      }
    }
    return stages;
  }

  private static Path root() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("Dockerfile"))) dir = dir.getParent();
    if (dir == null) fail("no Dockerfile above " + System.getProperty("user.dir"));
    return dir;
  }
}
