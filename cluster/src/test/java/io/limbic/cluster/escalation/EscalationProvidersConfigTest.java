package io.limbic.cluster.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.cluster.NodeConfig;
import io.limbic.projections.escalation.EscalationProviders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The node's application.conf holds every key the escalation senders read, with safe defaults. */
class EscalationProvidersConfigTest {
  @Test
  void aNodeStartsWithOnlyPagerDutyConfiguredAndPrivateHostsRefused() {
    EscalationProviders p = EscalationProviders.from(NodeConfig.load(ConfigFactory.empty()));
    assertTrue(p.webhook().isEmpty(), "no signing secret unless LIMBIC_ESCALATION_WEBHOOK_SECRET is set");
    assertTrue(p.twilio().isEmpty());
    assertTrue(p.whatsApp().isEmpty());
    assertTrue(p.smtp().isEmpty());
    assertEquals("https://events.pagerduty.com", p.pagerDuty().orElseThrow().baseUrl());
    assertFalse(p.allowPrivateHosts());
    assertEquals(Duration.ofSeconds(10), p.delivery().maxRetryAfterWait());
  }

  @Test
  void settingTheKeysConfiguresTheProviders() {
    EscalationProviders p = EscalationProviders.from(NodeConfig.load(ConfigFactory.parseString("""
        limbic.escalation.providers {
          twilio { account-sid = "AC1", auth-token = "t", from = "+15550001" }
          smtp { host = "mail.example", from = "alerts@example.com" }
        }
        """)));
    assertEquals("https://api.twilio.com", p.twilio().orElseThrow().baseUrl());
    assertEquals(587, p.smtp().orElseThrow().port());
    assertTrue(p.smtp().orElseThrow().startTls());
  }
}
