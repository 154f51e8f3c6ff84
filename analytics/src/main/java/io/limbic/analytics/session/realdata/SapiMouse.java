package io.limbic.analytics.session.realdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * SapiMouse (Antal &amp; Fejér, Sapientia University), as copied into {@code ttuhin03/sapiagent} under
 * {@code sapimouse/} (no licence stated there, so not committed here): 120 people using the mouse in a browser,
 * one 1-minute and one 3-minute session each, {@code userN/session_<date>_<1min|3min>.csv} with
 * {@code client timestamp,button,state,x,y}; state is Move, Drag (move with a button held), Pressed or Released.
 */
public final class SapiMouse {
  public static final String DATASET = "sapimouse";

  private SapiMouse() {}

  public static List<Recording> read(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().matches("session_.*\\.csv")).sorted().toList();
    }
    List<Recording> out = new ArrayList<>();
    for (Path file : files) {
      String person = file.getParent().getFileName().toString();
      String name = file.getFileName().toString();
      String condition = name.contains("3min") ? "3min" : name.contains("1min") ? "1min" : "";
      try (BufferedReader in = Files.newBufferedReader(file)) {
        out.add(new Recording(DATASET, person, condition, Map.of(), read(in)));
      }
    }
    return out;
  }

  static List<io.limbic.analytics.session.telemetry.TelemetrySample> read(BufferedReader csv) throws IOException {
    SdkCapture capture = new SdkCapture("/sapimouse");
    csv.readLine();
    for (String line; (line = csv.readLine()) != null; ) {
      String[] f = line.split(",");
      if (f.length < 5) continue;
      long t = Long.parseLong(f[0].trim());
      double x = Double.parseDouble(f[3].trim());
      double y = Double.parseDouble(f[4].trim());
      String state = f[2].trim();
      boolean primary = !f[1].trim().equals("Right");
      if (state.equals("Move") || state.equals("Drag")) capture.move(t, x, y);
      else if (!primary && (state.equals("Pressed") || state.equals("Released"))) {
        capture.secondary(t, x, y, state.equals("Pressed"));
      } else if (state.equals("Pressed")) capture.down(t, x, y);
      else if (state.equals("Released")) capture.release(t, x, y);
    }
    return capture.samples();
  }
}
