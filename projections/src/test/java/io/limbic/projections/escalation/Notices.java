package io.limbic.projections.escalation;

import java.math.BigDecimal;

/** A notice as D1's incident would send it to its first contact. */
final class Notices {
  static final String ACK_URL =
      "https://limbic.example.com/v1/incidents/inc-7/ack?token=eyJleHAiOjE3OTk5OTk5OTl9.c2lnbmF0dXJlLW9mLXRoZS1saW5r";

  private Notices() {}

  static EscalationNotice sample() {
    return new EscalationNotice("acme", "inc-7", "Dana Chief", ACK_URL, "u-42", "Globex Corp",
        new BigDecimal("100000"), "USD", "rage", 0.9134, "/pricing",
        "5 rage clicks on #buy within 1.2 s\nafter 3 dead clicks", "Incident|acme/inc-7:contact-0");
  }

  static EscalationNotice withEvidence(String evidence) {
    EscalationNotice n = sample();
    return new EscalationNotice(n.tenant(), n.incidentId(), n.contact(), n.ackUrl(), n.userId(), n.company(),
        n.lifetimeValue(), n.currency(), n.emotion(), n.confidence(), n.page(), evidence, n.idempotencyKey());
  }
}
