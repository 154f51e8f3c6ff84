package io.limbic.analytics.session.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import org.junit.jupiter.api.Test;

class SessionPhysicsTest {
  private static final double EPS = 1e-9;

  private static TelemetrySample move(long t, double x, double y) {
    return TelemetrySample.pointer(t, SampleType.MOVE, x, y);
  }

  /**
   * By hand, Δt = 0.1 s per interval: v1 = (3,4)/0.1 = (30,40), |v1| = 50; v2 = 0; v3 = (6,8)/0.1 = (60,80),
   * |v3| = 100 px/s. Midpoints 50, 150, 250 ms, 0.1 s apart: a1 = (0 - (30,40))/0.1 = (-300,-400), |a1| = 500;
   * a2 = ((60,80) - 0)/0.1 = (600,800), |a2| = 1000. Their stamps 100 and 200 ms: j = ((600,800) - (-300,-400))/0.1
   * = (9000,12000), |j| = 15000.
   */
  @Test
  void fourPointsByHand() {
    SessionPhysics physics = new SessionPhysics();
    physics.accept(move(0, 0, 0));
    physics.accept(move(100, 3, 4));
    physics.accept(move(200, 3, 4));
    physics.accept(move(300, 9, 12));
    physics.settle();
    MotionFigures s = physics.snapshot().session();
    assertEquals(3, s.intervals());
    assertEquals(15, s.pathLengthPx(), EPS);
    assertEquals(50, s.meanSpeedPxS(), EPS);
    assertEquals(100, s.maxSpeedPxS(), EPS);
    assertEquals(750, s.meanAbsAccelPxS2(), EPS);
    assertEquals(15000, s.meanAbsJerkPxS3(), EPS);
    assertEquals(1, s.pathEfficiency(), EPS, "all on one line");
    assertEquals(s, physics.snapshot().window(), "everything is within 5 s");
  }

  @Test
  void theLastOfEqualTimestampsWins() {
    SessionPhysics physics = new SessionPhysics();
    physics.accept(move(0, 0, 0));
    physics.accept(move(100, 50, 50));
    physics.accept(move(100, 3, 4));
    physics.accept(move(200, 9, 12));
    physics.accept(move(200, 6, 8));
    physics.settle();
    MotionFigures s = physics.snapshot().session();
    assertEquals(2, s.intervals());
    assertEquals(10, s.pathLengthPx(), EPS);
    assertEquals(50, s.meanSpeedPxS(), EPS);
  }

  @Test
  void aRightAngleTurn() {
    SessionPhysics physics = new SessionPhysics();
    physics.accept(move(0, 0, 0));
    physics.accept(move(100, 10, 0));
    physics.accept(move(200, 10, 10));
    physics.settle();
    MotionFigures s = physics.snapshot().session();
    assertEquals(Math.PI / 2 / 10, s.meanCurvatureRadPerPx(), EPS);
    assertEquals(0, s.directionEntropyBits(), EPS, "one turn, one bin");
    assertEquals(Math.sqrt(200) / 20, s.pathEfficiency(), EPS);
  }

  @Test
  void theWindowForgetsOldMotionAndCountsClicksScrollsAndIdle() {
    SessionPhysics physics = new SessionPhysics(5_000, 2_000);
    physics.accept(move(0, 0, 0));
    physics.accept(move(1_000, 1_000, 0));
    physics.accept(move(8_000, 1_000, 0));
    physics.accept(TelemetrySample.click(8_100, 1_003, 4, "b"));
    physics.accept(TelemetrySample.scroll(8_200, 100));
    physics.accept(TelemetrySample.scroll(8_300, 400));
    physics.settle();
    PhysicsSnapshot snap = physics.snapshot();
    assertEquals(1_005, snap.session().pathLengthPx(), EPS);
    assertEquals(5, snap.window().pathLengthPx(), EPS, "the 1000 px reach ended before the window");
    assertEquals(2, snap.window().intervals(), "the pause interval ending at 8000 and the click's");
    assertEquals(1, snap.session().idleGaps());
    assertEquals(7_000, snap.session().idleMs());
    assertEquals(1, snap.window().clicks());
    assertEquals(300, snap.window().scrollDistancePx(), EPS);
    assertEquals(300 / 5.0, snap.window().scrollSpeedPxS(), EPS);
  }

  @Test
  void equalOrBackwardTimestampsNeverProduceNaN() {
    SessionPhysics physics = new SessionPhysics();
    physics.accept(move(100, 1, 1));
    physics.accept(move(100, 1, 1));
    physics.accept(move(50, 7, 7));
    physics.accept(move(100, 2, 2));
    physics.accept(move(101, 2, 2));
    physics.settle();
    physics.accept(move(101, 9, 9));
    assertFinite(physics.snapshot().session());
    assertFinite(physics.snapshot().window());
    assertTrue(physics.ignoredSamples() >= 2);
  }

  @Test
  void anEmptySessionIsAllZeros() {
    MotionFigures s = new SessionPhysics().snapshot().session();
    assertFinite(s);
    assertEquals(0, s.meanSpeedPxS());
    assertEquals(1, s.pathEfficiency());
  }

  static void assertFinite(MotionFigures f) {
    double[] values = {f.pathLengthPx(), f.meanSpeedPxS(), f.maxSpeedPxS(), f.meanAbsAccelPxS2(),
        f.meanAbsJerkPxS3(), f.meanCurvatureRadPerPx(), f.directionEntropyBits(), f.pathEfficiency(),
        f.clickRatePerS(), f.scrollDistancePx(), f.scrollSpeedPxS()};
    for (double v : values) assertTrue(Double.isFinite(v), "finite: " + f);
  }
}
