package io.limbic.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Samples each read model's lag while the load runs: now minus the write timestamp of the last event its
 * projection committed (the offset table joined to the journal), the worst of its tag instances. Node, database
 * and this process share one machine, hence one clock.
 */
final class ReadModelLag implements AutoCloseable {
  private static final String LAST_PROCESSED =
      "SELECT o.projection_name, MIN(j.write_timestamp) FROM pekko_projection_offset_store o "
          + "JOIN event_journal j ON j.ordering = CAST(o.current_offset AS BIGINT) GROUP BY o.projection_name";

  private final Map<String, Histogram> lags = new TreeMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  ReadModelLag(String jdbc, String user, String password, long everyMillis) {
    sampler = new Thread(() -> sample(jdbc, user, password, everyMillis), "lag-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample(String jdbc, String user, String password, long everyMillis) {
    try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
      while (running) {
        Map<String, Long> lastWritten = new HashMap<>();
        try (ResultSet rs = s.executeQuery(LAST_PROCESSED)) {
          while (rs.next()) lastWritten.put(rs.getString(1), rs.getLong(2));
        }
        long now = System.currentTimeMillis();
        synchronized (lags) {
          lastWritten.forEach((name, at) ->
              lags.computeIfAbsent(name, n -> new Histogram(3_600_000L, 3)).recordValue(Math.max(0, now - at)));
        }
        Thread.sleep(everyMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.out.println("lag sampler stopped: " + e);
    }
  }

  /** The samples so far, per read model (milliseconds). */
  Map<String, Histogram> histograms() {
    synchronized (lags) {
      Map<String, Histogram> copy = new TreeMap<>();
      lags.forEach((name, h) -> copy.put(name, h.copy()));
      return copy;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join(5_000);
  }
}
