package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.ProfileData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 7, defect 5, for the profile and interaction parsers: huge numbers were wrapped into plausible ones. */
class NumericInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final String TEN_TO_999 = "1" + "0".repeat(999);

  private static String profileRefusal(String json) throws Exception {
    return ((Validated.Invalid<ProfileData>) ProfileInput.parse(MAPPER.readTree(json))).message();
  }

  private static Validated<InteractionData> view(String durationS) throws Exception {
    return InteractionRoutes.parse(MAPPER.readTree("{\"from\":\"a\",\"to\":\"b\",\"type\":\"view\","
        + "\"at\":\"2026-11-20T10:00:00Z\",\"id\":\"v\",\"durationS\":" + durationS + "}"), NOW);
  }

  @Test
  void aBirthYearBeyond32BitsIsRefusedNotReadAs1990() throws Exception {
    assertEquals("birthYear must be a whole number between 1 and 9999", profileRefusal("{\"birthYear\":4294969286}"));
    assertEquals("birthYear must be a whole number between 1 and 9999", profileRefusal("{\"birthYear\":1990.5}"));
    assertEquals(1990, ProfileInput.parse(MAPPER.readTree("{\"birthYear\":1990}")).get().birthYear());
  }

  @Test
  void aLocationMustBeFiniteAndOnTheEarth() throws Exception {
    assertEquals("location.lat must be a finite number between -90 and 90",
        profileRefusal("{\"location\":{\"lat\":1e400,\"lon\":4}}"));
    assertEquals("location.lon must be a finite number between -180 and 180",
        profileRefusal("{\"location\":{\"lat\":52,\"lon\":" + TEN_TO_999 + "}}"));
    assertEquals("location.lon is required", profileRefusal("{\"location\":{\"lat\":52}}"));
    ProfileData ok = ProfileInput.parse(MAPPER.readTree("{\"location\":{\"lat\":-90,\"lon\":180}}")).get();
    assertEquals(-90.0, ok.lat());
    assertEquals(180.0, ok.lon());
  }

  @Test
  void aViewOf2To64Plus5SecondsIsRefusedNotReadAs5() throws Exception {
    for (String bad : new String[] {"18446744073709551621", "1e400", "86401", "-1", "2.5", "\"5\""}) {
      assertEquals("durationS must be a whole number between 0 and 86400",
          ((Validated.Invalid<InteractionData>) view(bad)).message(), bad);
    }
    assertEquals(86400, view("86400").get().durationS());
    assertEquals(5, view("5.0").get().durationS());
  }
}
