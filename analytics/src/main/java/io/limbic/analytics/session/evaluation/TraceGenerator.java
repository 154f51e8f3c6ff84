package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.TraceWriter.Response;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;
import java.util.Random;

/**
 * Labelled synthetic sessions with known ground truth, reproducible from a seed ({@link Random} is specified to give
 * the same sequence for the same seed on every JVM).
 *
 * <p>Each trace is an optional lead-in (35 % ordinary browsing for 2-8 s, 30 % an episode of any state for 3-7 s)
 * followed by a 10-16 s segment
 * generated from one state; the label is that state. The recipes deliberately overlap, because the real world does:
 * calm readers double- and triple-click to select text (a textbook rage-click false positive), engaged users click
 * fast on neighbouring options and occasionally hit a dead element or go back quickly, frustrated users sometimes
 * re-click three times, rage is sometimes a single short burst, confused users do not always thrash past the
 * threshold, and calm reading also happens on pricing pages. Arrival order is perturbed (swaps, retransmissions).
 */
public final class TraceGenerator {
  private static final String[] DECISION = {"pricing", "checkout"};
  private static final String[] OTHER = {"hero", "docs", "product", "blog", "faq"};

  private final Random rnd;

  public TraceGenerator(long seed) {
    this.rnd = new Random(seed);
  }

  public LabelledTrace generate(EmotionalState state) {
    boolean decision = rnd.nextDouble() < decisionShare(state);
    String section = decision ? pick(DECISION) : pick(OTHER);
    long start = 1_700_000_000_000L + rnd.nextInt(1_000_000_000);
    TraceWriter w = new TraceWriter(rnd, start, "/site/" + rnd.nextInt(50), pick(OTHER));
    double lead = rnd.nextDouble();
    if (lead < 0.35) {
      Gestures.browse(w, rnd, 2_000 + rnd.nextInt(6_000), rnd.nextBoolean());
    } else if (lead < 0.65) {
      // People change state: an episode of any state shortly before the labelled one still colours the window.
      EmotionalState earlier = EmotionalState.values()[rnd.nextInt(EmotionalState.values().length)];
      segment(w, earlier, w.now() + 3_000 + rnd.nextInt(4_000));
    }
    w.section(section);
    segment(w, state, w.now() + 10_000 + rnd.nextInt(6_000));
    List<TelemetrySample> samples = w.finish(0.02);
    return new LabelledTrace(state, decision, samples);
  }

  private void segment(TraceWriter w, EmotionalState state, long end) {
    switch (state) {
      case CALM -> Gestures.read(w, rnd, end);
      case ENGAGEMENT -> Gestures.engage(w, rnd, end);
      case RAGE -> rage(w, end);
      case FRUSTRATION -> frustration(w, end);
      case CONFUSION -> confusion(w, end);
      case HESITATION -> hesitation(w, end);
    }
  }

  private static double decisionShare(EmotionalState state) {
    return state == EmotionalState.HESITATION ? 0.75 : 0.18;
  }

  private void rage(TraceWriter w, long end) {
    boolean mild = rnd.nextDouble() < 0.25;
    int bursts = mild ? 1 : 1 + rnd.nextInt(3);
    long slot = (end - w.now()) / (bursts + 1);
    for (int b = 0; b < bursts; b++) {
      long until = w.now() + slot;
      while (w.now() < until - 1_500) {
        double speed = mild ? 250 + rnd.nextDouble() * 700 : 500 + rnd.nextDouble() * 1_700;
        w.moveBy(rnd.nextGaussian() * 400, rnd.nextGaussian() * 250, speed, mild ? 1 : 1.5 + rnd.nextDouble() * 3);
        if (!mild && rnd.nextDouble() < 0.2) Gestures.thrash(w, rnd, 6 + rnd.nextInt(10));
        if (rnd.nextDouble() < 0.3) w.idle(100 + rnd.nextInt(500));
      }
      int clicks = mild ? 3 + rnd.nextInt(2) : 3 + geometric(0.35);
      double roll = rnd.nextDouble();
      Response response = roll < 0.65 ? Response.NONE : roll < 0.9 ? Response.ERROR : Response.MUTATION;
      w.clickRun(clicks, 70, 320, 2 + rnd.nextDouble() * 18, "button#submit-" + rnd.nextInt(5), response);
    }
    while (w.now() < end) {
      w.moveBy(rnd.nextGaussian() * 300, rnd.nextGaussian() * 200, 300 + rnd.nextDouble() * 1_500, 1.5);
      if (rnd.nextDouble() < 0.3) w.idle(200 + rnd.nextInt(800));
    }
  }

