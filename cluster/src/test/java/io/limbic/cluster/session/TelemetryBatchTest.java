package io.limbic.cluster.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.TelemetryFrame;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 7, defect 5: a t of 2^64+1000 was read as 1000 and an x of 10^999 as 0, and both were accepted. */
class TelemetryBatchTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TelemetryBatch parse(String samples) throws Exception {
    return TelemetryBatch.parse(MAPPER.readTree("{\"samples\":[" + samples + "]}"), 1000).get();
  }

  @Test
  void hugeAndInfiniteNumbersAreRejectedPerSampleNeverWrapped() throws Exception {
    TelemetryBatch batch = parse(
        "{\"t\":18446744073709552616,\"type\":\"move\",\"x\":1,\"y\":1},"
            + "{\"t\":1,\"type\":\"move\",\"x\":1" + "0".repeat(999) + ",\"y\":1},"
            + "{\"t\":2,\"type\":\"move\",\"x\":1,\"y\":1e400},"
            + "{\"t\":3,\"type\":\"scroll\",\"scrollY\":-1e400},"
            + "{\"t\":4,\"type\":\"click\",\"x\":1,\"y\":1,\"button\":18446744073709551617},"
            + "{\"t\":1e400,\"type\":\"move\",\"x\":1,\"y\":1},"
            + "{\"t\":5,\"type\":\"move\",\"x\":100000,\"y\":-100000}");
    assertEquals(List.of(
        new BatchItemError(0, "invalid_sample", "t must be a whole number between 0 and 9007199254740992"),
        new BatchItemError(1, "invalid_sample", "x must be a finite number"),
        new BatchItemError(2, "invalid_sample", "y must be a finite number"),
        new BatchItemError(3, "invalid_sample", "scrollY must be a finite number"),
        new BatchItemError(4, "invalid_sample", "button must be a whole number between 0 and 4"),
        new BatchItemError(5, "invalid_sample", "t must be a whole number between 0 and 9007199254740992")),
        batch.errors());
    assertEquals(List.of(6), batch.indices(), "the rest of the message is still applied");
    assertEquals(100_000.0, batch.samples().get(0).x());
  }

  /** A batch in the binary framing meets the same per-sample checks and message limits as the same batch in JSON. */
  @Test
  void aBinaryFrameIsCheckedAsTheSameJsonWouldBe() throws Exception {
    String json = "{\"t\":9007199254740993,\"type\":\"move\",\"x\":1,\"y\":1},"
        + "{\"t\":2,\"type\":\"move\",\"x\":100001,\"y\":1},"
        + "{\"t\":3,\"type\":\"scroll\",\"noRage\":\"marked\"},"
        + "{\"t\":4,\"type\":\"click\",\"x\":5,\"y\":6,\"button\":7},"
        + "{\"t\":5,\"type\":\"click\",\"x\":5,\"y\":6,\"button\":0,\"target\":\"button#pay\",\"noRage\":\"marked\"},"
        + "{\"t\":6,\"type\":\"move\",\"x\":-100000,\"y\":100000,\"url\":\"" + "u".repeat(2049) + "\"}";
    List<Map<String, Object>> fields = MAPPER.readValue("[" + json + "]", new TypeReference<>() {});
    TelemetryBatch fromJson = parse(json);
    TelemetryBatch fromFrame = TelemetryBatch.fromFrame(
        TelemetryFrame.decode(new TelemetryFrame(Optional.empty(), Optional.empty(), fields).encode()), 1000).get();
    assertEquals(fromJson.errors(), fromFrame.errors());
    assertEquals(fromJson.samples(), fromFrame.samples());
    assertEquals(List.of(4), fromFrame.indices());
    assertEquals(5, fromFrame.errors().size(), fromFrame.errors().toString());
  }

  @Test
  void aBinaryFrameOverTheSampleLimitOrWithABadUserIdIsRefusedWhole() {
    Map<String, Object> move = Map.of("t", 1L, "type", "move", "x", 1L, "y", 1L);
    TelemetryFrame big = new TelemetryFrame(Optional.empty(), Optional.empty(), Collections.nCopies(1001, move));
    assertEquals(TelemetryBatch.TOO_MANY, ((Validated.Invalid<TelemetryBatch>) TelemetryBatch.fromFrame(big, 1000)).code());
    TelemetryFrame user = new TelemetryFrame(Optional.of("no spaces allowed"), Optional.empty(), List.of(move));
    assertEquals("invalid_id", ((Validated.Invalid<TelemetryBatch>) TelemetryBatch.fromFrame(user, 1000)).code());
  }

  @Test
  void anUnknownKindInAFrameIsRefusedAsAnUnknownType() {
    TelemetryFrame frame = TelemetryFrame.decode(new byte[] {1, 0, 0, 1, 42, 0, 2});
    assertEquals(List.of(new BatchItemError(0, "invalid_sample", "unknown type: kind-42")),
        TelemetryBatch.fromFrame(frame, 1000).get().errors());
  }
}
