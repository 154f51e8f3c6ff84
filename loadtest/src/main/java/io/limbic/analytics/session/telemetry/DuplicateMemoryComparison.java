package io.limbic.analytics.session.telemetry;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Random;

/**
 * The reorder buffer's duplicate memory side by side in one JVM: the insertion-ordered set it used before session 23
 * (every sample hashed whole and kept in an entry object) against {@link RecentSamples} (a ring chained by time), on
 * the same generated streams. Prints ns and bytes allocated per sample and the ratio.
 *
 * <p>It lives in the analytics package because {@link RecentSamples} is package-private; on the class path that is
 * fine. It is not a JUnit test on purpose: timings do not belong in assertions. Offline (loadtest does not build
 * without Gatling), from the repository root after {@code mvn -o -pl analytics compile}:
 * <pre>
 *   javac -d /tmp/dupmem -cp analytics/target/classes \
 *     loadtest/src/main/java/io/limbic/analytics/session/telemetry/DuplicateMemoryComparison.java
 *   nice -n 19 java -cp /tmp/dupmem:analytics/target/classes \
 *     io.limbic.analytics.session.telemetry.DuplicateMemoryComparison [sessions] [samplesPerSession] [rounds]
 * </pre>
 * The stream per session: pointer moves at about 60 Hz with some equal times, a click now and then, and 1 % of the
 * batches of 20 sent twice (a retry), so about 1 % of the lookups find a duplicate. Sessions are interleaved round
 * robin, as a node serves them, so with many sessions the memories do not all sit in the cache.
 */
public final class DuplicateMemoryComparison {

  /** What both memories do for one offered sample: drop it if remembered, otherwise remember it. */
  private interface Memory {
    boolean offer(TelemetrySample sample);
  }

  /** ReorderBuffer's memory as it was: contains, add, and trim the oldest beyond the bound. */
  private static final class SetMemory implements Memory {
    private final LinkedHashSet<TelemetrySample> recent = new LinkedHashSet<>();
    private final int bound;

    SetMemory(int bound) {
      this.bound = bound;
    }

    @Override
    public boolean offer(TelemetrySample sample) {
      if (recent.contains(sample)) return false;
      recent.add(sample);
      if (recent.size() > bound) {
        Iterator<TelemetrySample> oldest = recent.iterator();
        oldest.next();
        oldest.remove();
      }
      return true;
    }
  }

  private static final class RingMemory implements Memory {
    private final RecentSamples recent;

    RingMemory(int bound) {
      recent = new RecentSamples(bound);
    }

    @Override
    public boolean offer(TelemetrySample sample) {
      if (recent.contains(sample)) return false;
      recent.add(sample);
      return true;
    }
  }

  private record Result(double nsPerSample, double bytesPerSample, long accepted) {}

  public static void main(String[] args) {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int perSession = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int bound = ReorderBuffer.Settings.defaults().duplicateMemory();
    TelemetrySample[][] streams = new TelemetrySample[sessions][];
    for (int s = 0; s < sessions; s++) streams[s] = stream(new Random(s), perSession);
    System.out.printf("duplicate memory of %d, %d sessions x %d samples, %d rounds (best and median)%n",
        bound, sessions, perSession, rounds);

    double[] setNs = new double[rounds];
    double[] ringNs = new double[rounds];
    Result set = null;
    Result ring = null;
    for (int r = -2; r < rounds; r++) {  // two warm-up rounds, then alternate so drift hits both alike
      set = run(streams, () -> new SetMemory(bound));
      ring = run(streams, () -> new RingMemory(bound));
      if (set.accepted() != ring.accepted()) throw new IllegalStateException("the memories disagree");
      if (r >= 0) {
        setNs[r] = set.nsPerSample();
        ringNs[r] = ring.nsPerSample();
      }
    }
    Arrays.sort(setNs);
    Arrays.sort(ringNs);
    System.out.printf("LinkedHashSet  %7.1f ns/sample best, %7.1f median, %6.1f bytes/sample%n",
        setNs[0], setNs[rounds / 2], set.bytesPerSample());
    System.out.printf("RecentSamples  %7.1f ns/sample best, %7.1f median, %6.1f bytes/sample%n",
        ringNs[0], ringNs[rounds / 2], ring.bytesPerSample());
    System.out.printf("ratio (set / ring, median) %.2f; %d of %d samples accepted in each%n",
        setNs[rounds / 2] / ringNs[rounds / 2], ring.accepted(), (long) sessions * perSession);
  }

  private static Result run(TelemetrySample[][] streams, java.util.function.Supplier<Memory> memory) {
    Memory[] memories = new Memory[streams.length];
    for (int s = 0; s < streams.length; s++) memories[s] = memory.get();
    long samples = 0;
    long accepted = 0;
    long bytesBefore = allocatedBytes();
    long start = System.nanoTime();
    int length = streams[0].length;
    for (int i = 0; i < length; i++) {
      for (int s = 0; s < streams.length; s++) {
        if (memories[s].offer(streams[s][i])) accepted++;
        samples++;
      }
    }
    long elapsed = System.nanoTime() - start;
    long bytes = allocatedBytes() - bytesBefore;
    return new Result((double) elapsed / samples, (double) bytes / samples, accepted);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static TelemetrySample[] stream(Random random, int count) {
    TelemetrySample[] out = new TelemetrySample[count];
    long t = 1_700_000_000_000L + random.nextInt(1_000_000);
    double x = 400;
    double y = 300;
    int i = 0;
    while (i < count) {
      int batchStart = i;
      for (int k = 0; k < 20 && i < count; k++, i++) {
        t += random.nextInt(10) == 0 ? 0 : 12 + random.nextInt(9);
        x += random.nextGaussian() * 8;
        y += random.nextGaussian() * 8;
        out[i] = random.nextInt(50) == 0
            ? TelemetrySample.click(t, Math.rint(x), Math.rint(y), "#item-" + random.nextInt(12))
            : TelemetrySample.pointer(t, SampleType.MOVE, Math.rint(x), Math.rint(y));
      }
      if (random.nextInt(100) == 0) {  // a retried batch
        for (int k = batchStart; k < batchStart + 20 && i < count; k++, i++) out[i] = copy(out[k]);
      }
    }
    return out;
  }

  /** An equal sample that is another object, as a retry decoded from JSON again would be. */
  private static TelemetrySample copy(TelemetrySample s) {
    return new TelemetrySample(s.t(), s.type(), s.x(), s.y(), s.button(), s.target(), s.section(), s.scrollY(),
        s.url(), s.noRage());
  }
}
