package io.limbic.cluster.testkit;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;

/**
 * A calm session as the SDK reports it: reading with slow moves, three triple-click paragraph selections (the second
 * and third clicks select, so they carry {@code noRage: "selection"} and are followed by a {@code select} sample), and
 * three runs of five quick clicks on a quantity stepper that the page answers ({@code noRage: "stepper"}).
 */
public final class CalmClicking {
  private CalmClicking() {}

  public static List<TelemetrySample> samples() {
    List<TelemetrySample> out = new ArrayList<>();
    long t = 1_700_000_000_000L;
    String url = "/shop/item";
    out.add(new TelemetrySample(t, SampleType.NAV, null, null, null, null, "product", null, url));
    double x = 400;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 60; i++) {
        x += 2;
        out.add(new TelemetrySample(t += 40, SampleType.MOVE, x, 300.0 + (i % 3), null, null, "product", null, url));
      }
      for (int c = 0; c < 3; c++) {
        t += 150;
        out.add(new TelemetrySample(t - 70, SampleType.DOWN, x, 300.0, 0, "p.text", "product", null, url));
        out.add(new TelemetrySample(t, SampleType.UP, x, 300.0, 0, "p.text", "product", null, url));
        out.add(new TelemetrySample(t, SampleType.CLICK, x, 300.0, 0, "p.text", "product", null, url,
            c == 0 ? null : TelemetrySample.NoRage.SELECTION));
        if (c > 0) out.add(new TelemetrySample(t + 3, SampleType.SELECT, null, null, null, null, "product", null, url));
      }
      t += 2_000;
      for (int c = 0; c < 5; c++) {
        t += 180;
        out.add(new TelemetrySample(t - 60, SampleType.DOWN, 900.0, 500.0, 0, "button.qty-plus", "product", null, url));
        out.add(new TelemetrySample(t, SampleType.UP, 900.0, 500.0, 0, "button.qty-plus", "product", null, url));
        out.add(new TelemetrySample(t, SampleType.CLICK, 900.0, 500.0, 0, "button.qty-plus", "product", null, url,
            TelemetrySample.NoRage.STEPPER));
        out.add(new TelemetrySample(t + 40, SampleType.MUTATION, null, null, null, null, "product", null, url));
      }
      t += 3_000;
    }
    out.add(new TelemetrySample(t + 1_000, SampleType.MOVE, x, 310.0, null, null, "product", null, url));
    return out;
  }
}
