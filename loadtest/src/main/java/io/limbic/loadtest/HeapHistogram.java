package io.limbic.loadtest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's live heap by class, from {@code jcmd <pid> GC.class_histogram} (which runs a full collection first, so
 * only reachable objects count). Two of them, taken before and after a number of entities were started, give what
 * each entity costs: the difference of the totals divided by the number started.
 */
record HeapHistogram(long totalBytes, long totalInstances, Map<String, long[]> byClass) {

  static HeapHistogram of(long pid) throws Exception {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    Map<String, long[]> byClass = new HashMap<>();
    long bytes = -1;
    long instances = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 3 && f[0].equals("Total")) {
          instances = Long.parseLong(f[1]);
          bytes = Long.parseLong(f[2]);
        } else if (f.length >= 4 && f[0].endsWith(":")) {
          byClass.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
      }
    }
    if (jcmd.waitFor() != 0 || bytes < 0) throw new IllegalStateException("jcmd GC.class_histogram failed for " + pid);
    return new HeapHistogram(bytes, instances, byClass);
  }

  /**
   * What grew from {@code before} to this, per entity: the total and the classes that grew most. Divided by the
   * growth of {@code entityClass}'s live instances (the entities alive now less those alive before: entities
   * passivated meanwhile, and ones started by a request that failed, count right), and by the requests answered.
   */
  void printGrowthPer(HeapHistogram before, long entities, String what, int top, String entityClass) {
    long grown = totalBytes - before.totalBytes;
    long live = delta(Map.entry(entityClass, byClass.getOrDefault(entityClass, new long[2])), before)[0];
    System.out.printf("heap: %,d -> %,d bytes live (%+,d); %,d more live %s: %,.0f bytes each, %,.0f per GB"
            + " (per request answered, %,d: %,.0f bytes)%n",
        before.totalBytes, totalBytes, grown, live, entityClass, grown / (double) Math.max(1, live),
        (1L << 30) / Math.max(1.0, grown / (double) Math.max(1, live)), entities, grown / (double) entities);
    List<Map.Entry<String, long[]>> growth = new ArrayList<>(byClass.entrySet());
    growth.sort((a, b) -> Long.compare(delta(b, before)[1], delta(a, before)[1]));
    for (Map.Entry<String, long[]> e : growth.subList(0, Math.min(top, growth.size()))) {
      long[] d = delta(e, before);
      System.out.printf("  %+,12d bytes %+,9d instances (%.2f each)  %s%n", d[1], d[0], d[0] / (double) entities,
          e.getKey());
    }
  }

  private static long[] delta(Map.Entry<String, long[]> now, HeapHistogram before) {
    long[] was = before.byClass.getOrDefault(now.getKey(), new long[2]);
    return new long[] {now.getValue()[0] - was[0], now.getValue()[1] - was[1]};
  }
}
