package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenStreamsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final OpenStreams streams = new OpenStreams(2, nanos::get);

  @Test
  void aKeyHoldsAtMostItsPlacesAndAnEndedStreamFreesOne() {
    OpenStreams.Place first = streams.tryOpen("k").orElseThrow();
    first.started();
    streams.tryOpen("k").orElseThrow().started();
    assertTrue(streams.tryOpen("k").isEmpty(), "a third is refused");
    assertTrue(streams.tryOpen("other").isPresent(), "places are per key");
    first.close();
    first.close(); // twice frees one place only
    assertEquals(1, streams.openOf("k"));
    assertTrue(streams.tryOpen("k").isPresent());
  }

  @Test
  void aPlaceWhoseStreamNeverRanIsGivenBackLater() {
    streams.tryOpen("k").orElseThrow(); // answered, but the body never ran (a 406, a lost connection)
    OpenStreams.Place running = streams.tryOpen("k").orElseThrow();
    running.started();
    nanos.addAndGet(OpenStreams.UNSTARTED_FOR.toNanos() - 1);
    assertFalse(streams.tryOpen("k").isPresent(), "not yet");
    nanos.addAndGet(2);
    assertTrue(streams.tryOpen("k").isPresent(), "the unstarted place was given back");
    assertTrue(streams.tryOpen("k").isEmpty(), "the running stream keeps its place");
  }
}
