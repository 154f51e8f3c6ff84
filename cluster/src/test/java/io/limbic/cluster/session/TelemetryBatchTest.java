package io.limbic.cluster.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.http.BatchItemError;
import java.util.List;
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
}
