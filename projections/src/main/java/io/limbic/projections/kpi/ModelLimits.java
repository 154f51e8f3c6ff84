package io.limbic.projections.kpi;

/**
 * The bounds of the model API (README "Model API"), also held by the backtest jobs. They keep one request's memory and CPU within what a node can
 * give it: a fit's cost grows with periods x states^3, a simulation's with paths x periods x states^2.
 */
public final class ModelLimits {
  public static final int MAX_PERIODS = 5_000;
  public static final int MIN_PERIODS = 2;
  public static final int MAX_STATES = 20;
  public static final int MAX_KPIS = 20;
  public static final int MAX_CONTROLS = 10;
  public static final int MAX_ITERATIONS = 1_000;
  public static final int DEFAULT_ITERATIONS = 100;
  public static final double DEFAULT_TOLERANCE = 1e-6;
  public static final int MAX_HORIZON_DAYS = 365;
  public static final int DEFAULT_PATHS = 1_000;
  public static final int MAX_PATHS = 10_000;
  /** Paths times simulated periods: 10,000 paths over 365 days. */
  public static final long MAX_PATH_PERIODS = 3_650_000L;
  /** The largest magnitude of any number in a request (data, matrices, targets, constraints). */
  public static final double MAX_MAGNITUDE = 1e15;
  public static final double DEFAULT_INPUT_COST = 1e-3;
  public static final String DEFAULT_TYPE = "state_space";
  /** The segment an inline-data fit is stored under when the request names none. */
  public static final String INLINE_SEGMENT = "inline";

  private ModelLimits() {}
}