  private void frustration(TraceWriter w, long end) {
    while (w.now() < end) {
      double roll = rnd.nextDouble();
      w.moveBy(rnd.nextGaussian() * 350, rnd.nextGaussian() * 220, 300 + rnd.nextDouble() * 900, 1.5);
      if (roll < 0.45) {
        Response r = rnd.nextDouble() < 0.4 ? Response.ERROR : Response.NONE;
        if (rnd.nextDouble() < 0.15) w.clickRun(2 + rnd.nextInt(2), 250, 700, 15, "a.broken", r);
        else w.click("div.card-" + rnd.nextInt(9), r);
        w.idle(600 + rnd.nextInt(2_000));
      } else if (roll < 0.6) {
        w.scroll((rnd.nextBoolean() ? 1 : -1) * (300 + rnd.nextDouble() * 900), 2 + rnd.nextInt(4), 90);
      } else if (roll < 0.68) {
        Gestures.quickBack(w, rnd);
      } else if (roll < 0.8) {
        w.click("button.retry", Response.MUTATION);
      } else {
        w.hover(400 + rnd.nextInt(1_200), 2);
      }
    }
  }

  private void confusion(TraceWriter w, long end) {
    boolean strongThrash = rnd.nextDouble() < 0.7;
    while (w.now() < end) {
      double roll = rnd.nextDouble();
      if (roll < 0.3) {
        Gestures.thrash(w, rnd, strongThrash ? 10 + rnd.nextInt(12) : 5 + rnd.nextInt(6));
      } else if (roll < 0.45) {
        Gestures.quickBack(w, rnd);
      } else if (roll < 0.6) {
        for (int i = 0; i < 2 + rnd.nextInt(4); i++) {
          w.scroll((i % 2 == 0 ? 1 : -1) * (400 + rnd.nextDouble() * 1_400), 2 + rnd.nextInt(3), 70);
        }
      } else if (roll < 0.85) {
        for (int i = 0; i < 3 + rnd.nextInt(4); i++) {
          w.moveBy(rnd.nextGaussian() * 200, rnd.nextGaussian() * 200, 250 + rnd.nextDouble() * 800, 2);
        }
      } else if (roll < 0.92) {
        w.click("nav#menu-" + rnd.nextInt(6), rnd.nextBoolean() ? Response.MUTATION : Response.NONE);
      } else {
        w.hover(500 + rnd.nextInt(1_500), 3);
      }
    }
  }

  private void hesitation(TraceWriter w, long end) {
    int options = 2 + rnd.nextInt(2);
    double baseX = 250 + rnd.nextDouble() * 200;
    double baseY = 350 + rnd.nextDouble() * 200;
    double spacing = 220 + rnd.nextDouble() * 200;
    while (w.now() < end) {
      double roll = rnd.nextDouble();
      if (roll < 0.6) {
        double tx = baseX + spacing * rnd.nextInt(options) + rnd.nextGaussian() * 20;
        w.moveTo(tx, baseY + rnd.nextGaussian() * 30, 90 + rnd.nextDouble() * 350, 1);
        w.hover(700 + rnd.nextInt(2_500), 1 + rnd.nextDouble() * 4);
      } else if (roll < 0.72) {
        // Approach the call to action, then back away without committing.
        w.moveTo(w.x() + rnd.nextGaussian() * 30, baseY + 180, 150 + rnd.nextDouble() * 200, 1);
        w.hover(500 + rnd.nextInt(1_200), 2);
        w.moveTo(w.x(), baseY, 150 + rnd.nextDouble() * 200, 1);
      } else if (roll < 0.82) {
        w.scroll((rnd.nextBoolean() ? 1 : -1) * (80 + rnd.nextDouble() * 300), 1 + rnd.nextInt(3), 120);
      } else if (roll < 0.88) {
        w.click("label.billing-toggle", Response.MUTATION);
      } else {
        w.idle(400 + rnd.nextInt(1_500));
      }
    }
  }

  private int geometric(double p) {
    int n = 0;
    while (n < 8 && rnd.nextDouble() > p) n++;
    return n;
  }

  private String pick(String[] options) {
    return options[rnd.nextInt(options.length)];
  }
}
