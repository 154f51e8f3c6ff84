package io.limbic.projections.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.agents.notifications.ChannelSettings;
import io.limbic.projections.escalation.ChannelSender.Delivered;
import io.limbic.projections.escalation.ChannelSender.DeliveryFailed;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each HTTP provider against a local stand-in that checks the exact request it receives. */
class HttpChannelSendersTest {
  static final String SECRET = "whsec-test-secret";
  static final String AUTH_TOKEN = "twilio-auth-token-secret";
  static final String WA_TOKEN = "wa-access-token-secret";

  private final ActorTestKit testKit = ActorTestKit.create();
  private ProviderStandIn provider;
  private ChannelSenders senders;

  @BeforeEach
  void start() throws Exception {
    provider = new ProviderStandIn();
    senders = senders(configured(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    provider.close();
    testKit.shutdownTestKit();
  }

  private EscalationProviders configured(Duration maxRetryAfterWait) {
    String base = provider.url("");
    return new EscalationProviders(
        new ChannelSettings(Duration.ofMillis(700), 5, Duration.ofSeconds(30), maxRetryAfterWait), true,
        Optional.of(new EscalationProviders.Webhook(SECRET)),
        Optional.of(new EscalationProviders.Twilio(base, "AC123", AUTH_TOKEN, "+15005550006")),
        Optional.of(new EscalationProviders.WhatsApp(base, "v21.0", "1055", WA_TOKEN)),
        Optional.of(new EscalationProviders.PagerDuty(base, "limbic-test")),
        Optional.empty());
  }

  private ChannelSenders senders(EscalationProviders providers) {
    return new ChannelSenders(testKit.system(), providers, Clock.systemUTC(), Runnable::run);
  }

  private Delivered sent(ChannelSender sender, ContactChannel channel) throws Exception {
    return sender.send(channel, Notices.sample()).toCompletableFuture().get();
  }

  private DeliveryFailed failed(ChannelSender sender, ContactChannel channel) {
    CompletableFuture<Delivered> f = sender.send(channel, Notices.sample()).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertTrue(e.getCause() instanceof DeliveryFailed, "fails with DeliveryFailed, not " + e.getCause());
    DeliveryFailed failure = (DeliveryFailed) e.getCause();
    for (String secret : new String[] {SECRET, AUTH_TOKEN, WA_TOKEN}) {
      assertFalse(failure.getMessage().contains(secret), "no credential in " + failure.getMessage());
    }
    return failure;
  }

  private static JsonNode json(String body) throws Exception {
    return ProviderHttp.JSON.readTree(body);
  }

  @Test
  void webhookGetsTheSignedJsonWithItsIdempotencyKey() throws Exception {
    provider.answer("/hooks/limbic", 200, "");
    Delivered delivered = sent(senders, new ContactChannel.Webhook(provider.url("/hooks/limbic")));
    assertEquals(new Delivered("webhook", null), delivered);
    ProviderStandIn.Request r = provider.only();
    assertEquals("POST", r.method());
    assertEquals("Incident|acme/inc-7:contact-0", r.header("Idempotency-Key"));
    assertEquals("application/json", r.header("Content-Type"));
    // Signed under the tenant's own key: another tenant's key (or the node secret itself) does not verify it.
    String tenantKey = WebhookSignature.tenantKey(SECRET, WebhookSignature.ESCALATION, "acme");
    assertEquals(WebhookSignature.of(tenantKey, r.body().getBytes(StandardCharsets.UTF_8)),
        r.header("X-Limbic-Signature"), "the signature verifies over the bytes received");
    assertNotEquals(WebhookSignature.of(SECRET, r.body().getBytes(StandardCharsets.UTF_8)),
        r.header("X-Limbic-Signature"));
    assertNotEquals(WebhookSignature.of(WebhookSignature.tenantKey(SECRET, WebhookSignature.ESCALATION, "globex"),
        r.body().getBytes(StandardCharsets.UTF_8)), r.header("X-Limbic-Signature"));
    assertTrue(r.header("X-Limbic-Signature").matches("sha256=[0-9a-f]{64}"));
    JsonNode body = json(r.body());
    assertEquals(Arrays.asList("incidentId", "contact", "ackUrl", "userId", "company", "lifetimeValue", "currency",
        "emotion", "confidence", "page", "evidence", "idempotencyKey"), fieldNames(body));
    assertEquals("inc-7", body.get("incidentId").asText());
    assertEquals("Dana Chief", body.get("contact").asText());
    assertEquals(Notices.ACK_URL, body.get("ackUrl").asText());
    assertEquals("u-42", body.get("userId").asText());
    assertEquals("Globex Corp", body.get("company").asText());
    assertTrue(r.body().contains("\"lifetimeValue\":100000,"), r.body());
    assertEquals("USD", body.get("currency").asText());
    assertEquals("rage", body.get("emotion").asText());
    assertEquals(0.9134, body.get("confidence").asDouble());
    assertEquals("/pricing", body.get("page").asText());
    assertEquals("5 rage clicks on #buy within 1.2 s after 3 dead clicks", body.get("evidence").asText());
    assertEquals("Incident|acme/inc-7:contact-0", body.get("idempotencyKey").asText());
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void slackGetsAnIncomingWebhookMessageWithTheAckLink() throws Exception {
    provider.answer("/services/T1/B2/xyz", 200, "");
    assertEquals(new Delivered("slack", null), sent(senders, new ContactChannel.Slack(provider.url("/services/T1/B2/xyz"))));
    JsonNode body = json(provider.only().body());
    assertEquals(java.util.List.of("text"), fieldNames(body));
    String text = body.get("text").asText();
    assertTrue(text.startsWith("*Limbic: rage (0.91) from user u-42, Globex Corp (USD 100,000)*\n"), text);
    assertTrue(text.contains("Evidence: 5 rage clicks on #buy within 1.2 s after 3 dead clicks\n"), text);
    assertTrue(text.endsWith("<" + Notices.ACK_URL + "|Acknowledge>"), text);
  }

  @Test
  void smsGoesToTheTwilioMessagesResourceWithBasicAuthAndAForm() throws Exception {
    provider.answer("/2010-04-01/Accounts/AC123/Messages.json", 201, "{\"sid\":\"SM0001\",\"status\":\"queued\"}");
    assertEquals(new Delivered("sms", "SM0001"), sent(senders, new ContactChannel.Sms("+14155550123")));
    ProviderStandIn.Request r = provider.only();
    assertEquals("POST", r.method());
    assertEquals("/2010-04-01/Accounts/AC123/Messages.json", r.path());
    assertEquals("Basic " + Base64.getEncoder().encodeToString(("AC123:" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)),
        r.header("Authorization"));
    assertEquals("application/x-www-form-urlencoded", r.header("Content-Type"));
    Map<String, String> form = Arrays.stream(r.body().split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    assertEquals("+14155550123", form.get("To"));
    assertEquals("+15005550006", form.get("From"));
    assertEquals("Limbic: rage 0.91 on /pricing, user u-42, Globex Corp, USD 100,000. "
        + "5 rage clicks on #buy within 1.2 s after 3 dead clicks Ack: " + Notices.ACK_URL, form.get("Body"));
    assertEquals(3, form.size());
  }

  @Test
  void whatsAppGetsACloudApiTextMessageWithABearerToken() throws Exception {
    provider.answer("/v21.0/1055/messages", 200,
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+14155550123\",\"wa_id\":\"14155550123\"}],"
            + "\"messages\":[{\"id\":\"wamid.HBgL\"}]}");
    assertEquals(new Delivered("whatsapp", "wamid.HBgL"), sent(senders, new ContactChannel.WhatsApp("+14155550123")));
    ProviderStandIn.Request r = provider.only();
    assertEquals("/v21.0/1055/messages", r.path());
    assertEquals("Bearer " + WA_TOKEN, r.header("Authorization"));
    JsonNode body = json(r.body());
    assertEquals("whatsapp", body.get("messaging_product").asText());
    assertEquals("individual", body.get("recipient_type").asText());
    assertEquals("+14155550123", body.get("to").asText());
    assertEquals("text", body.get("type").asText());
    assertEquals(EscalationMessage.text(Notices.sample()), body.get("text").get("body").asText());
    assertTrue(body.get("text").get("body").asText().contains("Acknowledge: " + Notices.ACK_URL));
  }

  @Test
  void pagerDutyGetsATriggerEventKeyedByTheIdempotencyKey() throws Exception {
    provider.answer("/v2/enqueue", 202,
        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"Incident|acme/inc-7:contact-0\"}");
    assertEquals(new Delivered("pagerduty", "Incident|acme/inc-7:contact-0"),
        sent(senders, new ContactChannel.PagerDuty("R0UT1NGKEY00000000000000000000AB")));
    ProviderStandIn.Request r = provider.only();
    assertEquals("/v2/enqueue", r.path());
    assertNull(r.header("Authorization"), "the routing key is the credential, in the body");
    JsonNode body = json(r.body());
    assertEquals("R0UT1NGKEY00000000000000000000AB", body.get("routing_key").asText());
    assertEquals("trigger", body.get("event_action").asText());
    assertEquals("Incident|acme/inc-7:contact-0", body.get("dedup_key").asText());
    JsonNode payload = body.get("payload");
    assertEquals("rage at 0.91 from user u-42, Globex Corp (USD 100,000) on /pricing: "
        + "5 rage clicks on #buy within 1.2 s after 3 dead clicks", payload.get("summary").asText());
    assertEquals("limbic-test", payload.get("source").asText());
    assertEquals("critical", payload.get("severity").asText());
    assertEquals("u-42", payload.get("custom_details").get("userId").asText());
    assertEquals(100000, payload.get("custom_details").get("lifetimeValue").asInt());
    assertEquals(Notices.ACK_URL, body.get("links").get(0).get("href").asText());
  }

  @Test
  void serverErrorsAndRateLimitsAreRetryableAndClientErrorsAreNot() {
    ContactChannel sms = new ContactChannel.Sms("+14155550123");
    String path = "/2010-04-01/Accounts/AC123/Messages.json";
    for (int status : new int[] {500, 502, 503, 408, 429}) {
      provider.answer(path, status, "{}");
      DeliveryFailed failure = failed(senders(configured(Duration.ofSeconds(5))), sms);
      assertTrue(failure.retryable(), status + " is retryable: " + failure.getMessage());
      assertTrue(failure.getMessage().contains("answered " + status), failure.getMessage());
    }
    for (int status : new int[] {400, 401, 403, 404, 422}) {
      provider.answer(path, status, "{\"code\":21211}");
      DeliveryFailed failure = failed(senders(configured(Duration.ofSeconds(5))), sms);
      assertFalse(failure.retryable(), status + " is permanent: " + failure.getMessage());
    }
  }

  @Test
  void clientErrorsDoNotOpenTheProvidersBreaker() throws Exception {
    provider.answer("/v2/enqueue", 400, "{\"status\":\"invalid event\"}");
    ContactChannel pd = new ContactChannel.PagerDuty("bad");
    for (int i = 0; i < 7; i++) assertFalse(failed(senders, pd).retryable());
    provider.answer("/v2/enqueue", 202, "{\"dedup_key\":\"k\"}");
    assertEquals("k", sent(senders, new ContactChannel.PagerDuty("good")).reference(),
        "seven refused events (more than breaker-max-failures) did not stop the next good one");
  }

  @Test
  void aProviderThatNeverAnswersFailsRetryably() {
    provider.goSilent();
    DeliveryFailed failure = failed(senders, new ContactChannel.WhatsApp("+14155550123"));
    assertTrue(failure.retryable(), failure.getMessage());
    assertTrue(failure.getMessage().contains("did not answer in time"), failure.getMessage());
  }

  @Test
  void retryAfterHoldsTheNextCallUpToTheBoundAndBeyondItFailsAtOnceRetryably() throws Exception {
    String path = "/2010-04-01/Accounts/AC123/Messages.json";
    provider.answer(path, 429, "{}", Map.of("Retry-After", "1"));
    Instant before = Instant.now();
    DeliveryFailed limited = failed(senders, new ContactChannel.Sms("+14155550123"));
    assertTrue(limited.retryable());
    assertTrue(limited.getMessage().contains("asked not to be called before"), limited.getMessage());
    provider.answer(path, 201, "{\"sid\":\"SM2\"}");
    assertEquals("SM2", sent(senders, new ContactChannel.Sms("+14155550123")).reference());
    assertFalse(Instant.now().isBefore(before.plusSeconds(1)), "the retry waited for the provider's Retry-After");

    provider.answer("/v2/enqueue", 503, "{}", Map.of("Retry-After", "3600"));
    assertTrue(failed(senders, new ContactChannel.PagerDuty("k")).retryable());
    int calls = provider.requests().size();
    DeliveryFailed held = failed(senders, new ContactChannel.PagerDuty("k"));
    assertTrue(held.retryable(), held.getMessage());
    assertTrue(held.getMessage().contains("asked not to be called before"), held.getMessage());
    assertEquals(calls, provider.requests().size(), "a Retry-After beyond the bound is not waited for nor called");
  }

  @Test
  void aChannelWhoseProviderIsNotConfiguredFailsPermanentlyAndSaysWhich() {
    ChannelSenders none = senders(new EscalationProviders(
        new ChannelSettings(Duration.ofSeconds(1), 5, Duration.ofSeconds(30), Duration.ofSeconds(5)), false,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    Map<ContactChannel, String> expected = Map.of(
        new ContactChannel.Webhook(provider.url("/h")), "limbic.escalation.providers.webhook.signing-secret",
        new ContactChannel.Sms("+14155550123"), "limbic.escalation.providers.twilio",
        new ContactChannel.WhatsApp("+14155550123"), "limbic.escalation.providers.whatsapp",
        new ContactChannel.PagerDuty("k"), "limbic.escalation.providers.pagerduty",
        new ContactChannel.Email("dana@example.com"), "limbic.escalation.providers.smtp");
    expected.forEach((channel, setting) -> {
      DeliveryFailed failure = failed(none, channel);
      assertFalse(failure.retryable(), channel + ": " + failure.getMessage());
      assertTrue(failure.getMessage().contains(setting), failure.getMessage());
    });
    assertTrue(provider.requests().isEmpty());
  }

  @Test
  void tenantUrlsNamingPrivateAddressesAreRefusedUnlessTheNodeAllowsThem() {
    EscalationProviders p = configured(Duration.ofSeconds(5));
    ChannelSenders strict = senders(new EscalationProviders(p.delivery(), false, p.webhook(), p.twilio(),
        p.whatsApp(), p.pagerDuty(), p.smtp()));
    for (ContactChannel c : new ContactChannel[] {new ContactChannel.Webhook(provider.url("/h")),
        new ContactChannel.Slack("http://169.254.169.254/latest/meta-data"),
        new ContactChannel.Webhook("http://localhost:8558/cluster/members"),
        new ContactChannel.Slack("ftp://hooks.example.com/x")}) {
      DeliveryFailed failure = failed(strict, c);
      assertFalse(failure.retryable(), failure.getMessage());
    }
    assertTrue(provider.requests().isEmpty(), "nothing was called");
  }

  @Test
  void malformedPhoneNumbersAreRefusedBeforeCallingTheProvider() {
    assertFalse(failed(senders, new ContactChannel.Sms("4155550123")).retryable());
    assertFalse(failed(senders, new ContactChannel.WhatsApp("+1 415 555")).retryable());
    assertTrue(provider.requests().isEmpty());
  }

  @Test
  void aProviderThatCannotBeReachedIsRetryable() throws Exception {
    String base = provider.url("");
    provider.close();
    EscalationProviders p = configured(Duration.ofSeconds(5));
    ChannelSenders gone = senders(new EscalationProviders(p.delivery(), true, p.webhook(),
        Optional.of(new EscalationProviders.Twilio(base, "AC123", AUTH_TOKEN, "+15005550006")), p.whatsApp(),
        p.pagerDuty(), p.smtp()));
    assertTrue(failed(gone, new ContactChannel.Sms("+14155550123")).retryable());
  }
}
