package io.limbic.analytics.session.realdata;

import io.limbic.analytics.text.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jahromi, Delaney &amp; Hines, iweb ({@code hzjahromi/iweb}, MIT): sessions of people using a web map (Leaflet) with a
 * network delay injected per session, each rated for quality (ACR 1-5). {@code dataset/raw_data/raw_data.csv} has
 * per session the clicks the page saw ({@code iLT:Down:t:x:y:button} on mouse-down, {@code up:t:x-y:button} on
 * mouse-up; the zoom buttons swallow the mouse-down, so a zoom shows as an up alone) and the interactive load times
 * ({@code start:durationMs}): when a map update started and how long it took to complete. A completed update is
 * replayed as a DOM mutation at start + duration (the map redrew); the file records no pointer moves.
 */
public final class IwebMap {
  public static final String DATASET = "iweb-map";

  private IwebMap() {}

  public static List<Recording> read(BufferedReader csv) throws IOException {
    String header = csv.readLine();
    if (header == null || !header.contains("mouse_clicks")) throw new IOException("not the iweb raw_data.csv");
    List<String> columns = CsvLine.split(header);
    int typ = columns.indexOf("typ");
    int ilts = columns.indexOf("iLTs");
    int acr = columns.indexOf("ACR");
    int delay = columns.indexOf("net_delay");
    int clicks = columns.indexOf("mouse_clicks");
    int subject = columns.indexOf("subject");
    List<Recording> out = new ArrayList<>();
    for (String line; (line = csv.readLine()) != null; ) {
      if (line.isBlank()) continue;
      List<String> f = CsvLine.split(line);
      List<Event> events = new ArrayList<>();
      for (String click : f.get(clicks).split(",")) parseClick(click, events);
      for (String load : f.get(ilts).split(",")) parseLoad(load, events);
      if (events.isEmpty()) continue;
      events.sort((a, b) -> Long.compare(a.t, b.t));
      SdkCapture capture = new SdkCapture("/" + f.get(typ));
      for (Event e : events) {
        switch (e.kind) {
          case 'd' -> capture.down(e.t, e.x, e.y);
          case 'u' -> capture.release(e.t, e.x, e.y);
          default -> capture.mutation(e.t);
        }
      }
      Map<String, Double> covariates = Map.of(
          "delayMs", Double.parseDouble(f.get(delay).replace("ms", "").trim()),
          "rating", Double.parseDouble(f.get(acr).trim()));
      out.add(new Recording(DATASET, f.get(subject).trim(), f.get(typ), covariates, capture.samples()));
    }
    return out;
  }

  private record Event(long t, char kind, double x, double y) {}

  private static void parseClick(String raw, List<Event> events) {
    String[] p = raw.trim().split(":");
    if (p.length >= 5 && p[1].equalsIgnoreCase("Down")) {
      events.add(new Event(Long.parseLong(p[2]), 'd', Double.parseDouble(p[3]), Double.parseDouble(p[4])));
    } else if (p.length >= 3 && p[0].equalsIgnoreCase("up")) {
      String[] xy = p[2].split("-");
      if (xy.length == 2) {
        events.add(new Event(Long.parseLong(p[1]), 'u', Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
      }
    }
  }

  /** "start:duration" is a completed update; a bare start never completed and is no response. */
  private static void parseLoad(String raw, List<Event> events) {
    String[] p = raw.trim().split(":");
    if (p.length == 2 && !p[0].isEmpty()) {
      events.add(new Event(Long.parseLong(p[0]) + Long.parseLong(p[1]), 'm', 0, 0));
    }
  }
}
