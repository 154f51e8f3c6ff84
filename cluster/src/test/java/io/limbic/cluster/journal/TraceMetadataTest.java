package io.limbic.cluster.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.trace.Trace;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An event's metadata ({@link Trace}) across a rolling upgrade to traces with a {@code traceparent}: a row of the
 * old shape (the fixture {@code Trace-v1.hex}, written before the field existed) reads with none; with tracing off
 * the new code writes exactly the old bytes; and a row or command of the new shape reads on a node of the old code
 * (a record without the field, through the node's own CBOR mapper), the field ignored.
 */
class TraceMetadataTest {
  /** Trace as the code before traceparent had it. */
  record TraceBefore(String correlationId, String causationId) {}

  private static final ActorSystem system = JournalSerialization.start();
  private static final Serialization serialization = JournalSerialization.of(system);

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static JournalFixture fixture(String name) throws Exception {
    return JournalFixture.read(Path.of(Objects.requireNonNull(TraceMetadataTest.class.getResource("/journal/" + name)).toURI()));
  }

  @Test
  void anOldRowReadsWithoutAContextAndTracingOffWritesTheOldBytes() throws Exception {
    JournalFixture old = fixture("Trace-v1.hex");
    Trace read = (Trace) serialization.deserialize(old.bytes(), old.serializerId(), old.manifest()).get();
    assertEquals(new Trace("corr-1", "req-1"), read);
    assertNull(read.traceparent());
    Trace untraced = new Trace("corr-1", "req-1");
    Serializer serializer = serialization.findSerializerFor(untraced);
    assertEquals(old.serializerId(), serializer.identifier());
    assertArrayEquals(old.bytes(), serializer.toBinary(untraced), "nothing added with tracing off");
  }

  @Test
  void aNewRowReadsOnANodeThatDoesNotKnowTheField() throws Exception {
    JournalFixture traced = fixture("Trace-traceparent-v1.hex");
    assertEquals("io.limbic.protocol.trace.Trace", traced.manifest(), "the same manifest: an old node finds its class");
    ObjectMapper cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    TraceBefore before = cbor.readValue(traced.bytes(), TraceBefore.class);
    assertEquals(new TraceBefore("corr-1", "req-1"), before);
    Trace now = (Trace) serialization.deserialize(traced.bytes(), traced.serializerId(), traced.manifest()).get();
    assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", now.traceparent());
  }
}
