package io.limbic.projections.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A period length of the read model: the UTC hour or the UTC day, with the widest range one query may span. */
public enum Grain {
  HOUR("hour", "h", ChronoUnit.HOURS, 24 * 31),
  DAY("day", "d", ChronoUnit.DAYS, 366);

  private final String key;
  private final String code;
  private final ChronoUnit unit;
  private final int maxPeriods;

  Grain(String key, String code, ChronoUnit unit, int maxPeriods) {
    this.key = key;
    this.code = code;
    this.unit = unit;
    this.maxPeriods = maxPeriods;
  }

  public String key() {
    return key;
  }

  /** The value of the tables' {@code grain} column. */
  String code() {
    return code;
  }

  public int maxPeriods() {
    return maxPeriods;
  }

  public Duration length() {
    return unit.getDuration();
  }

  /** The start of the period holding {@code at}. */
  public Instant floor(Instant at) {
    return at.truncatedTo(unit);
  }

  /** The first period start at or after {@code at}. */
  public Instant ceil(Instant at) {
    Instant f = floor(at);
    return f.equals(at) ? f : f.plus(length());
  }

  public static Optional<Grain> of(String key) {
    for (Grain g : values()) if (g.key.equals(key)) return Optional.of(g);
    return Optional.empty();
  }
}
