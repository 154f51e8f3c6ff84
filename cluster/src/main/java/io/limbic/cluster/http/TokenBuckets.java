package io.limbic.cluster.http;

import com.typesafe.config.Config;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * {@link RateLimits} as token buckets, one per tenant and one per key, on this node only. A request takes a token
 * from its key's bucket and from its tenant's; when either is empty it is refused with the time until that bucket
 * holds a token again, and a token already taken from the key is given back.
 *
 * <p>The bucket arithmetic is Bucket4j's: a local, lock-free bucket of {@code burst} tokens with greedy refill,
 * timed by our {@code nanoTime} through a custom {@link TimeMeter}. Ours is only the table of buckets by name: a
 * bucket that is full again is exactly as good as no bucket, so such idle buckets are dropped when a table outgrows
 * {@code maxBuckets}. Should every bucket still be in use, arbitrary ones are dropped too (those callers then start
 * again from a full bucket): memory stays bounded whatever the number of keys.
 */
public final class TokenBuckets implements RateLimits {
  /** {@code perSecond} tokens come back each second, up to {@code burst}; a full bucket lets burst requests through. */
  public record Rate(double perSecond, int burst) {
    public Rate {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("a rate needs a positive, finite number of requests per second");
      }
      if (burst < 1) throw new IllegalArgumentException("a burst is at least 1");
    }

    /** A new full bucket at this rate, timed by {@code clock}. */
    LocalBucket bucket(TimeMeter clock) {
      return Bucket.builder()
          .addLimit(limit -> {
            var capacity = limit.capacity(burst);
            // Bucket4j counts whole tokens per period: a whole rate per second as it is, any other as one token
            // per its interval (rounded to the nanosecond).
            if (perSecond == Math.rint(perSecond) && perSecond <= Long.MAX_VALUE) {
              return capacity.refillGreedy((long) perSecond, Duration.ofSeconds(1));
            }
            return capacity.refillGreedy(1, Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond))));
          })
          .withCustomTimePrecision(clock)
          .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
          .build();
    }
  }

  private final Optional<Table> tenants;
  private final Optional<Table> keys;

  /**
   * Buckets at {@code tenant} and {@code key} rates (empty: no limit of that kind), each table holding at most
   * about {@code maxBuckets}, timed by {@code nanoTime} ({@link System#nanoTime} outside tests).
   */
  public TokenBuckets(Optional<Rate> tenant, Optional<Rate> key, int maxBuckets, LongSupplier nanoTime) {
    if (maxBuckets < 1) throw new IllegalArgumentException("max-buckets is at least 1");
    TimeMeter clock = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return nanoTime.getAsLong();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.tenants = tenant.map(rate -> new Table(rate, maxBuckets, clock));
    this.keys = key.map(rate -> new Table(rate, maxBuckets, clock));
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

  /**
   * The key is asked first, then the tenant; when the tenant refuses, the key's token goes back with
   * {@link Bucket#addTokens} (capped at the burst), so a refusal costs the key nothing. Asking the tenant first with
   * an estimate would not do: the estimate and the take are two steps, another request may empty the tenant in
   * between, and the key's token would be lost all the same. Between the take and the give-back another request of
   * the same key may see one token fewer; that only ever refuses, never lets more through than the rates allow.
   */
  @Override
  public Optional<Duration> refusal(String tenant, String key) {
    Optional<Entry> keyEntry = Optional.empty();
    if (keys.isPresent()) {
      Taken taken = keys.get().take(key);
      if (!taken.probe().isConsumed()) return Optional.of(Duration.ofNanos(taken.probe().getNanosToWaitForRefill()));
      keyEntry = Optional.of(taken.entry());
    }
    if (tenants.isPresent()) {
      ConsumptionProbe probe = tenants.get().take(tenant).probe();
      if (!probe.isConsumed()) {
        keyEntry.ifPresent(e -> e.bucket.addTokens(1));
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
      }
    }
    return Optional.empty();
  }

  /** Buckets held now (tenants and keys): for tests of the bound. */
  int size() {
    return tenants.map(t -> t.buckets.size()).orElse(0) + keys.map(t -> t.buckets.size()).orElse(0);
  }

  /** One name's bucket; {@code retired} once a sweep drops it, and a caller holding it then looks it up again. */
  private static final class Entry {
    final LocalBucket bucket;
    volatile boolean retired;

    Entry(LocalBucket bucket) {
      this.bucket = bucket;
    }
  }

  /** The answer of one take, and the bucket it was taken from. */
  private record Taken(Entry entry, ConsumptionProbe probe) {}

  /** The buckets of one kind, at one rate. */
  private static final class Table {
    private final Rate rate;
    private final int maxBuckets;
    private final TimeMeter clock;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    Table(Rate rate, int maxBuckets, TimeMeter clock) {
      this.rate = rate;
      this.maxBuckets = maxBuckets;
      this.clock = clock;
    }

    /**
     * Takes a token of {@code name}'s bucket, or learns the time until one is there. A sweep marks a bucket
     * retired before it drains and drops it; a take that then finds its bucket retired undoes what it took and
     * starts again on the bucket now in the table (while the sweep decides, that may be the same one again).
     */
    Taken take(String name) {
      while (true) {
        Entry entry = entry(name);
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        if (!entry.retired) return new Taken(entry, probe);
        if (probe.isConsumed()) entry.bucket.addTokens(1);
        Thread.onSpinWait();
      }
    }

    private Entry entry(String name) {
      Entry found = buckets.get(name);
      if (found != null) return found;
      if (buckets.size() >= maxBuckets) sweep();
      return buckets.computeIfAbsent(name, n -> new Entry(rate.bucket(clock)));
    }

    /**
     * Drops the buckets that are full again (nothing is lost), then, if the table is still at its bound, arbitrary
     * ones until a quarter of it is free, so the next sweep is a quarter of the bound of new names away. One
     * thread sweeps at a time; the others go on.
     *
     * <p>A bucket is full exactly when its whole burst can be taken at once: Bucket4j does that in one atomic step,
     * and a bucket so drained stays retired and is dropped. Should a take slip in first, the drain fails and the
     * bucket stays; the take, seeing it retired for that moment, has given its token back and takes again.
     */
    private void sweep() {
      if (!sweeping.compareAndSet(false, true)) return;
      try {
        buckets.forEach((name, entry) -> {
          entry.retired = true;
          if (entry.bucket.tryConsume(rate.burst())) buckets.remove(name, entry);
          else entry.retired = false;
        });
        int target = maxBuckets - Math.max(1, maxBuckets / 4);
        Iterator<Map.Entry<String, Entry>> each = buckets.entrySet().iterator();
        while (buckets.size() > target && each.hasNext()) {
          Map.Entry<String, Entry> next = each.next();
          next.getValue().retired = true;
          buckets.remove(next.getKey(), next.getValue());
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
