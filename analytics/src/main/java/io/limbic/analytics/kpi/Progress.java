package io.limbic.analytics.kpi;

/** How a long computation reports progress and learns it was cancelled. Implementations must be thread-safe. */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void report(double fraction) {}

    @Override
    public boolean cancelled() {
      return false;
    }
  };

  /** Fraction done, in [0, 1]. */
  void report(double fraction);

  /** True once the caller asked to stop; a computation checks it at least once per iteration and then throws
   *  {@link Cancelled}. */
  boolean cancelled();

  final class Cancelled extends RuntimeException {
    public Cancelled() {
      super("canceled", null, false, false);
    }
  }
}
