package io.limbic.analytics.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChurnRiskModelTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final ChurnRiskModel MODEL = ChurnRiskModel.DEFAULT;

  /** A user active once a day for {@code days} days, the last period starting {@code lastAgo} before NOW. */
  private static EngagementFacts daily(int days, Duration lastAgo) {
    EngagementFacts facts = EngagementFacts.empty();
    Instant previousEnd = null;
    for (int d = days - 1; d >= 0; d--) {
      Instant start = NOW.minus(lastAgo).minus(Duration.ofDays(d));
      facts = facts.withPeriodStart(previousEnd, start);
      previousEnd = start.plus(Duration.ofHours(1));
    }
    return facts;
  }

  private static double score(EngagementFacts facts, Instant lastActive) {
    return MODEL.assess(facts, lastActive, NOW).score();
  }

  private static double withOne(UnaryOperator<EngagementFacts> change) {
    EngagementFacts base = daily(5, Duration.ofHours(2));
    return score(change.apply(base), NOW.minus(Duration.ofHours(1)));
  }

  private static final double BASE = withOne(f -> f);

  @Test
  void aUserTheJournalSaysNothingAboutScoresTheBaseline() {
    ChurnRiskAssessment a = MODEL.assess(EngagementFacts.empty(), null, NOW);
    assertEquals(0.5, a.score(), 1e-12);
    assertTrue(a.basis().typicalGapIsPrior());
    assertEquals(Duration.ZERO, a.basis().absence());
  }

  @Test
  void contributionsAddUpToTheLogOddsAndTheScoreIsItsLogistic() {
    EngagementFacts facts = daily(6, Duration.ofDays(3)).withEmotion("rage", NOW.minusSeconds(60))
        .withOutcome("purchase", NOW.minus(Duration.ofDays(4)));
    ChurnRiskAssessment a = MODEL.assess(facts, NOW.minus(Duration.ofDays(3)), NOW);
    double sum = a.reasons().stream().mapToDouble(RiskReason::contribution).sum();
    assertEquals(sum, a.logOdds(), 1e-12);
    assertEquals(1 / (1 + Math.exp(-sum)), a.score(), 1e-12);
    assertEquals(8, a.reasons().size());
    for (RiskReason r : a.reasons()) assertEquals(r.weight() * r.value(), r.contribution(), 1e-12);
  }

  @Test
  void frustrationRaisesTheScoreAndContentmentLowersIt() {
    assertTrue(withOne(f -> f.withEmotion("rage", NOW)) > BASE);
    assertTrue(withOne(f -> f.withEmotion("frustration", NOW).withEmotion("rage", NOW))
        > withOne(f -> f.withEmotion("frustration", NOW)));
    assertTrue(withOne(f -> f.withEmotion("engagement", NOW)) < BASE);
    assertTrue(withOne(f -> f.withEmotion("calm", NOW)) < BASE);
  }

  @Test
  void statesAndProductEventsThatSayNothingAboutEngagementChangeNothing() {
    assertEquals(BASE, withOne(f -> f.withEmotion("confusion", NOW).withEmotion("hesitation", NOW)), 1e-12);
    assertEquals(BASE, withOne(f -> f.withOutcome("signup", NOW).withOutcome("page_view", NOW)), 1e-12);
  }

  @Test
  void lossesRaiseTheScoreAndWinsLowerIt() {
    assertTrue(withOne(f -> f.withOutcome("churn", NOW)) > BASE);
    assertTrue(withOne(f -> f.withOutcome("refund", NOW)) > BASE);
    assertTrue(withOne(f -> f.withOutcome("purchase", NOW)) < BASE);
    assertTrue(withOne(f -> f.withOutcome("renewal", NOW)) < BASE);
  }

  @Test
  void moreActivePeriodsLowerTheScore() {
    Instant last = NOW.minus(Duration.ofHours(1));
    assertTrue(score(daily(10, Duration.ofHours(2)), last) < score(daily(3, Duration.ofHours(2)), last));
  }

  @Test
  void anAbsenceCountsOnlyBeyondTheUsersOwnTypicalGapAndEachDoublingAddsTheSame() {
    EngagementFacts facts = daily(5, Duration.ofDays(1)); // typical gap 23 h
    double within = score(facts, NOW.minus(Duration.ofHours(20)));
    double twice = score(facts, NOW.minus(Duration.ofHours(46)));
    double fourTimes = score(facts, NOW.minus(Duration.ofHours(92)));
    ChurnRiskAssessment w = MODEL.assess(facts, NOW.minus(Duration.ofHours(20)), NOW);
    assertEquals(0, reason(w, "absence").contribution());
    assertTrue(twice > within && fourTimes > twice);
    double perDoubling = reason(MODEL.assess(facts, NOW.minus(Duration.ofHours(46)), NOW), "absence").contribution();
    double two = reason(MODEL.assess(facts, NOW.minus(Duration.ofHours(92)), NOW), "absence").contribution();
    assertEquals(2 * perDoubling, two, 1e-9);
    assertEquals(Duration.ofHours(23), w.basis().typicalGap());
    assertFalse(w.basis().typicalGapIsPrior());
  }

  @Test
  void theSameAbsenceIsRiskierForAUserWhoUsuallyComesBackSooner() {
    EngagementFacts hourly = EngagementFacts.empty();
    Instant end = null;
    for (int h = 10; h >= 1; h--) {
      Instant start = NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(2L * h));
      hourly = hourly.withPeriodStart(end, start);
      end = start.plus(Duration.ofMinutes(60));
    }
    EngagementFacts everyFewDays = EngagementFacts.empty();
    end = null;
    for (int d = 10; d >= 1; d--) {
      Instant start = NOW.minus(Duration.ofDays(3)).minus(Duration.ofDays(2L * d));
      everyFewDays = everyFewDays.withPeriodStart(end, start);
      end = start.plus(Duration.ofMinutes(60));
    }
    Instant lastActive = NOW.minus(Duration.ofDays(3));
    double a = MODEL.assess(hourly, lastActive, NOW).score();
    double b = MODEL.assess(everyFewDays, lastActive, NOW).score();
    assertTrue(a > b, a + " vs " + b);
  }

  @Test
  void aReturnAfterALongerGapThanUsualRaisesTheScore() {
    EngagementFacts regular = daily(6, Duration.ofHours(2));
    Instant lastEnd = NOW.minus(Duration.ofHours(1));
    EngagementFacts late = regular.withPeriodStart(lastEnd.minus(Duration.ofDays(8)), lastEnd);
    EngagementFacts onTime = regular.withPeriodStart(lastEnd.minus(Duration.ofHours(23)), lastEnd);
    assertTrue(score(late, lastEnd) > score(onTime, lastEnd));
    assertEquals(0, reason(MODEL.assess(onTime, lastEnd, NOW), "slowdown").contribution());
  }

  @Test
  void theTypicalGapIsThePriorUntilEnoughGapsAreKnown() {
    ChurnRiskAssessment two = MODEL.assess(daily(3, Duration.ZERO), NOW, NOW);
    assertTrue(two.basis().typicalGapIsPrior());
    assertEquals(Duration.ofDays(1), two.basis().typicalGap());
    assertEquals(2, two.basis().gapsObserved());
  }

  @Test
  void onlyWhatLiesWithinTheWindowCounts() {
    Instant old = NOW.minus(Duration.ofDays(31));
    assertEquals(BASE, withOne(f -> f.withOutcome("churn", old).withEmotion("rage", old)), 1e-12);
    ChurnRiskAssessment a = MODEL.assess(EngagementFacts.empty().withOutcome("churn", NOW), null, NOW);
    assertEquals(1, a.basis().losses());
    assertEquals(Duration.ofDays(30), a.basis().window());
  }

  @Test
  void theReadmesExamplesHold() {
    EngagementFacts oneBeat = EngagementFacts.empty().withPeriodStart(null, NOW);
    assertEquals(0.43, score(oneBeat, NOW), 0.005);
    EngagementFacts churned = oneBeat.withOutcome("churn", NOW);
    assertEquals(0.75, score(churned, NOW), 0.005);
    EngagementFacts won = churned.withEmotion("calm", NOW);
    for (int i = 0; i < 8; i++) won = won.withOutcome("purchase", NOW);
    assertEquals(0.19, score(won, NOW), 0.005);
  }

  @Test
  void weightsMustKeepTheirDocumentedSigns() {
    assertThrows(IllegalArgumentException.class, () -> new ChurnRiskModel.Weights(0, -1, 0, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ChurnRiskModel.Weights(0, 0, 0, 0, 0, 0, 0, 1));
  }

  @Test
  void historyIsBounded() {
    EngagementFacts facts = daily(100, Duration.ZERO);
    assertEquals(100, facts.activePeriods());
    assertEquals(EngagementFacts.CAP, facts.periodStarts().size());
    assertEquals(EngagementFacts.CAP, facts.gaps().size());
    assertEquals(NOW.toEpochMilli(), facts.periodStarts().last());
  }

  private static RiskReason reason(ChurnRiskAssessment a, String factor) {
    return a.reasons().stream().filter(r -> r.factor().equals(factor)).findFirst().orElseThrow();
  }
}
