package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test moves: nothing here depends on the wall clock. */
class TokenBucketsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

  private TokenBuckets buckets(Optional<TokenBuckets.Rate> tenant, Optional<TokenBuckets.Rate> key, int max) {
    return new TokenBuckets(tenant, key, max, nanos::get);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private static Optional<TokenBuckets.Rate> rate(double perSecond, int burst) {
    return Optional.of(new TokenBuckets.Rate(perSecond, burst));
  }

  @Test
  void aFullBucketLetsItsBurstThroughThenRefusesWithTheTimeToTheNextToken() {
    TokenBuckets limits = buckets(rate(2, 3), Optional.empty(), 100);
    for (int i = 0; i < 3; i++) assertEquals(Optional.empty(), limits.refusal("acme", "k"), "request " + i);
    assertEquals(Optional.of(Duration.ofMillis(500)), limits.refusal("acme", "k"));
    advance(Duration.ofMillis(200));
    assertEquals(Optional.of(Duration.ofMillis(300)), limits.refusal("acme", "k"), "a refusal takes nothing");
  }

  @Test
  void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
    TokenBuckets limits = buckets(rate(10, 2), Optional.empty(), 100);
    limits.refusal("acme", "k");
    limits.refusal("acme", "k");
    assertTrue(limits.refusal("acme", "k").isPresent());
    advance(Duration.ofMillis(100));
    assertEquals(Optional.empty(), limits.refusal("acme", "k"), "one token after 1/rate");
    assertTrue(limits.refusal("acme", "k").isPresent());
    advance(Duration.ofHours(1));
    assertEquals(Optional.empty(), limits.refusal("acme", "k"));
    assertEquals(Optional.empty(), limits.refusal("acme", "k"));
    assertTrue(limits.refusal("acme", "k").isPresent(), "an hour idle still holds only the burst");
  }

  @Test
  void tenantsAreCountedApart() {
    TokenBuckets limits = buckets(rate(1, 1), Optional.empty(), 100);
    assertEquals(Optional.empty(), limits.refusal("acme", "k1"));
    assertTrue(limits.refusal("acme", "k2").isPresent(), "another key of the same tenant shares its budget");
    assertEquals(Optional.empty(), limits.refusal("globex", "k3"));
  }

  @Test
  void aKeyHasItsOwnBudgetWithinItsTenantsAndARefusalByTheTenantCostsTheKeyNothing() {
    TokenBuckets limits = buckets(rate(1, 3), rate(1, 2), 100);
    assertEquals(Optional.empty(), limits.refusal("acme", "k1"));
    assertEquals(Optional.empty(), limits.refusal("acme", "k1"));
    assertEquals(Optional.of(Duration.ofSeconds(1)), limits.refusal("acme", "k1"), "k1's own bucket is empty");
    assertEquals(Optional.empty(), limits.refusal("acme", "k2"));
    assertTrue(limits.refusal("acme", "k2").isPresent(), "the tenant's bucket is empty now");
    advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), limits.refusal("acme", "k2"), "k2 kept the token the tenant refused");
  }

  @Test
  void aKeyRefusedByItsTenantGetsItsTokenBackAtOnce() {
    // The key refills more slowly than the tenant: a refusal by the key would wait 2 s, one by the tenant 1 s.
    TokenBuckets limits = buckets(rate(1, 1), rate(0.5, 1), 100);
    assertEquals(Optional.empty(), limits.refusal("acme", "k1"));
    assertEquals(Optional.of(Duration.ofSeconds(1)), limits.refusal("acme", "k2"), "the tenant refuses");
    assertEquals(Optional.of(Duration.ofSeconds(1)), limits.refusal("acme", "k2"), "k2 still holds its token");
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertEquals(1, ApiDirectives.retryAfterSeconds(Duration.ofNanos(1)));
    assertEquals(1, ApiDirectives.retryAfterSeconds(Duration.ZERO));
    assertEquals(1, ApiDirectives.retryAfterSeconds(Duration.ofSeconds(1)));
    assertEquals(2, ApiDirectives.retryAfterSeconds(Duration.ofSeconds(1).plusNanos(1)));
    assertEquals(60, ApiDirectives.retryAfterSeconds(Duration.ofMillis(59_001)));
    assertEquals(Integer.MAX_VALUE, ApiDirectives.retryAfterSeconds(Duration.ofDays(100_000)));
    TokenBuckets slow = buckets(rate(0.25, 1), Optional.empty(), 100);
    slow.refusal("acme", "k");
    assertEquals(4, ApiDirectives.retryAfterSeconds(slow.refusal("acme", "k").orElseThrow()));
  }

  @Test
  void idleBucketsAreDroppedAndTheTableStaysBounded() {
    TokenBuckets limits = buckets(Optional.empty(), rate(1, 5), 100);
    for (int i = 0; i < 100_000; i++) {
      assertEquals(Optional.empty(), limits.refusal("acme", "key" + i));
      if (i % 50 == 0) advance(Duration.ofSeconds(1));
    }
    assertTrue(limits.size() <= 100, "buckets held: " + limits.size());
  }

  @Test
  void droppingIdleBucketsChangesNoAnswer() {
    TokenBuckets limits = buckets(Optional.empty(), rate(1, 2), 4);
    limits.refusal("t", "busy");
    limits.refusal("t", "busy");
    for (int i = 0; i < 3; i++) limits.refusal("t", "idle" + i);
    advance(Duration.ofSeconds(2)); // the idle ones are full again, and so is busy
    limits.refusal("t", "busy");
    limits.refusal("t", "busy");
    for (int i = 3; i < 6; i++) limits.refusal("t", "idle" + i); // sweeps: the full idle0..2 go, busy stays
    assertTrue(limits.refusal("t", "busy").isPresent(), "busy's empty bucket survived the sweep");
  }

  @Test
  void concurrentRequestsTakeExactlyTheBurst() throws Exception {
    TokenBuckets limits = buckets(rate(1, 1000), rate(1, 1000), 16);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger passed = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 500; i++) if (limits.refusal("acme", "k").isEmpty()) passed.incrementAndGet();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1000, passed.get(), "4000 requests at once, a burst of 1000 and no time passing");
  }

  @Test
  void concurrentRequestsOfManyKeysStayBoundedAndNeverExceedABurst() throws Exception {
    TokenBuckets limits = buckets(Optional.empty(), rate(1, 3), 64);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          int over = 0;
          for (int i = 0; i < 20_000; i++) {
            String key = "t" + thread + "-" + (i % 500);
            if (limits.refusal("acme", key).isPresent()) over++;
          }
          return over;
        }));
      }
      for (Future<Integer> f : done) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    // A thread that finds another sweeping adds its bucket without waiting: at most one over the bound each.
    assertTrue(limits.size() <= 64 + 4, "buckets held: " + limits.size());
  }

  @Test
  void settingsOfZeroMeanNoLimitAndABurstOfZeroIsOneSecondsWorth() {
    assertSame(RateLimits.NONE, TokenBuckets.from(ConfigFactory.parseMap(Map.of(
        "limbic.rate-limit.tenant-per-second", 0, "limbic.rate-limit.tenant-burst", 0,
        "limbic.rate-limit.key-per-second", 0, "limbic.rate-limit.key-burst", 0,
        "limbic.rate-limit.max-buckets", 10))));
    assertEquals(Optional.of(new TokenBuckets.Rate(2.5, 3)), TokenBuckets.rate(2.5, 0));
    assertEquals(Optional.of(new TokenBuckets.Rate(0.5, 1)), TokenBuckets.rate(0.5, 0));
    assertEquals(Optional.of(new TokenBuckets.Rate(5, 50)), TokenBuckets.rate(5, 50));
    assertEquals(Optional.empty(), TokenBuckets.rate(0, 50));
    assertThrows(IllegalArgumentException.class, () -> TokenBuckets.rate(-1, 0));
  }

  @Test
  void aKeysNameIsStableAndDoesNotContainTheKey() {
    String key = "lk_abcdefghijklmnopqrstuvwxyz";
    assertEquals(ApiKeys.nameOf(key), ApiKeys.nameOf(key));
    assertTrue(!ApiKeys.nameOf(key).contains("abcdef"));
    assertTrue(!ApiKeys.nameOf(key).equals(ApiKeys.nameOf(key + "x")));
  }
}
