package io.limbic.analytics.session.realdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freihaut &amp; Göritz (2021), point-and-click task: each participant clicked circles in a browser once after a
 * stress induction and once after a relaxation (GPL-3.0, not committed here). The pickle of the study repository
 * ({@code Datasets/Data_LSTM_Analysis/Data_PointClick_Task.pkl}) is turned into CSV by
 * {@code loadtest/realdata/freihaut_to_csv.py}: {@code participant,condition,t,event,x,y} with condition {@code HS}
 * (high stress) or {@code LS} (low stress), t in ms from the start of the task, event {@code move} or {@code click}.
 * The recording has one event per click (no separate press and release).
 */
public final class FreihautPointClick {
  public static final String DATASET = "freihaut-pointclick";

  private FreihautPointClick() {}

  public static List<Recording> read(BufferedReader csv) throws IOException {
    Map<String, SdkCapture> captures = new LinkedHashMap<>();
    String header = csv.readLine();
    if (header == null || !header.startsWith("participant,condition,t,event,x,y")) {
      throw new IOException("not a Freihaut point-click CSV: " + header);
    }
    for (String line; (line = csv.readLine()) != null; ) {
      if (line.isBlank()) continue;
      String[] f = line.split(",");
      SdkCapture capture = captures.computeIfAbsent(f[0] + "," + f[1], k -> new SdkCapture("/point-click"));
      long t = Long.parseLong(f[2]);
      double x = Double.parseDouble(f[4]);
      double y = Double.parseDouble(f[5]);
      if (f[3].equals("click")) capture.press(t, x, y);
      else capture.move(t, x, y);
    }
    List<Recording> out = new ArrayList<>();
    captures.forEach((key, capture) -> {
      String[] k = key.split(",");
      String condition = k[1].equals("HS") ? "high-stress" : k[1].equals("LS") ? "low-stress" : k[1];
      out.add(new Recording(DATASET, k[0], condition, Map.of(), capture.samples()));
    });
    return out;
  }
}
