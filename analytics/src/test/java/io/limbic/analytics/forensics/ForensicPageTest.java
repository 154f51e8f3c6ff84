package io.limbic.analytics.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ForensicPageTest {
  @Test
  void thePathOfTheUrlElseTheSectionElseUnknown() {
    assertEquals("/pricing", ForensicPage.of("https://shop.example/pricing?plan=pro#top", "hero"));
    assertEquals("/", ForensicPage.of("https://shop.example", null));
    assertEquals("/pricing", ForensicPage.of("/pricing", null));
    assertEquals("checkout", ForensicPage.of(null, "checkout"));
    assertEquals(ForensicPage.UNKNOWN, ForensicPage.of(" ", ""));
    assertEquals(500, ForensicPage.of("/" + "a".repeat(900), null).length());
  }
}
