package io.limbic.projections.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagWindowTest {
  private static TagWindow<String> window(int capacity, long start, long... offsets) {
    TagWindow<String> w = new TagWindow<>(capacity, start);
    for (long o : offsets) w.append(o, "e" + o);
    return w;
  }

  @Test
  void aReaderInsideTheWindowGetsWhatCameAfterItsOffsetInOrder() {
    TagWindow<String> w = window(10, 100, 103, 107, 110);
    assertEquals(List.of("e103", "e107", "e110"), w.after(100, 500).events());
    assertEquals(List.of("e107", "e110"), w.after(103, 500).events());
    // Offsets of other tags fall between this tag's: a reader there gets the next of this tag.
    assertEquals(List.of("e107", "e110"), w.after(105, 500).events());
    assertEquals(List.of("e107"), w.after(104, 1).events());
  }

  @Test
  void aReaderAtTheHeadOrAheadGetsNothingYetAndIsNotBehind() {
    TagWindow<String> w = window(10, 100, 103);
    assertFalse(w.after(103, 500).behind());
    assertTrue(w.after(103, 500).events().isEmpty());
    assertTrue(w.after(200, 500).events().isEmpty());
    assertFalse(window(10, 100).after(100, 500).behind(), "an empty window serves its start");
  }

  @Test
  void aReaderBeforeTheWindowIsBehindAndTheOldestAreForgottenFirst() {
    TagWindow<String> w = window(3, 100, 101, 102, 103);
    assertTrue(w.after(99, 500).behind());
    assertEquals(100, w.start());
    w.append(104, "e104");
    assertEquals(101, w.start(), "the window now starts after the forgotten 101");
    assertTrue(w.after(100, 500).behind(), "101 is no longer held");
    assertEquals(List.of("e102", "e103", "e104"), w.after(101, 500).events());
    for (long o = 105; o < 120; o++) w.append(o, "e" + o);
    assertEquals(119, w.end());
    assertEquals(List.of("e117", "e118", "e119"), w.after(116, 500).events());
    assertTrue(w.after(115, 500).behind());
  }

  @Test
  void anOlderOrRepeatedEventIsIgnored() {
    TagWindow<String> w = window(5, 100, 101, 105);
    w.append(105, "again");
    w.append(103, "older");
    assertEquals(List.of("e101", "e105"), w.after(100, 500).events());
    assertEquals(105, w.end());
  }
}
