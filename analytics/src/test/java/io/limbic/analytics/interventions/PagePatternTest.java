package io.limbic.analytics.interventions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PagePatternTest {
  @Test
  void globsMatchTheUrlItsPathOrTheSection() {
    String url = "https://shop.example/pricing?plan=pro";
    assertTrue(PagePattern.of("/pricing*").matches(url, null));
    assertTrue(PagePattern.of("*pricing*").matches(url, null));
    assertTrue(PagePattern.of("checkout").matches(url, "checkout"));
    assertTrue(PagePattern.of("*").matches(url, null));
    assertTrue(PagePattern.of("/p*c*g").matches(url, null));
    assertFalse(PagePattern.of("/pricing").matches("https://shop.example/pricing/team", null));
    assertFalse(PagePattern.of("/cart*").matches(url, "checkout"));
    assertFalse(PagePattern.of("a*b").matches("ab-", null));
    assertTrue(PagePattern.of("a**b").matches("axxb", null));
  }

  /**
   * The regular expression this replaced took 26 s for this one match (and did not finish with six stars): the
   * emotion handler of every user on the node waited behind it. The bound is a guard against a hang, far above the
   * microseconds the match takes; it does not measure speed.
   */
  @Test
  void aPatternOfManyStarsOnALongUrlDoesNotBacktrackExponentially() {
    String url = "https://shop.example/" + "a".repeat(5_000);
    PagePattern many = PagePattern.of("*a*a*a*a*a*a*a*a*b");
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertFalse(many.matches(url, url)));
  }
}
