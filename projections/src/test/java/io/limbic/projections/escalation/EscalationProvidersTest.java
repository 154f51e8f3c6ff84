package io.limbic.projections.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscalationProvidersTest {
  private static final String DEFAULTS = """
      limbic.escalation {
        delivery { request-timeout = 5s, breaker-max-failures = 5, breaker-reset-timeout = 30s,
                   max-retry-after-wait = 10s, allow-private-hosts = false }
        providers {
          webhook { signing-secret = "" }
          twilio { base-url = "https://api.twilio.com", account-sid = "", auth-token = "", from = "" }
          whatsapp { base-url = "https://graph.facebook.com", api-version = "v21.0", phone-number-id = "",
                     access-token = "" }
          pagerduty { base-url = "https://events.pagerduty.com", source = "limbic" }
          smtp { host = "", port = 587, username = "", password = "", from = "", starttls = true, timeout = 10s }
        }
      }
      """;

  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(DEFAULTS)).resolve();
  }

  @Test
  void providersWithoutTheirCredentialsAreNotConfigured() {
    EscalationProviders p = EscalationProviders.from(config(""));
    assertTrue(p.webhook().isEmpty());
    assertTrue(p.twilio().isEmpty());
    assertTrue(p.whatsApp().isEmpty());
    assertTrue(p.smtp().isEmpty());
    assertTrue(p.pagerDuty().isPresent(), "PagerDuty needs no node credential: the routing key is per channel");
    assertFalse(p.allowPrivateHosts());
    assertEquals(Duration.ofSeconds(10), p.delivery().maxRetryAfterWait());
  }

  @Test
  void configuredProvidersAreReadAndTheirCredentialsNeverPrinted() {
    EscalationProviders p = EscalationProviders.from(config("""
        limbic.escalation.providers {
          webhook.signing-secret = "s3cret-signing"
          twilio { base-url = "http://127.0.0.1:9/", account-sid = "AC1", auth-token = "s3cret-twilio", from = "+15550001" }
          whatsapp { phone-number-id = "1055", access-token = "s3cret-wa" }
          smtp { host = "mail.example", username = "limbic", password = "s3cret-smtp", from = "alerts@example.com" }
        }
        """));
    assertEquals("http://127.0.0.1:9", p.twilio().orElseThrow().baseUrl());
    assertEquals("s3cret-twilio", p.twilio().orElseThrow().authToken());
    assertEquals("1055", p.whatsApp().orElseThrow().phoneNumberId());
    assertEquals(587, p.smtp().orElseThrow().port());
    String printed = p.toString();
    for (String secret : new String[] {"s3cret-signing", "s3cret-twilio", "s3cret-wa", "s3cret-smtp"}) {
      assertFalse(printed.contains(secret), printed);
    }
    assertTrue(printed.contains("accountSid=AC1"), printed);
  }
}
