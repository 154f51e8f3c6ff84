package io.limbic.analytics.session.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.SessionAnalyzer;
import io.limbic.analytics.session.SessionSettings;
import io.limbic.analytics.session.emotion.EmotionClassifier;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.telemetry.ClientCapabilities;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The false-alarm figure the escalation path depends on: the generator's calm and engaged traces replayed through
 * {@link SessionAnalyzer} at the live cadence ({@link LiveReplay}: 1 s batches, offerAll + flush, 250 ms ticks),
 * read with the default tenant settings (default rage prior) by a client that declared the Limbic SDK's
 * capabilities, counting every persisted rage reading at confidence >= 0.85 per session-hour. Traces whose lead-in
 * episode was rage, frustration or confusion (about 15 %) are left out: there, trouble is real ({@link LabelledTrace#ordinary}). Goal (issue 9): at
 * most 1 per 1,000 session-hours. The traces come from {@link #SEED}, which no fit has seen.
 *
 * <p>The default run covers {@value #DEFAULT_TRACES} traces (about 20 session-hours, under a minute on two
 * cores) and asserts the rate is at most the goal, i.e. no escalation-grade rage at all at this size; it also prints
 * the one-sided 95 % upper bound, which only a larger run can bring under the goal:
 * {@code mvn -B -pl analytics verify -Dtest=LiveCadenceFalseAlarmsTest -Dlimbic.falseAlarms.traces=600000}
 * (about 3,000 session-hours). The same run without the SDK's selection and stepper hints is printed, not asserted.
 */
class LiveCadenceFalseAlarmsTest {
  static final long SEED = 5;
  static final int DEFAULT_TRACES = 4_000;
  static final double GOAL_PER_HOUR = 1.0 / 1_000;
  static final double ESCALATION_CONFIDENCE = 0.85;

  record Tally(int traces, double hours, int alarms, int sessionsWithAlarm) {
    Tally plus(Tally o) {
      return new Tally(traces + o.traces, hours + o.hours, alarms + o.alarms, sessionsWithAlarm + o.sessionsWithAlarm);
    }

    double perHour() {
      return alarms / hours;
    }

    /** One-sided 95 % Poisson upper bound on alarms per hour (exact, by the chi-square relation via bisection). */
    double upperPerHour() {
      double lo = alarms;
      double hi = alarms + 10 + 10 * Math.sqrt(alarms + 1);
      for (int it = 0; it < 100; it++) {
        double mid = (lo + hi) / 2;
        if (poissonCdf(alarms, mid) > 0.05) lo = mid;
        else hi = mid;
      }
      return hi / hours;
    }

    String format(String what) {
      return String.format(Locale.ROOT,
          "live cadence, %s: %d calm+engaged traces, %.1f session-hours, %d escalation-grade rage readings in %d"
              + " sessions = %.4f per session-hour (goal <= %.3f), one-sided 95 %% upper bound %.4f%n",
          what, traces, hours, alarms, sessionsWithAlarm, perHour(), GOAL_PER_HOUR, upperPerHour());
    }
  }

  static double poissonCdf(int k, double mean) {
    double term = Math.exp(-mean);
    double sum = term;
    for (int i = 1; i <= k; i++) {
      term *= mean / i;
      sum += term;
    }
    return sum;
  }

  static Tally run(int traces, boolean sdkHints) {
    int chunks = (traces + 99) / 100;
    return IntStream.range(0, chunks).parallel()
        .mapToObj(c -> chunk(SEED * 100_000 + c, Math.min(100, traces - c * 100), sdkHints))
        .reduce(new Tally(0, 0, 0, 0), Tally::plus);
  }

  private static Tally chunk(long seed, int traces, boolean sdkHints) {
    TraceGenerator generator = new TraceGenerator(seed, sdkHints);
    EmotionClassifier classifier = EmotionClassifier.standard();
    double hours = 0;
    int alarms = 0;
    int sessions = 0;
    int kept = 0;
    for (int i = 0; kept < traces; i++) {
      LabelledTrace trace = generator.generate(i % 2 == 0 ? EmotionalState.CALM : EmotionalState.ENGAGEMENT);
      // A calm trace may open with a real rage, frustration or confusion episode: not ordinary use.
      if (!trace.ordinary()) continue;
      kept++;
      SessionAnalyzer analyzer =
          new SessionAnalyzer(SessionSettings.defaults(), classifier, ClientCapabilities.BROWSER_SDK);
      LiveReplay.Result result = LiveReplay.replay(analyzer, trace.samples(), trace.endT());
      hours += result.sessionMs() / 3_600_000.0;
      int n = result.rageAtOrAbove(ESCALATION_CONFIDENCE);
      alarms += n;
      sessions += n > 0 ? 1 : 0;
    }
    return new Tally(traces, hours, alarms, sessions);
  }

  @Test
  void ordinaryUseRaisesEscalationGradeRageAtMostOncePerThousandSessionHours() {
    int traces = Integer.getInteger("limbic.falseAlarms.traces", DEFAULT_TRACES);
    Tally withHints = run(traces, true);
    System.out.print(withHints.format("SDK hints"));
    Tally withoutHints = run(Math.min(traces, DEFAULT_TRACES), false);
    System.out.print(withoutHints.format("no selection/stepper hints"));
    assertTrue(withHints.perHour() <= GOAL_PER_HOUR, withHints.format("SDK hints"));
  }

  @Test
  void theReplayMatchesTheNodesCadence() {
    LabelledTrace trace = new TraceGenerator(77).generate(EmotionalState.RAGE);
    SessionAnalyzer analyzer = new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard(),
        ClientCapabilities.BROWSER_SDK);
    LiveReplay.Result result = LiveReplay.replay(analyzer, trace.samples(), trace.endT());
    assertTrue(result.sessionMs() >= trace.endT() - trace.samples().get(0).t() - 1_000, "covers the trace");
    assertTrue(List.of(EmotionalState.values()).containsAll(
        result.persisted().stream().map(r -> r.state()).toList()));
  }
}
