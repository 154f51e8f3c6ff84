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
 * followed by a 10-16 s segment generated from one state; the label is that state, holding at the segment's end
 * ({@link LabelledTrace#endT}). A rage or frustration episode in the lead-in is followed by an 18-23 s segment when the
 * labelled state is another one: the product's rule is that click failures colour the state for the 15 s evidence
 * window (a dead click becomes certain 2.5 s after the click), so someone who hammered a button 12 s ago is not
 * yet labelled calm.
 *
 * <p>Rage varies in how it looks around the burst, so that no pointer style gives it away: the approach is fast and
 * erratic, a slow straight reach, or barely any motion; after the burst the person keeps moving, sits still (no
 * samples at all until the end; then the last burst had at least four clicks, since a triple click followed by
 * stillness is also how people select a paragraph and read it), or drifts slowly. The recipes deliberately overlap, because the real world does:
 * calm readers double- and triple-click to select text (a textbook rage-click false positive), engaged users click
 * fast on neighbouring options and occasionally hit a dead element or go back quickly, frustrated users sometimes
 * re-click three times, rage is sometimes a single short burst, confused users do not always thrash past the
 * threshold, and calm reading also happens on pricing pages. Arrival order is perturbed (swaps, retransmissions).
 */
public final class TraceGenerator {
  private static final String[] DECISION = {"pricing", "checkout"};
  private static final String[] OTHER = {"hero", "docs", "product", "blog", "faq"};

  private final Random rnd;
  private final boolean sdkHints;

  /** Traces as the Limbic SDK sends them today: selection and stepper clicks carry their {@code noRage} hint. */
  public TraceGenerator(long seed) {
    this(seed, true);
  }

  /** @param sdkHints false for what a client without selection and stepper hints sends (same gestures) */
  public TraceGenerator(long seed, boolean sdkHints) {
    this.rnd = new Random(seed);
    this.sdkHints = sdkHints;
  }

  public LabelledTrace generate(EmotionalState state) {
    boolean decision = rnd.nextDouble() < decisionShare(state);
    String section = decision ? pick(DECISION) : pick(OTHER);
    long start = 1_700_000_000_000L + rnd.nextInt(1_000_000_000);
    TraceWriter w = new TraceWriter(rnd, start, "/site/" + rnd.nextInt(50), pick(OTHER), sdkHints);
    double lead = rnd.nextDouble();
    EmotionalState earlier = null;
    if (lead < 0.35) {
      Gestures.browse(w, rnd, 2_000 + rnd.nextInt(6_000), rnd.nextBoolean());
    } else if (lead < 0.65) {
      // People change state: an episode of any state shortly before the labelled one still colours the window.
      earlier = EmotionalState.values()[rnd.nextInt(EmotionalState.values().length)];
      segment(w, earlier, w.now() + 3_000 + rnd.nextInt(4_000));
    }
    w.section(section);
    boolean coolingDown = clickFailure(earlier) && !clickFailure(state);
    long length = coolingDown ? 18_000 + rnd.nextInt(5_000) : 10_000 + rnd.nextInt(6_000);
    segment(w, state, w.now() + length);
    long endT = Math.max(w.now(), w.lastT());
    List<TelemetrySample> samples = w.finish(0.02);
    return new LabelledTrace(state, decision, samples, endT, earlier);
  }

  private static boolean clickFailure(EmotionalState state) {
    return state == EmotionalState.RAGE || state == EmotionalState.FRUSTRATION;
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
    double after = rnd.nextDouble();
    boolean sitsStill = after < 0.35;
    // Someone who sits there fuming hammered properly; a mild burst of three is followed by moving on.
    boolean mild = !sitsStill && rnd.nextDouble() < 0.25;
    int bursts = mild ? 1 : 1 + rnd.nextInt(3);
    long slot = (end - w.now()) / (bursts + 1);
    double approach = rnd.nextDouble();
    for (int b = 0; b < bursts; b++) {
      long until = w.now() + slot - 1_500;
      if (approach < 0.45) erraticApproach(w, until, mild);
      else if (approach < 0.8) straightApproach(w, until);
      else stillApproach(w, until);
      int clicks = mild ? 3 + rnd.nextInt(2) : 3 + geometric(0.35);
      if (sitsStill && b == bursts - 1) clicks = Math.max(4, clicks);
      double roll = rnd.nextDouble();
      Response response = roll < 0.65 ? Response.NONE : roll < 0.9 ? Response.ERROR : Response.MUTATION;
      w.clickRun(clicks, 70, 320, 2 + rnd.nextDouble() * 18, "button#submit-" + rnd.nextInt(5), response);
    }
    if (sitsStill) {
      // Sits there, angry: nothing at all until the end.
      w.idle(Math.max(0, end - w.now()));
    }
    while (w.now() < end) {
      if (after < 0.75) {
        w.moveBy(rnd.nextGaussian() * 300, rnd.nextGaussian() * 200, 300 + rnd.nextDouble() * 1_500, 1.5);
        if (rnd.nextDouble() < 0.3) w.idle(200 + rnd.nextInt(800));
      } else {
        w.idle(800 + rnd.nextInt(2_500));
        w.moveBy(rnd.nextGaussian() * 80, rnd.nextGaussian() * 60, 60 + rnd.nextDouble() * 200, 0.5);
      }
    }
  }

  /** Fast, jerky moves all over, sometimes thrashing: the textbook picture of rage. */
  private void erraticApproach(TraceWriter w, long until, boolean mild) {
    while (w.now() < until) {
      double speed = mild ? 250 + rnd.nextDouble() * 700 : 500 + rnd.nextDouble() * 1_700;
      w.moveBy(rnd.nextGaussian() * 400, rnd.nextGaussian() * 250, speed, mild ? 1 : 1.5 + rnd.nextDouble() * 3);
      if (!mild && rnd.nextDouble() < 0.2) Gestures.thrash(w, rnd, 6 + rnd.nextInt(10));
      if (rnd.nextDouble() < 0.3) w.idle(100 + rnd.nextInt(500));
    }
  }

  /** Slow, straight reaches with pauses between them: someone who knows exactly where the broken button is. */
  private void straightApproach(TraceWriter w, long until) {
    double heading = rnd.nextDouble() * 2 * Math.PI;
    while (w.now() < until) {
      double distance = 80 + rnd.nextDouble() * 350;
      double speed = 80 + rnd.nextDouble() * 250;
      w.moveBy(Math.cos(heading) * distance, Math.sin(heading) * distance, speed, 0.2 + rnd.nextDouble() * 0.8);
      heading += rnd.nextGaussian() * 0.4;
      if (rnd.nextDouble() < 0.5) w.idle(200 + rnd.nextInt(1_200));
    }
  }

  /** The pointer already rests on the button; a last short nudge before the burst. */
  private void stillApproach(TraceWriter w, long until) {
    if (w.now() < until - 600) w.hover(until - 600 - w.now(), 0.5 + rnd.nextDouble());
    w.moveBy(rnd.nextGaussian() * 60, rnd.nextGaussian() * 40, 60 + rnd.nextDouble() * 200, 0.5);
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
