package io.limbic.analytics.session.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealDataLoadersTest {

  @Test
  void iwebSessionsCarryDelayRatingClicksAndCompletedMapUpdates() throws IOException {
    List<Recording> sessions = IwebMap.read(resource("iweb-raw_data-sample.csv"));
    assertEquals(2, sessions.size());
    Recording first = sessions.get(0);
    assertEquals("1", first.person());
    assertEquals("map", first.condition());
    assertEquals(Map.of("delayMs", 600.0, "rating", 1.0), first.covariates());
    List<TelemetrySample> s = first.samples();
    // The completed update "1555082919042:6055" is a mutation when the map had redrawn.
    assertTrue(s.stream().anyMatch(x -> x.type() == SampleType.MUTATION && x.t() == 1555082919042L + 6055));
    // The SDK stamps the click 1 ms after the up. A pan (down at 866,266, up at 659,552) is no click; a zoom-button up without a down is one.
    assertEquals(0, at(s, 1555082932956L, SampleType.CLICK));
    assertEquals(1, at(s, 1555082926427L, SampleType.CLICK));
    assertEquals(11, count(s, SampleType.DOWN));
    assertStrictlyIncreasing(s);
  }

  @Test
  void freihautClicksBecomeDownUpClickAndMovesAreThrottledLikeTheSdk() throws IOException {
    List<Recording> sessions = FreihautPointClick.read(resource("freihaut-sample.csv"));
    assertEquals(List.of("high-stress", "low-stress"), sessions.stream().map(Recording::condition).toList());
    List<TelemetrySample> high = sessions.get(0).samples();
    assertEquals(List.of(SampleType.DOWN, SampleType.UP, SampleType.CLICK), high.subList(0, 3).stream()
        .map(TelemetrySample::type).toList());
    assertEquals(List.of(0L, 1L, 2L), high.subList(0, 3).stream().map(TelemetrySample::t).toList());
    // Moves at 217, 234 and 250 ms: the first is sent, the latest of the others once 50 ms have passed.
    List<Long> moves = high.stream().filter(x -> x.type() == SampleType.MOVE).map(TelemetrySample::t).toList();
    assertEquals(List.of(217L, 250L), moves);
    assertStrictlyIncreasing(high);
  }

  @Test
  void sapiMouseDragsAndRightClicksAreNoClicks() throws Exception {
    List<Recording> sessions = SapiMouse.read(dir("sapimouse"));
    assertEquals(1, sessions.size());
    assertEquals("user7", sessions.get(0).person());
    assertEquals("1min", sessions.get(0).condition());
    List<TelemetrySample> s = sessions.get(0).samples();
    assertEquals(1, count(s, SampleType.CLICK));
    assertEquals(1181, s.stream().filter(x -> x.type() == SampleType.CLICK).findFirst().orElseThrow().t());
    assertEquals(3, count(s, SampleType.DOWN));
  }

  @Test
  void trackpadRecordingsNameActivityAndPersonAndScrollNeverAboveTheTop() throws Exception {
    List<Recording> sessions = TrackpadActivities.read(dir("trackpad"));
    assertEquals(1, sessions.size());
    Recording chess = sessions.get(0);
    assertEquals("chess", chess.condition());
    assertEquals("HJ", chess.person());
    List<Double> scrolls = chess.samples().stream().filter(x -> x.type() == SampleType.SCROLL)
        .map(TelemetrySample::scrollY).toList();
    assertEquals(List.of(40.0, 0.0, 0.0), scrolls);
    assertEquals(1, count(chess.samples(), SampleType.CLICK));
    assertEquals(1730090069852L, chess.samples().stream().filter(x -> x.type() == SampleType.CLICK)
        .findFirst().orElseThrow().t());
  }

  @Test
  void aLiveReplayCountsEscalationGradeEpisodesFromWhatItPersisted() throws IOException {
    LiveReplay replay = LiveReplay.withDefaults();
    for (Recording r : IwebMap.read(resource("iweb-raw_data-sample.csv"))) {
      ReplayOutcome o = replay.replay(r);
      long escalationGrade = o.persisted().stream()
          .filter(x -> x.state().wireName().equals("rage") && x.confidence() >= 0.85).count();
      assertTrue(o.escalations() <= escalationGrade);
      assertTrue(o.escalations() > 0 || escalationGrade == 0);
      assertTrue(o.nonCalmShare() >= 0 && o.nonCalmShare() <= 1);
      assertTrue(o.meanAnger() >= 0 && o.meanAnger() <= 1);
      for (int i = 1; i < o.persisted().size(); i++) {
        assertTrue(o.persisted().get(i).at() >= o.persisted().get(i - 1).at());
      }
    }
  }

  private static long count(List<TelemetrySample> s, SampleType type) {
    return s.stream().filter(x -> x.type() == type).count();
  }

  private static long at(List<TelemetrySample> s, long t, SampleType type) {
    return s.stream().filter(x -> x.type() == type && Math.abs(x.t() - t) <= 2).count();
  }

  private static void assertStrictlyIncreasing(List<TelemetrySample> s) {
    for (int i = 1; i < s.size(); i++) assertTrue(s.get(i).t() > s.get(i - 1).t(), "t at " + i);
  }

  private static BufferedReader resource(String name) {
    return new BufferedReader(new InputStreamReader(
        RealDataLoadersTest.class.getResourceAsStream("/realdata/" + name), StandardCharsets.UTF_8));
  }

  private static Path dir(String name) throws URISyntaxException {
    return Path.of(RealDataLoadersTest.class.getResource("/realdata/" + name).toURI());
  }
}
