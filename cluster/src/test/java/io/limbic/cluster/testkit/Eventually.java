package io.limbic.cluster.testkit;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up; the last failure is rethrown. */
public final class Eventually {
  public interface Check {
    void run() throws Exception;
  }

  public interface Supplier<T> {
    T get() throws Exception;
  }

  private Eventually() {}

  /** The first value {@code supplier} returns without failing, within {@code max}. */
  public static <T> T value(Duration max, Supplier<T> supplier) throws Exception {
    Object[] result = new Object[1];
    within(max, () -> result[0] = supplier.get());
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

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
