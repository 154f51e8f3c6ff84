package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.SessionAnalyzer;
import io.limbic.analytics.session.SessionSettings;
import io.limbic.analytics.session.emotion.EmotionClassifier;
import io.limbic.analytics.session.emotion.EmotionModel;
import io.limbic.analytics.session.emotion.EmotionModelFit;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import java.util.ArrayList;
import java.util.List;

/**
 * Honest evaluation of the emotion classifier on labelled synthetic traces. Three disjoint seeds: the weights are
 * fitted on {@link #TRAINING_SEED}, the temperature on {@link #CALIBRATION_SEED}, and figures are reported on
 * {@link #TEST_SEED}, which neither fit has seen.
 *
 * <p>{@code main} evaluates the shipped model; with argument {@code fit} it refits from scratch, evaluates the new
 * model and prints it as Java source for {@code StandardEmotionModel}.
 */
public final class EmotionEvaluation {
  public static final long TRAINING_SEED = 1;
  public static final long CALIBRATION_SEED = 2;
  public static final long TEST_SEED = 3;
  public static final int TRAINING_PER_STATE = 600;
  public static final int CALIBRATION_PER_STATE = 400;
  public static final int TEST_PER_STATE = 1_500;
  public static final int CALIBRATION_BINS = 10;

  private EmotionEvaluation() {}

  /** A classified trace: its features and the classifier's reading at the trace's end. */
  public record Classified(EmotionalState truth, double[] features, EmotionReading reading) {}

  public static void main(String[] args) {
    EmotionClassifier classifier = EmotionClassifier.standard();
    if (args.length > 0 && args[0].equals("fit")) {
      EmotionModel model = fit();
      System.out.println(ModelSource.render(model));
      classifier = new EmotionClassifier(model, EmotionClassifier.DEFAULT_DECISION_SECTIONS);
    }
    long started = System.nanoTime();
    EvaluationReport report = evaluate(classifier, TEST_SEED, TEST_PER_STATE);
    System.out.print(report.format());
    System.out.printf("(%.1f s)%n", (System.nanoTime() - started) / 1e9);
  }

  public static EmotionModel fit() {
    EmotionClassifier any = EmotionClassifier.standard();
    List<EmotionModelFit.Example> training = examples(classify(any, TRAINING_SEED, TRAINING_PER_STATE));
    List<EmotionModelFit.Example> calibration = examples(classify(any, CALIBRATION_SEED, CALIBRATION_PER_STATE));
    return EmotionModelFit.fit(training, calibration);
  }

  public static EvaluationReport evaluate(EmotionClassifier classifier, long seed, int perState) {
    List<EvaluationReport.Outcome> outcomes = new ArrayList<>();
    for (Classified c : classify(classifier, seed, perState)) {
      outcomes.add(new EvaluationReport.Outcome(c.truth(), c.reading().state(), c.reading().confidence()));
    }
    return EvaluationReport.of(outcomes, CALIBRATION_BINS);
  }

  /** Generates {@code perState} traces of every state (interleaved) and classifies each at its end. */
  public static List<Classified> classify(EmotionClassifier classifier, long seed, int perState) {
    TraceGenerator generator = new TraceGenerator(seed);
    List<Classified> out = new ArrayList<>();
    for (int i = 0; i < perState; i++) {
      for (EmotionalState state : EmotionalState.values()) {
        LabelledTrace trace = generator.generate(state);
        SessionAnalyzer analyzer = new SessionAnalyzer(SessionSettings.defaults(), classifier);
        analyzer.offerAll(trace.samples());
        analyzer.flush();
        out.add(new Classified(state, analyzer.features().toVector(), analyzer.classifyNow()));
      }
    }
    return out;
  }

  private static List<EmotionModelFit.Example> examples(List<Classified> classified) {
    List<EmotionModelFit.Example> examples = new ArrayList<>();
    for (Classified c : classified) examples.add(new EmotionModelFit.Example(c.features(), c.truth()));
    return examples;
  }
}
