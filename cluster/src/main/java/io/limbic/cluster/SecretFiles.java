package io.limbic.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets from mounted files: for every {@code LIMBIC_<NAME>_FILE} in the environment, the file's content (without
 * a final line break) stands for {@code LIMBIC_<NAME>}, as a Kubernetes Secret mounted as a volume or a Docker secret
 * gives it. A value never passes through a process listing or the environment of a child process that way. Setting
 * both {@code LIMBIC_<NAME>} and {@code LIMBIC_<NAME>_FILE} is refused (which one wins would be a guess), and so is
 * a file that cannot be read; the error names the variable and the file, never the content.
 */
final class SecretFiles {
  private static final String PREFIX = "LIMBIC_";
  private static final String SUFFIX = "_FILE";

  private SecretFiles() {}

  /** Root-level settings {@code LIMBIC_<NAME> = <content>}, which the {@code ${?LIMBIC_<NAME>}} substitutions find. */
  static Config from(Map<String, String> environment) {
    Map<String, String> secrets = new TreeMap<>();
    for (var entry : new TreeMap<>(environment).entrySet()) {
      String variable = entry.getKey();
      boolean named = variable.length() > PREFIX.length() + SUFFIX.length();
      if (!named || !variable.startsWith(PREFIX) || !variable.endsWith(SUFFIX)) continue;
      String name = variable.substring(0, variable.length() - SUFFIX.length());
      if (environment.containsKey(name)) {
        throw new IllegalArgumentException("set either " + name + " or " + variable + ", not both");
      }
      secrets.put(name, read(variable, entry.getValue()));
    }
    return ConfigFactory.parseMap(secrets, "secret files (LIMBIC_*_FILE)");
  }

  private static String read(String variable, String file) {
    try {
      String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      if (content.endsWith("\n")) content = content.substring(0, content.length() - 1);
      if (content.endsWith("\r")) content = content.substring(0, content.length() - 1);
      return content;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(variable + " names a file that cannot be read: " + file);
    }
  }
}
