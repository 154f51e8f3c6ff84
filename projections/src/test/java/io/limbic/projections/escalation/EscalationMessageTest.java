package io.limbic.projections.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EscalationMessageTest {
  @Test
  void theTextSaysWhoWhatAndCarriesTheLink() {
    assertEquals("Limbic escalation for Dana Chief\n"
        + "Who: user u-42, Globex Corp, lifetime value USD 100,000\n"
        + "What: rage at confidence 0.91 on /pricing\n"
        + "Evidence: 5 rage clicks on #buy within 1.2 s after 3 dead clicks\n"
        + "Acknowledge: " + Notices.ACK_URL + "\n", EscalationMessage.text(Notices.sample()));
  }

  @Test
  void aLongEvidenceIsCutSoTheSmsStaysWithinTwoSegmentsAndKeepsTheWholeLink() {
    String sms = EscalationMessage.sms(Notices.withEvidence("clicks ".repeat(200)));
    assertTrue(EscalationMessage.septets(sms) <= EscalationMessage.SMS_MAX_SEPTETS, sms.length() + ": " + sms);
    assertTrue(sms.endsWith(" Ack: " + Notices.ACK_URL), sms);
    assertTrue(sms.contains("user u-42, Globex Corp, USD 100,000"), sms);
    assertTrue(sms.contains("clicks clicks..."), sms);
    assertTrue(EscalationMessage.septets(sms) > 280, "the room is used, not wasted: " + sms.length());
  }

  @Test
  void smsTextStaysInTheGsmAlphabetSoItIsNotSentAsUcs2() {
    String sms = EscalationMessage.sms(Notices.withEvidence("Kündigung geöffnet {x} [y] ~ 😡"));
    assertTrue(sms.chars().allMatch(c -> c >= 0x20 && c < 0x7f), sms);
    assertTrue(sms.contains("Kundigung geoffnet (x) (y) - ?"), sms);
  }

  @Test
  void valuesKeepTheirCurrencyAndCentsWhenThereAreAny() {
    EscalationNotice n = Notices.sample();
    EscalationNotice cents = new EscalationNotice(n.tenant(), n.incidentId(), n.contact(), n.ackUrl(), n.userId(),
        null, new BigDecimal("12345.5"), "EUR", n.emotion(), n.confidence(), n.page(), n.evidence(),
        n.idempotencyKey());
    assertEquals("EUR 12,345.50", EscalationMessage.value(cents));
    assertTrue(EscalationMessage.text(cents).contains("user u-42, no company, lifetime value EUR 12,345.50"));
  }

  @Test
  void noValueCanStartANewLineOrHeader() {
    EscalationNotice n = Notices.sample();
    EscalationNotice crafted = new EscalationNotice(n.tenant(), n.incidentId(), n.contact(), n.ackUrl(),
        "u-42\r\nBcc: x@evil.example", n.company(), n.lifetimeValue(), n.currency(), n.emotion(), n.confidence(),
        n.page(), n.evidence(), n.idempotencyKey());
    assertEquals("Limbic: rage (0.91) from user u-42 Bcc: x@evil.example, Globex Corp (USD 100,000)",
        EscalationMessage.subject(crafted));
  }
}
