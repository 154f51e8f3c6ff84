package io.limbic.analytics.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseSharesTest {
  private static final long MS = 1_000_000;

  /** A job: its phase, its place in its lane, and how long it runs. */
  private record Job(int phase, int order, long nanos) {}

  private static PhaseShares<Job> shares() {
    return new PhaseShares<>(3, Comparator.comparingInt(Job::order));
  }

  /** Runs every queued job on one thread, in the order the queue gives; returns each job with its start time. */
  private static List<long[]> runAll(PhaseShares<Job> shares, long from) {
    List<long[]> starts = new ArrayList<>();
    long now = from;
    PhaseShares.Started<Job> next;
    while ((next = shares.start()) != null) {
      starts.add(new long[] {next.phase(), next.job().order(), now});
      now += next.job().nanos();
      shares.ended(next, next.job().nanos());
    }
    return starts;
  }

  @Test
  void aLonePhaseRunsEveryJobInItsLaneOrder() {
    PhaseShares<Job> shares = shares();
    for (int order : new int[] {3, 1, 2}) shares.add(2, new Job(2, order, 5 * MS));
    assertEquals(3, shares.waiting());
    List<long[]> starts = runAll(shares, 0);
    assertEquals(List.of(1L, 2L, 3L), starts.stream().map(s -> s[1]).toList());
    assertTrue(shares.isEmpty());
    assertNull(shares.start());
  }

  @Test
  void aBacklogOfCostlyDeepPhasesDoesNotStarveTheCheapLightOnes() {
    PhaseShares<Job> shares = shares();
    for (int i = 0; i < 100; i++) {
      shares.add(3, new Job(3, i, 100 * MS));
      shares.add(1, new Job(1, i, MS));
    }
    List<long[]> starts = runAll(shares, 0);
    long lastLight = starts.stream().filter(s -> s[0] == 1).mapToLong(s -> s[2]).max().orElseThrow();
    long deepBeforeIt = starts.stream().filter(s -> s[0] == 3 && s[2] < lastLight).count();
    // Deeper-first would run all 100 deep phases (10 s) before the first light one; equal time shares run the
    // 100 ms of light work while a deep phase or two runs.
    assertTrue(deepBeforeIt <= 2, deepBeforeIt + " deep phases ran before the last light one");
    assertEquals(200, starts.size());
  }

  @Test
  void twoCostlyBackloggedPhasesShareTheThreadEqually() {
    PhaseShares<Job> shares = shares();
    for (int i = 0; i < 50; i++) {
      shares.add(2, new Job(2, i, 20 * MS));
      shares.add(3, new Job(3, i, 80 * MS));
    }
    List<long[]> starts = runAll(shares, 0);
    // Over the first 2 s of thread time each phase has had about half: 50 medium jobs (1 s) and ~12 deep ones.
    long cut = 2000 * MS;
    long medium = starts.stream().filter(s -> s[0] == 2 && s[2] < cut).count();
    long deep = starts.stream().filter(s -> s[0] == 3 && s[2] < cut).count();
    assertTrue(medium >= 45 && medium <= 50, "medium jobs started in 2 s: " + medium);
    assertTrue(deep >= 11 && deep <= 14, "deep jobs started in 2 s: " + deep);
  }

  @Test
  void aPhaseThatWasIdleBanksNoCredit() {
    PhaseShares<Job> shares = shares();
    // The deep phase alone has the thread for 10 s.
    for (int i = 0; i < 100; i++) shares.add(3, new Job(3, i, 100 * MS));
    runAll(shares, 0);
    // Then both get a backlog of equally costly jobs: they alternate, the light phase does not get 10 s first.
    for (int i = 0; i < 20; i++) {
      shares.add(1, new Job(1, i, 100 * MS));
      shares.add(3, new Job(3, 100 + i, 100 * MS));
    }
    List<long[]> starts = runAll(shares, 0);
    long deepInFirstTen = starts.subList(0, 10).stream().filter(s -> s[0] == 3).count();
    assertTrue(deepInFirstTen >= 4 && deepInFirstTen <= 6, "deep jobs among the first 10: " + deepInFirstTen);
  }

  @Test
  void jobsAlreadyRunningCountBeforeTheyFinish() {
    PhaseShares<Job> shares = shares();
    // Teach both lanes their run time; they end with equal counts.
    shares.add(1, new Job(1, 0, 100 * MS));
    shares.add(3, new Job(3, 0, 100 * MS));
    runAll(shares, 0);
    for (int i = 1; i <= 10; i++) {
      shares.add(1, new Job(1, i, 100 * MS));
      shares.add(3, new Job(3, i, 100 * MS));
    }
    // Two threads: the first takes a deep job; the second must not take another deep one while it runs.
    PhaseShares.Started<Job> first = shares.start();
    PhaseShares.Started<Job> second = shares.start();
    assertEquals(3, first.phase(), "equal counts: the deeper phase first");
    assertEquals(1, second.phase());
    assertEquals(100 * MS, first.charged(), 1);
  }

  @Test
  void onATieTheDeeperPhaseGoesFirst() {
    PhaseShares<Job> shares = shares();
    shares.add(1, new Job(1, 0, MS));
    shares.add(2, new Job(2, 0, MS));
    shares.add(3, new Job(3, 0, MS));
    assertEquals(3, shares.start().phase());
  }

  @Test
  void aCancelledJobLeavesItsLane() {
    PhaseShares<Job> shares = shares();
    Job kept = new Job(1, 0, MS), cancelled = new Job(1, 1, MS);
    shares.add(1, kept);
    shares.add(1, cancelled);
    assertTrue(shares.remove(1, cancelled));
    assertFalse(shares.remove(1, cancelled));
    assertEquals(1, shares.waiting());
    assertEquals(kept, shares.start().job());
    assertNull(shares.start());
  }

  @Test
  void aFullQueueMakesRoomForAPhaseBelowItsShareByTakingTheLastJobOfTheFullestPhase() {
    PhaseShares<Job> shares = shares();
    for (int i = 0; i < 8; i++) shares.add(3, new Job(3, i, 100 * MS));
    shares.add(2, new Job(2, 0, MS));
    shares.add(2, new Job(2, 1, MS));
    // Capacity 10 over 3 phases: a share of 3 each. The light phase holds none, the deep one 8.
    Job evicted = shares.evictFor(1, 10);
    assertEquals(new Job(3, 7, 100 * MS), evicted, "the last of the deep lane");
    assertEquals(7, shares.waiting(3));
    assertEquals(9, shares.waiting());
    shares.add(1, new Job(1, 0, MS));
    shares.add(1, new Job(1, 1, MS));
    shares.add(1, new Job(1, 2, MS));
    // The light phase holds its share now; the medium phase, under its share, finds the deep lane still beyond.
    assertNull(shares.evictFor(1, 10));
    assertEquals(new Job(3, 6, 100 * MS), shares.evictFor(2, 10));
  }

  @Test
  void noPhaseBeyondItsShareMeansNothingIsTaken() {
    PhaseShares<Job> shares = shares();
    for (int i = 0; i < 3; i++) {
      shares.add(2, new Job(2, i, MS));
      shares.add(3, new Job(3, i, MS));
    }
    assertNull(shares.evictFor(1, 9), "a share of 3 each, and both hold 3");
    assertEquals(6, shares.waiting());
  }

  @Test
  void aPhaseOutsideTheScheduleIsRefused() {
    PhaseShares<Job> shares = shares();
    assertThrows(IllegalArgumentException.class, () -> shares.add(0, new Job(0, 0, MS)));
    assertThrows(IllegalArgumentException.class, () -> shares.add(4, new Job(4, 0, MS)));
    assertThrows(IllegalArgumentException.class, () -> new PhaseShares<Job>(0, Comparator.comparingInt(Job::order)));
  }
}
