package io.limbic.analytics.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalBackoffTest {
  private final RefusalBackoff backoff = new RefusalBackoff(Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void theSpanDoublesWithEachRefusalInARowUpToTheMax() {
    // The top of each span (unit just below 1) and its bottom (unit 0, half the span).
    assertEquals(Duration.ofSeconds(15), backoff.after(1, 0));
    assertEquals(Duration.ofMillis(29_999), backoff.after(1, 0.999999));
    assertEquals(Duration.ofSeconds(30), backoff.after(2, 0));
    assertEquals(Duration.ofSeconds(60), backoff.after(3, 0));
    assertEquals(Duration.ofSeconds(120), backoff.after(4, 0));
    assertEquals(Duration.ofSeconds(150), backoff.after(5, 0), "capped at 5 minutes: 240 s would be 8 minutes' span");
    assertEquals(Duration.ofSeconds(150), backoff.after(1_000, 0));
    assertEquals(Duration.ofMillis(299_999), backoff.after(1_000, 0.999999));
  }

  @Test
  void aWaitFallsInTheUpperHalfOfItsSpan() {
    for (double unit = 0; unit < 1; unit += 0.01) {
      long ms = backoff.after(2, unit).toMillis();
      assertEquals(true, ms >= 30_000 && ms < 60_000, "unit " + unit + ": " + ms);
    }
    assertEquals(Duration.ofSeconds(45), backoff.after(2, 0.5));
  }

  @Test
  void aBadArgumentIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> backoff.after(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> backoff.after(1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> backoff.after(1, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new RefusalBackoff(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new RefusalBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
