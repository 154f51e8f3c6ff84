package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import io.limbic.cluster.testkit.WebhookReceiver;
import io.limbic.cluster.testkit.WebhookReceiver.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, executive escalation, over HTTP on one node (H2 and PostgreSQL twins), a local HTTP server standing in for the contacts'
 * webhooks: the policy's validation, rage of a 100,000-value user notifying the chain, the acknowledgement link,
 * hot path and safety net together, and a failing receiver. Each test uses its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EscalationContract {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> TENANTS = List.of("policy", "chain", "ack", "preview", "once", "missed", "failing", "masked");
  /** A key of tenant "masked" with the read role only. */
  static final String READ_ONLY = "masked-read-only-0123456789abcdef";

  TestDatabase db;
  LimbicNode node;
  WebhookReceiver receiver;
  WebhookReceiver failing;

  /** "h2" or "postgres". */
  abstract String database();

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.of(database());
    receiver = new WebhookReceiver();
    failing = new WebhookReceiver();
    failing.answer(500);
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", TENANTS.stream().map(t -> t + ":" + key(t) + ":ingest+read+admin+operator")
        .collect(Collectors.joining(",")) + ",masked:" + READ_ONLY + ":read");
    settings.put("limbic.agents.notifications.allow-private-hosts", true);
    settings.put("limbic.escalation.delivery.allow-private-hosts", true);
    settings.put("limbic.agents.defaults.max-attempts", 3);
    settings.put("limbic.agents.defaults.min-backoff", "50ms");
    settings.put("limbic.agents.defaults.max-backoff", "200ms");
    settings.put("limbic.escalation.sweep-interval", "500ms");
    // Two shared cores: the first ask to a new entity type can take longer than the default.
    settings.put("limbic.http.ask-timeout", "15s");
    node = TestNode.start(db, settings);
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
    if (receiver != null) receiver.close();
    if (failing != null) failing.close();
  }

  static String key(String tenant) {
    return tenant + "-key-0123456789abcdef";
  }

  ApiClient api(String tenant) {
    return new ApiClient(node.httpPort(), key(tenant)).validating(openApi);
  }

  @Test
  void thePolicyHasDefaultsAndRefusesWhatIsWrong() throws Exception {
    Reply defaults = api("policy").get("/v1/escalation/policy");
    assertEquals(200, defaults.status(), defaults.raw().body());
    JsonNode d = defaults.body();
    assertEquals("rage", d.at("/trigger/emotion").asText());
    assertEquals(0.85, d.at("/trigger/minConfidence").asDouble());
    assertEquals(10000, d.at("/trigger/minLifetimeValue").asInt());
    assertEquals("USD", d.at("/trigger/currency").asText());
    assertEquals("PT1M", d.get("escalateAfter").asText());
    assertEquals("PT1H", d.get("window").asText());
    assertEquals(0, d.get("contacts").size());
    assertRefused("{\"escalateAfter\": \"60 seconds\"}", "escalateAfter");
    assertRefused("{\"window\": \"PT0S\"}", "window");
    assertRefused("{\"contacts\": [{\"name\": \"A\", \"channels\": [{\"type\": \"fax\", \"to\": \"1\"}]}]}", "type");
    assertRefused("{\"contacts\": [{\"name\": \"A\", \"channels\": [{\"type\": \"webhook\"}]}]}", "url");
    assertRefused("{\"contacts\": [{\"name\": \"A\", \"channels\": [{\"type\": \"sms\"}]}]}", ".to");
    assertRefused("{\"contacts\": [{\"name\": \"A\", \"channels\": [{\"type\": \"pagerduty\"}]}]}", "routingKey");
    assertRefused("{\"contacts\": [{\"name\": \"A\", \"channels\": [{\"type\": \"slack\", \"url\": \"ftp://x\"}]}]}",
        "http");
    assertRefused("{\"trigger\": {\"minConfidence\": 1.5}}", "minConfidence");
    Reply set = api("policy").put("/v1/escalation/policy", "{\"escalateAfter\": \"PT30S\", \"contacts\": [{\"name\":"
        + " \"Ann\", \"channels\": [{\"type\": \"email\", \"to\": \"ann@example.com\"}, {\"type\": \"pagerduty\","
        + " \"routingKey\": \"abc123\"}]}]}");
    assertEquals(200, set.status(), set.raw().body());
    JsonNode stored = api("policy").get("/v1/escalation/policy").body();
    assertEquals("PT30S", stored.get("escalateAfter").asText());
    assertEquals("PT1H", stored.get("window").asText());
    assertEquals("abc123", stored.at("/contacts/0/channels/1/routingKey").asText());
  }

  private void assertRefused(String body, String mentions) throws Exception {
    Reply reply = api("policy").put("/v1/escalation/policy", body);
    assertEquals(400, reply.status(), body + " -> " + reply.raw().body());
    assertTrue(reply.body().get("detail").asText().contains(mentions), reply.raw().body());
  }

  @Test
  void rageOfAValuableUserNotifiesContactOneThenContactTwoWhenNobodyAcknowledges() throws Exception {
    policy("chain", "PT2S", receiver, "/chain/c1", "/chain/c2");
    String user = valuableUser("chain");
    rage("chain", "chain-s1", user);

    Hit first = Eventually.value(WAIT, () -> one(receiver.hits("/chain/c1")));
    JsonNode body = first.body();
    assertEquals(user, body.get("userId").asText());
    assertEquals(100000, body.get("lifetimeValue").asInt());
    assertEquals("rage", body.get("emotion").asText());
    assertEquals("Ann", body.get("contact").asText());
    assertTrue(body.get("ackUrl").asText().contains("/v1/incidents/" + body.get("incidentId").asText() + "/ack?token="));
    assertTrue(body.get("idempotencyKey").asText().startsWith("Session|chain/chain-s1:"), body.toString());
    assertEquals(first.idempotencyKey(), body.get("idempotencyKey").asText());

    Hit second = Eventually.value(WAIT, () -> one(receiver.hits("/chain/c2")));
    assertEquals("Bob", second.body().get("contact").asText());
    assertEquals(body.get("incidentId").asText(), second.body().get("incidentId").asText());
    assertTrue(second.arrivedNanos() > first.arrivedNanos());

    String id = body.get("incidentId").asText();
    JsonNode incident = Eventually.value(WAIT, () -> {
      JsonNode i = api("chain").get("/v1/incidents/" + id).body();
      assertEquals("unacknowledged", i.get("status").asText(), i.toString());
      return i;
    });
    List<String> kinds = kinds(incident);
    assertEquals(List.of("detected", "decided", "paged", "delivered", "paged", "delivered", "chain_ended"), kinds,
        incident.toString());
    assertEquals(2, incident.get("contactsNotified").asInt());
    JsonNode listed = api("chain").get("/v1/incidents?status=unacknowledged").body().get("incidents");
    assertEquals(1, listed.size());
    assertEquals(id, listed.get(0).get("id").asText());
  }

  @Test
  void theAcknowledgementLinkStopsTheChainAndSaysWhoAndWhen() throws Exception {
    policy("ack", "PT3S", receiver, "/ack/c1", "/ack/c2");
    String user = valuableUser("ack");
    rage("ack", "ack-s1", user);
    Hit first = Eventually.value(WAIT, () -> one(receiver.hits("/ack/c1")));
    String ackUrl = first.body().get("ackUrl").asText();
    String id = first.body().get("incidentId").asText();

    String link = ackUrl.substring(0, ackUrl.indexOf('?'));
    String token = ackUrl.substring(ackUrl.indexOf("token=") + "token=".length());
    Reply forged = postForm(link, "token=" + token.substring(0, token.length() - 3) + "AAA");
    assertEquals(403, forged.status(), forged.raw().body());
    // What the confirmation page's form sends.
    Reply acked = postForm(link, "token=" + token);
    assertEquals(200, acked.status(), acked.raw().body());
    assertTrue(acked.raw().body().contains("acknowledged by Ann"), acked.raw().body());

    JsonNode incident = Eventually.value(WAIT, () -> {
      JsonNode i = api("ack").get("/v1/incidents/" + id).body();
      assertEquals("acknowledged", i.get("status").asText(), i.toString());
      return i;
    });
    assertEquals("Ann", incident.get("acknowledgedBy").asText());
    Instant ackedAt = Instant.parse(incident.get("acknowledgedAt").asText());
    assertFalse(ackedAt.isBefore(Instant.parse(incident.get("openedAt").asText())));
    // Past the moment contact two would have been paged (the deadline + the sweeper's interval), nobody was.
    Instant wouldHavePaged = Instant.parse(incident.get("openedAt").asText()).plusSeconds(3 + 2);
    Eventually.within(WAIT, () -> assertTrue(Instant.now().isAfter(wouldHavePaged)));
    assertEquals(List.of(), receiver.hits("/ack/c2"));
    assertEquals(1, receiver.hits("/ack/c1").size());
    assertTrue(kinds(api("ack").get("/v1/incidents/" + id).body()).contains("acknowledged"));
  }

  @Test
  void fetchingTheLinkAsAPreviewAcknowledgesNothingOnlyThePostDoes() throws Exception {
    policy("preview", "PT2S", receiver, "/preview/c1", "/preview/c2");
    String user = valuableUser("preview");
    rage("preview", "preview-s1", user);
    Hit first = Eventually.value(WAIT, () -> one(receiver.hits("/preview/c1")));
    String ackUrl = first.body().get("ackUrl").asText();
    String id = first.body().get("incidentId").asText();
    String token = ackUrl.substring(ackUrl.indexOf("token=") + "token=".length());

    // What a mail scanner or a chat unfurl does: GET the link, as a page and as JSON.
    Reply page = ApiClient.getUrl(ackUrl);
    assertEquals(200, page.status(), page.raw().body());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.raw().body().contains("<form method=\"post\" action=\"ack\">"), page.raw().body());
    assertTrue(page.raw().body().contains("name=\"token\" value=\"" + token + "\""), page.raw().body());
    assertEquals("no-store", page.header("Cache-Control"));
    Reply asJson = get(ackUrl, "Accept", "application/json");
    assertEquals(200, asJson.status(), asJson.raw().body());
    JsonNode confirm = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asJson.raw().body());
    assertFalse(confirm.get("acknowledged").asBoolean(), confirm.toString());
    assertEquals("POST", confirm.at("/acknowledge/method").asText());
    String forgedUrl = ackUrl.substring(0, ackUrl.length() - 3) + "AAA";
    assertEquals(403, ApiClient.getUrl(forgedUrl).status());
    assertEquals(403, postForm(forgedUrl, "").status());
    assertEquals(403, postForm(ackUrl.substring(0, ackUrl.indexOf('?')), "").status());

    // The chain went on: contact two was paged, and the first acknowledgement is the POST's.
    Eventually.value(WAIT, () -> one(receiver.hits("/preview/c2")));
    Reply posted = postForm(ackUrl, "", "Accept", "application/json");
    assertEquals(200, posted.status(), posted.raw().body());
    JsonNode ack = new com.fasterxml.jackson.databind.ObjectMapper().readTree(posted.raw().body());
    assertTrue(ack.get("acknowledged").asBoolean(), ack.toString());
    assertTrue(ack.get("now").asBoolean(), "the GETs acknowledged already: " + ack);
    assertEquals("Ann", ack.get("acknowledgedBy").asText());
    JsonNode incident = Eventually.value(WAIT, () -> {
      JsonNode i = api("preview").get("/v1/incidents/" + id).body();
      assertEquals("acknowledged", i.get("status").asText(), i.toString());
      return i;
    });
    assertEquals(2, incident.get("contactsNotified").asInt(), incident.toString());
    assertEquals(1, kinds(incident).stream().filter("acknowledged"::equals).count(), incident.toString());
  }

  @Test
  void aReadOnlyKeySeesTheChannelsMaskedAndAnAdminKeyWhole() throws Exception {
    String slack = "https://hooks.slack.com/services/T0001/B0002/abcdefSECRET";
    String webhook = "https://hooks.example.com:8443/limbic/s3cr3t?sig=xyz";
    Reply set = api("masked").put("/v1/escalation/policy", "{\"contacts\": [{\"name\": \"Ann\", \"channels\": ["
        + "{\"type\": \"slack\", \"url\": \"" + slack + "\"}, {\"type\": \"webhook\", \"url\": \"" + webhook
        + "\"}, {\"type\": \"sms\", \"to\": \"+15551234567\"}]}, {\"name\": \"Bob\", \"channels\": ["
        + "{\"type\": \"email\", \"to\": \"bob.exec@example.com\"}, {\"type\": \"pagerduty\","
        + " \"routingKey\": \"R0ut1ngKey0123456789abcdefXYZW\"}]}]}");
    assertEquals(200, set.status(), set.raw().body());
    assertEquals(slack, set.body().at("/contacts/0/channels/0/url").asText(), "the admin's PUT answers it whole");

    Reply read = new ApiClient(node.httpPort(), READ_ONLY).validating(openApi)
        .get("/v1/escalation/policy");
    assertEquals(200, read.status(), read.raw().body());
    JsonNode ann = read.body().at("/contacts/0/channels");
    JsonNode bob = read.body().at("/contacts/1/channels");
    assertEquals("Ann", read.body().at("/contacts/0/name").asText());
    assertEquals("slack", ann.get(0).get("type").asText());
    assertEquals("https://hooks.slack.com/\u2026", ann.get(0).get("url").asText());
    assertEquals("https://hooks.example.com/\u2026", ann.get(1).get("url").asText());
    assertEquals("sms", ann.get(2).get("type").asText());
    assertEquals("\u20264567", ann.get(2).get("to").asText());
    assertEquals("\u2026.com", bob.get(0).get("to").asText());
    assertEquals("\u2026XYZW", bob.get(1).get("routingKey").asText());
    for (String secret : List.of("SECRET", "s3cr3t", "sig=", "5551234", "bob.exec", "R0ut1ng")) {
      assertFalse(read.raw().body().contains(secret), secret + " in " + read.raw().body());
    }
    assertEquals(403, new ApiClient(node.httpPort(), READ_ONLY).validating(openApi)
        .put("/v1/escalation/policy", "{}").status());

    JsonNode whole = api("masked").get("/v1/escalation/policy").body();
    assertEquals(slack, whole.at("/contacts/0/channels/0/url").asText());
    assertEquals(webhook, whole.at("/contacts/0/channels/1/url").asText());
    assertEquals("+15551234567", whole.at("/contacts/0/channels/2/to").asText());
    assertEquals("bob.exec@example.com", whole.at("/contacts/1/channels/0/to").asText());
    assertEquals("R0ut1ngKey0123456789abcdefXYZW", whole.at("/contacts/1/channels/1/routingKey").asText());
  }

  @Test
  void hotPathAndSafetyNetTogetherNotifyEachContactExactlyOnce() throws Exception {
    policy("once", "PT2S", receiver, "/once/c1", "/once/c2");
    String user = valuableUser("once");
    rage("once", "once-s1", user);
    Hit first = Eventually.value(WAIT, () -> one(receiver.hits("/once/c1")));
    Hit second = Eventually.value(WAIT, () -> one(receiver.hits("/once/c2")));
    String id = first.body().get("incidentId").asText();
    // The safety net has seen the emotion by the time the chain ended (it trails the journal by about a second).
    Eventually.within(WAIT, () -> assertEquals("unacknowledged",
        api("once").get("/v1/incidents/" + id).body().get("status").asText()));
    assertEquals(1, receiver.hits("/once/c1").size());
    assertEquals(1, receiver.hits("/once/c2").size());
    String emotionId = first.idempotencyKey().substring(0, first.idempotencyKey().lastIndexOf(':'));
    assertEquals(emotionId + ":0", first.idempotencyKey());
    assertEquals(emotionId + ":1", second.idempotencyKey());
    JsonNode incidents = api("once").get("/v1/incidents").body().get("incidents");
    assertEquals(1, incidents.size(), incidents.toString());
  }

  @Test
  void theSafetyNetOpensAnIncidentTheHotPathMissed() throws Exception {
    // The hot path sees the rage while the policy has no contacts (it opens nothing); the safety net is paused
    // meanwhile, then resumed after the contacts are set: it opens the incident from the same emotion.
    ApiClient api = api("missed");
    assertEquals(200, api.post("/v1/agents/escalation-safety-net/pause", "").status());
    try {
      String user = valuableUser("missed");
      rage("missed", "missed-s1", user);
      Eventually.within(WAIT, () -> assertEquals("rage",
          api.get("/v1/users/" + user).body().get("emotion").get("state").asText()));
      assertEquals(0, api.get("/v1/incidents").body().get("incidents").size());
      policy("missed", "PT60S", receiver, "/missed/c1");
    } finally {
      assertEquals(200, api.post("/v1/agents/escalation-safety-net/resume", "").status());
    }
    Hit first = Eventually.value(WAIT, () -> one(receiver.hits("/missed/c1")));
    String id = first.body().get("incidentId").asText();
    JsonNode incident = Eventually.value(WAIT, () -> {
      JsonNode i = api.get("/v1/incidents/" + id).body();
      assertEquals(id, i.get("id").asText(), i.toString());
      return i;
    });
    assertEquals("safety-net", incident.get("openedBy").asText());
  }

  @Test
  void aReceiverThatFailsIsRetriedAndParked() throws Exception {
    policy("failing", "PT60S", failing, "/failing/c1");
    String user = valuableUser("failing");
    rage("failing", "failing-s1", user);
    // The hot path's attempt and the delivery agent's three (max-attempts; its first may join the hot path's while
    // that is still in flight), then the notice is parked.
    JsonNode letters = Eventually.value(WAIT, () -> {
      Reply reply = api("failing").get("/v1/dead-letters?agent=escalation-delivery");
      assertEquals(200, reply.status(), reply.raw().body());
      JsonNode l = reply.body().get("deadLetters");
      assertEquals(1, l.size(), l.toString());
      return l;
    });
    assertEquals("ContactPaged", letters.get(0).get("eventType").asText(), letters.toString());
    List<Hit> hits = failing.hits("/failing/c1");
    assertTrue(hits.size() >= 3, "attempts: " + hits.size());
    assertEquals(1, hits.stream().map(Hit::idempotencyKey).distinct().count(), "one key for every attempt");
    String id = hits.get(0).body().get("incidentId").asText();
    Eventually.within(WAIT, () -> {
      List<String> kinds = kinds(api("failing").get("/v1/incidents/" + id).body());
      assertTrue(kinds.stream().filter("failed"::equals).count() >= 3, kinds.toString());
      assertFalse(kinds.contains("delivered"), kinds.toString());
    });
  }

  // --- helpers

  private static final java.net.http.HttpClient LINKS = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** A POST of an HTML form's body to a link (no API key), with extra headers (name, value, ...). */
  private static Reply postForm(String url, String form, String... headers) throws Exception {
    var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form));
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    var raw = LINKS.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return new Reply(raw.statusCode(), null, raw);
  }

  /** A GET of a link (no API key) with extra headers. */
  private static Reply get(String url, String... headers) throws Exception {
    var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    var raw = LINKS.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return new Reply(raw.statusCode(), null, raw);
  }

  private void policy(String tenant, String escalateAfter, WebhookReceiver to, String... paths) throws Exception {
    String[] names = {"Ann", "Bob", "Cy"};
    StringBuilder contacts = new StringBuilder();
    for (int i = 0; i < paths.length; i++) {
      if (i > 0) contacts.append(',');
      contacts.append("{\"name\":\"").append(names[i]).append("\",\"channels\":[{\"type\":\"webhook\",\"url\":\"")
          .append(to.url(paths[i])).append("\"}]}");
    }
    // Any rage counts here: the classifier's confidence is part A's concern, not what these tests are about.
    Reply reply = api(tenant).put("/v1/escalation/policy", "{\"trigger\":{\"minConfidence\":0.0},\"escalateAfter\":\""
        + escalateAfter + "\",\"contacts\":[" + contacts + "]}");
    assertEquals(200, reply.status(), reply.raw().body());
  }

  /** A user whose lifetime value is 100,000 USD. */
  private String valuableUser(String tenant) throws Exception {
    String user = tenant + "-vip";
    Reply reply = api(tenant).post("/v1/events", "{\"events\":[{\"userId\":\"" + user + "\",\"type\":\"purchase\","
        + "\"amount\":100000,\"currency\":\"USD\",\"id\":\"" + tenant + "-p1\",\"at\":\"2026-01-01T10:00:00Z\"}]}");
    assertEquals(200, reply.status(), reply.raw().body());
    Eventually.within(WAIT, () -> assertEquals(100000,
        api(tenant).get("/v1/users/" + user).body().get("lifetimeValue").get("USD").asInt()));
    return user;
  }

  private void rage(String tenant, String session, String user) throws Exception {
    for (String message : Traces.messages(11, EmotionalState.RAGE, user)) {
      Reply reply = api(tenant).post("/v1/sessions/" + session + "/telemetry", message);
      assertEquals(202, reply.status(), reply.raw().body());
    }
  }

  private static Hit one(List<Hit> hits) {
    assertFalse(hits.isEmpty(), "no notice yet");
    return hits.get(0);
  }

  private static List<String> kinds(JsonNode incident) {
    List<String> kinds = new java.util.ArrayList<>();
    incident.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    return kinds;
  }
}
