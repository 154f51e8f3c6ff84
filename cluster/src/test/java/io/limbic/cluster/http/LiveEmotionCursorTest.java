package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.forensics.EmotionReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveEmotionCursorTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  private static List<EmotionReading> readings(int from, int count) {
    List<EmotionReading> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(new EmotionReading("s-" + i + ":1", "s-" + i, null, "rage", 0.9, "/p", T0.plusMillis(i * 10L)));
    }
    return out;
  }

  @Test
  void aFullPageMovesTheStartToItsLastReadingSoTheNextPageIsNew() {
    var cursor = new LiveEmotionRoutes.Cursor(T0);
    List<EmotionReading> page = readings(0, 3);
    page.forEach(cursor::sent);
    cursor.advance(T0.plusSeconds(1), page, 3);
    assertEquals(page.get(2).at(), cursor.from(), "the next read starts where this full page ended");
    assertTrue(cursor.sent(page.get(2)), "the last reading is remembered as sent, so it is not sent twice");
  }

  @Test
  void aPageWithRoomLeftLooksBackThirtySecondsAtMost() {
    var cursor = new LiveEmotionRoutes.Cursor(T0);
    List<EmotionReading> page = readings(0, 2);
    page.forEach(cursor::sent);
    Instant now = T0.plusSeconds(120);
    cursor.advance(now, page, 3);
    assertEquals(now.minus(LiveEmotionRoutes.LATE), cursor.from());
    assertFalse(cursor.sent(page.get(0)), "what was sent before the new start is forgotten");
  }
}
