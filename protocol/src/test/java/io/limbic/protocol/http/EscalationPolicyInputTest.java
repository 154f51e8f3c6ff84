package io.limbic.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.escalation.EscalationPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscalationPolicyInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Validated<EscalationPolicy> parse(String json, boolean allowPrivate) throws Exception {
    return EscalationPolicyInput.parse(MAPPER.readTree(json), allowPrivate);
  }

  private static String refusal(String json) throws Exception {
    Validated<EscalationPolicy> v = parse(json, false);
    assertFalse(v.isValid(), json);
    return ((Validated.Invalid<EscalationPolicy>) v).message();
  }

  @Test
  void anEmptyBodyIsTheDefaults() throws Exception {
    assertEquals(EscalationPolicy.DEFAULT, parse("{}", false).get());
  }

  @Test
  void everyChannelTypeWithItsAddress() throws Exception {
    EscalationPolicy p = parse("{\"escalateAfter\":\"PT30S\",\"contacts\":[{\"name\":\"A\",\"channels\":["
        + "{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/x\"},{\"type\":\"slack\",\"url\":\"https://hooks.slack.com/a\"},"
        + "{\"type\":\"sms\",\"to\":\"+15551234567\"},{\"type\":\"whatsapp\",\"to\":\"+4915112345678\"},"
        + "{\"type\":\"pagerduty\",\"routingKey\":\"R0123456789abcdef\"}]},{\"name\":\"B\",\"channels\":["
        + "{\"type\":\"email\",\"to\":\"b@example.com\"}]}]}", false).get();
    assertEquals(Duration.ofSeconds(30), p.escalateAfter());
    assertEquals(2, p.contacts().size());
    assertEquals("+15551234567", p.contacts().get(0).channels().get(2).to());
  }

  @Test
  void whatIsWrongIsNamed() throws Exception {
    assertTrue(refusal("{\"escalateAfter\":\"soon\"}").contains("escalateAfter"));
    assertTrue(refusal("{\"window\":\"P31D\"}").contains("window"));
    assertTrue(refusal("{\"contacts\":[{\"name\":\"A\",\"channels\":[{\"type\":\"telegram\"}]}]}").contains("type"));
    assertTrue(refusal("{\"contacts\":[{\"name\":\"A\",\"channels\":[{\"type\":\"slack\"}]}]}").contains("url"));
    assertTrue(refusal("{\"contacts\":[{\"name\":\"A\",\"channels\":[{\"type\":\"sms\",\"to\":\"555\"}]}]}").contains("E.164"));
    assertTrue(refusal("{\"contacts\":[{\"name\":\"A\",\"channels\":[{\"type\":\"pagerduty\"}]}]}").contains("routingKey"));
    assertTrue(refusal("{\"contacts\":[{\"name\":\"A\",\"channels\":[]}]}").contains("channels"));
    assertTrue(refusal("{\"trigger\":{\"currency\":\"usd\"}}").contains("currency"));
    assertTrue(refusal("{\"trigger\":{\"emotion\":\"joy\"}}").contains("emotion"));
    assertTrue(refusal("{\"surprise\":1}").contains("surprise"));
  }

  @Test
  void urlsFollowTheNotificationChannelRules() throws Exception {
    String local = "{\"contacts\":[{\"name\":\"A\",\"channels\":[{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/x\"}]}]}";
    assertTrue(refusal(local).contains("private"));
    assertTrue(parse(local, true).isValid(), "a node that allows private hosts takes it");
    assertTrue(parse("{\"contacts\":[{\"name\":\"A\",\"channels\":[{\"type\":\"webhook\",\"url\":\"http://hooks.example.com/x\"}]}]}",
        false).isValid(), "http is allowed, as for notification channels");
  }
}
