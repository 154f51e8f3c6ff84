package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code jangsus1/ML-Fall24-Team7} {@code recordings/} (no licence stated, not committed here): several people's
 * trackpad use labelled by activity (chess, minesweeper, web browsing, slides, reading, ...), recorded with pynput
 * as one Python tuple per line: {@code ('move', t, x, y)}, {@code ('click', t, x, y, 'left', True|False)} (press,
 * release), {@code ('scroll', t, x, y, dx, dy)}, t in seconds. The file name is
 * {@code <activity>[n]_mouse_events_<person>[_n].txt}. These are desktop applications, not web pages: wheel steps are
 * replayed as page scrolling of {@link #PX_PER_WHEEL_STEP} px each (never above the top of the page).
 */
public final class TrackpadActivities {
  public static final String DATASET = "trackpad-activities";
  static final double PX_PER_WHEEL_STEP = 40;

  private TrackpadActivities() {}

  public static List<Recording> read(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().contains("_mouse_events_")).sorted().toList();
    }
    List<Recording> out = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString().replace(".txt", "");
      String[] parts = name.split("_mouse_events_");
      String activity = parts[0].replaceAll("\\d+$", "");
      String person = parts[1].replaceAll("_\\d+$", "");
      try (BufferedReader in = Files.newBufferedReader(file)) {
        out.add(new Recording(DATASET, person, activity, Map.of(), read(in, activity)));
      }
    }
    return out;
  }

  static List<TelemetrySample> read(BufferedReader in, String activity) throws IOException {
    SdkCapture capture = new SdkCapture("/" + activity);
    double scrollY = 0;
    for (String line; (line = in.readLine()) != null; ) {
      String body = line.trim();
      if (!body.startsWith("('")) continue; // the first line describes the monitors
      String[] f = body.substring(1, body.length() - 1).split(",\\s*");
      String kind = f[0].replace("'", "");
      long t = Math.round(Double.parseDouble(f[1]) * 1000);
      double x = Double.parseDouble(f[2]);
      double y = Double.parseDouble(f[3]);
      switch (kind) {
        case "move" -> capture.move(t, x, y);
        case "click" -> {
          boolean down = f[5].equals("True");
          if (!f[4].contains("left")) capture.secondary(t, x, y, down);
          else if (down) capture.down(t, x, y);
          else capture.release(t, x, y);
        }
        case "scroll" -> {
          scrollY = Math.max(0, scrollY - Double.parseDouble(f[5]) * PX_PER_WHEEL_STEP);
          capture.scroll(t, scrollY);
        }
        default -> { }
      }
    }
    return capture.samples();
  }
}
