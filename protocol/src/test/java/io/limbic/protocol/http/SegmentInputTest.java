package io.limbic.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.kpi.SegmentDefinition;
import org.junit.jupiter.api.Test;

class SegmentInputTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void aValidFilterRoundTripsThroughItsCanonicalJson() throws Exception {
    String body = "{\"filter\":{\"any\":[{\"trait\":\"interests\",\"in\":[\"chess\",\"go\"]},"
        + "{\"not\":{\"trait\":\"engagement\",\"exists\":true}},{\"trait\":\"ltv\",\"lt\":5}]},\"controls\":[\"push\"]}";
    SegmentDefinition d = SegmentInput.parse(MAPPER.readTree(body)).get();
    String canonical = "{\"filter\":" + SegmentInput.json(d.filter()) + ",\"controls\":[\"push\"]}";
    assertEquals(d, SegmentInput.parse(MAPPER.readTree(canonical)).get());
  }

  @Test
  void eachMistakeIsNamedByItsPath() throws Exception {
    assertEquals("filter.all[1].trait: one of company, email_domain, ltv, engagement, gender, birth_year, seeking, "
        + "interests, languages", message("{\"filter\":{\"all\":[{\"trait\":\"ltv\",\"gt\":1},{\"trait\":\"plan\",\"eq\":\"x\"}]}}"));
    assertEquals("filter.not.gte: gender is not numeric; use eq, in or exists",
        message("{\"filter\":{\"not\":{\"trait\":\"gender\",\"gte\":1}}}"));
    assertEquals("filter.any: an array of filters", message("{\"filter\":{\"any\":{}}}"));
    assertEquals("filter: required", message("{\"controls\":[]}"));
    assertEquals("filter.eq: a string of 1..500 characters", message("{\"filter\":{\"trait\":\"company\",\"eq\":3}}"));
  }

  private static String message(String body) throws Exception {
    return ((Validated.Invalid<SegmentDefinition>) SegmentInput.parse(MAPPER.readTree(body))).message();
  }
}
