package io.limbic.cluster.testkit;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up; the last failure is rethrown. */
public final class Eventually {
  public interface Check {
    void run() throws Exception;
  }

  private Eventually() {}

  public static void within(Duration max, Check check) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | Exception e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.sleep(100);
      }
    }
  }
}
