package io.limbic.cluster.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@link RateLimits} as token buckets, one per tenant and one per key, on this node only. A request takes a token
 * from its key's bucket and from its tenant's; when either is empty it is refused with the time until that bucket
 * holds a token again, and a token already taken from the other is given back.
 *
 * <p>A bucket is kept as one number, the instant at which it is full again ({@code fullAt}): with {@code T} the
 * time one token takes to come back, the bucket holds {@code burst - (fullAt - now) / T} tokens, and taking one
 * moves {@code fullAt} on by {@code T}. So a take is one compare-and-set, with no lock, and a bucket whose
 * {@code fullAt} has passed is exactly as good as no bucket: such idle buckets are dropped when a table outgrows
 * {@code maxBuckets}. Should every bucket still be in use, arbitrary ones are dropped too (those callers then start
 * again from a full bucket): memory stays bounded whatever the number of keys.
 */
public final class TokenBuckets implements RateLimits {
  /** A bucket that was dropped from its table; a caller holding it looks it up again. */
  private static final long RETIRED = Long.MIN_VALUE;

  /** {@code perSecond} tokens come back each second, up to {@code burst}; a full bucket lets burst requests through. */
  public record Rate(double perSecond, int burst) {
    public Rate {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("a rate needs a positive, finite number of requests per second");
      }
      if (burst < 1) throw new IllegalArgumentException("a burst is at least 1");
    }

    /** Nanoseconds for one token to come back (at least 1). */
    long intervalNanos() {
      return Math.max(1, Math.round(1e9 / perSecond));
    }

    /** How far {@code fullAt} may lie ahead of now while a token remains. */
    long toleranceNanos() {
      return (long) Math.min(Long.MAX_VALUE / 4d, (burst - 1) * (double) intervalNanos());
    }
  }

  private final Optional<Table> tenants;
  private final Optional<Table> keys;
  private final LongSupplier nanoTime;
  private final long origin;

  /**
   * Buckets at {@code tenant} and {@code key} rates (empty: no limit of that kind), each table holding at most
   * about {@code maxBuckets}, timed by {@code nanoTime} ({@link System#nanoTime} outside tests).
   */
  public TokenBuckets(Optional<Rate> tenant, Optional<Rate> key, int maxBuckets, LongSupplier nanoTime) {
    if (maxBuckets < 1) throw new IllegalArgumentException("max-buckets is at least 1");
    this.tenants = tenant.map(rate -> new Table(rate, maxBuckets));
    this.keys = key.map(rate -> new Table(rate, maxBuckets));
    this.nanoTime = nanoTime;
    this.origin = nanoTime.getAsLong();
  }

  /**
   * The limits of {@code limbic.rate-limit}: none when both rates are 0. A burst of 0 is one second's worth of the
   * rate (at least 1).
   */
  public static RateLimits from(Config config) {
    Config c = config.getConfig("limbic.rate-limit");
    Optional<Rate> tenant = rate(c.getDouble("tenant-per-second"), c.getInt("tenant-burst"));
    Optional<Rate> key = rate(c.getDouble("key-per-second"), c.getInt("key-burst"));
    if (tenant.isEmpty() && key.isEmpty()) return RateLimits.NONE;
    return new TokenBuckets(tenant, key, c.getInt("max-buckets"), System::nanoTime);
  }

  static Optional<Rate> rate(double perSecond, int burst) {
    if (perSecond < 0 || burst < 0) throw new IllegalArgumentException("rate limits and bursts are 0 or more");
    if (perSecond == 0) return Optional.empty();
    return Optional.of(new Rate(perSecond, burst == 0 ? (int) Math.max(1, Math.ceil(perSecond)) : burst));
  }

  @Override
  public Optional<Duration> refusal(String tenant, String key) {
    long now = nanoTime.getAsLong() - origin;
    long keyWait = keys.map(t -> t.take(key, now)).orElse(0L);
    if (keyWait > 0) return Optional.of(Duration.ofNanos(keyWait));
    long tenantWait = tenants.map(t -> t.take(tenant, now)).orElse(0L);
    if (tenantWait > 0) {
      keys.ifPresent(t -> t.giveBack(key));
      return Optional.of(Duration.ofNanos(tenantWait));
    }
    return Optional.empty();
  }

  /** Buckets held now (tenants and keys): for tests of the bound. */
  int size() {
    return tenants.map(t -> t.buckets.size()).orElse(0) + keys.map(t -> t.buckets.size()).orElse(0);
  }

  /** The buckets of one kind, at one rate. */
  private static final class Table {
    private final Rate rate;
    private final long interval;
    private final long tolerance;
    private final int maxBuckets;
    private final Map<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    Table(Rate rate, int maxBuckets) {
      this.rate = rate;
      this.interval = rate.intervalNanos();
      this.tolerance = rate.toleranceNanos();
      this.maxBuckets = maxBuckets;
    }

    /** Takes a token of {@code name}'s bucket: 0, or the nanoseconds until one is there. */
    long take(String name, long now) {
      while (true) {
        AtomicLong fullAt = bucket(name, now);
        long seen = fullAt.get();
        if (seen == RETIRED) continue;
        long from = Math.max(seen, now);
        long ahead = from - now;
        if (ahead > tolerance) return ahead - tolerance;
        if (fullAt.compareAndSet(seen, from + interval)) return 0;
      }
    }

    /** Returns the token just taken from {@code name}'s bucket. */
    void giveBack(String name) {
      AtomicLong fullAt = buckets.get(name);
      if (fullAt == null) return;
      fullAt.getAndUpdate(v -> v == RETIRED ? v : v - interval);
    }

    private AtomicLong bucket(String name, long now) {
      AtomicLong found = buckets.get(name);
      if (found != null) return found;
      if (buckets.size() >= maxBuckets) sweep(now);
      return buckets.computeIfAbsent(name, n -> new AtomicLong(0));
    }

    /**
     * Drops the buckets that are full again (nothing is lost), then, if the table is still at its bound, arbitrary
     * ones until a quarter of it is free, so the next sweep is a quarter of the bound of new names away. One
     * thread sweeps at a time; the others go on.
     */
    private void sweep(long now) {
      if (!sweeping.compareAndSet(false, true)) return;
      try {
        buckets.forEach((name, fullAt) -> {
          long seen = fullAt.get();
          if (seen != RETIRED && seen <= now && fullAt.compareAndSet(seen, RETIRED)) buckets.remove(name, fullAt);
        });
        int target = maxBuckets - Math.max(1, maxBuckets / 4);
        Iterator<Map.Entry<String, AtomicLong>> each = buckets.entrySet().iterator();
        while (buckets.size() > target && each.hasNext()) {
          Map.Entry<String, AtomicLong> entry = each.next();
          entry.getValue().set(RETIRED);
          buckets.remove(entry.getKey(), entry.getValue());
        }
      } finally {
        sweeping.set(false);
      }
    }

    @Override
    public String toString() {
      return "Table[" + rate + "]";
    }
  }
}
