package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicy.Channel;
import io.limbic.protocol.escalation.EscalationPolicy.Contact;
import io.limbic.protocol.escalation.EscalationPolicy.Trigger;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /v1/escalation/policy}: {@code {"trigger": {"emotion", "minConfidence", "minLifetimeValue",
 * "currency"}, "escalateAfter", "window", "contacts": [{"name", "channels": [...]}]}}; an absent field keeps its
 * default ({@link EscalationPolicy#DEFAULT}). Webhook and Slack URLs follow the notification channels' rules
 * ({@link NotificationChannelsInput}: absolute http(s), no local or private hosts unless the node allows them).
 */
public final class EscalationPolicyInput {
  public static final int MAX_CONTACTS = 10;
  public static final int MAX_CHANNELS = 5;
  public static final int MAX_NAME = 100;
  public static final Duration MIN_DURATION = Duration.ofSeconds(1);
  public static final Duration MAX_DURATION = Duration.ofDays(30);
  public static final Set<String> EMOTIONS =
      Set.of("rage", "frustration", "confusion", "hesitation", "engagement", "calm");
  public static final Set<String> CHANNEL_TYPES = Set.of("webhook", "slack", "sms", "whatsapp", "pagerduty", "email");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private EscalationPolicyInput() {}

  public static Validated<EscalationPolicy> parse(JsonNode json, boolean allowPrivateHosts) {
    if (json == null || !json.isObject()) return invalid("the body must be a JSON object");
    String unknown = unknownField(json, Set.of("trigger", "escalateAfter", "window", "contacts"));
    if (unknown != null) return invalid("unknown field " + unknown);
    EscalationPolicy d = EscalationPolicy.DEFAULT;
    Validated<Trigger> trigger = trigger(json.get("trigger"));
    if (!trigger.isValid()) return trigger.failure();
    Validated<Duration> after = duration(json, "escalateAfter", d.escalateAfter());
    if (!after.isValid()) return after.failure();
    Validated<Duration> window = duration(json, "window", d.window());
    if (!window.isValid()) return window.failure();
    Validated<List<Contact>> contacts = contacts(json.get("contacts"), allowPrivateHosts);
    if (!contacts.isValid()) return contacts.failure();
    return Validated.valid(new EscalationPolicy(trigger.get(), after.get(), window.get(), contacts.get()));
  }

  private static Validated<Trigger> trigger(JsonNode json) {
    Trigger d = Trigger.DEFAULT;
    if (json == null || json.isNull()) return Validated.valid(d);
    if (!json.isObject()) return invalid("trigger must be an object");
    String unknown = unknownField(json, Set.of("emotion", "minConfidence", "minLifetimeValue", "currency"));
    if (unknown != null) return invalid("trigger has an unknown field " + unknown);
    String emotion = d.emotion();
    JsonNode e = json.get("emotion");
    if (e != null && !e.isNull()) {
      if (!e.isTextual() || !EMOTIONS.contains(e.asText())) {
        return invalid("trigger.emotion must be one of " + String.join(", ", new java.util.TreeSet<>(EMOTIONS)));
      }
      emotion = e.asText();
    }
    double confidence = d.minConfidence();
    JsonNode c = json.get("minConfidence");
    if (c != null && !c.isNull()) {
      if (!c.isNumber() || !Double.isFinite(c.asDouble()) || c.asDouble() < 0 || c.asDouble() > 1) {
        return invalid("trigger.minConfidence must be a number between 0 and 1");
      }
      confidence = c.asDouble();
    }
    BigDecimal value = d.minLifetimeValue();
    JsonNode v = json.get("minLifetimeValue");
    if (v != null && !v.isNull()) {
      if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.decimalValue().signum() < 0) {
        return invalid("trigger.minLifetimeValue must be a number of at least 0");
      }
      value = v.decimalValue();
    }
    String currency = d.currency();
    JsonNode cur = json.get("currency");
    if (cur != null && !cur.isNull()) {
      if (!cur.isTextual() || !CURRENCY.matcher(cur.asText()).matches()) {
        return invalid("trigger.currency must be a three-letter ISO 4217 code such as USD");
      }
      currency = cur.asText();
    }
    return Validated.valid(new Trigger(emotion, confidence, value, currency));
  }

  private static Validated<Duration> duration(JsonNode json, String field, Duration fallback) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return Validated.valid(fallback);
    String rule = field + " must be an ISO-8601 duration between PT1S and P30D, e.g. PT60S";
    if (!node.isTextual()) return invalid(rule);
    try {
      Duration d = Duration.parse(node.asText());
      if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) return invalid(rule);
      return Validated.valid(d);
    } catch (DateTimeParseException e) {
      return invalid(rule);
    }
  }

  private static Validated<List<Contact>> contacts(JsonNode json, boolean allowPrivateHosts) {
    if (json == null || json.isNull()) return Validated.valid(List.of());
    if (!json.isArray()) return invalid("contacts must be an array");
    if (json.size() > MAX_CONTACTS) return invalid("at most " + MAX_CONTACTS + " contacts");
    List<Contact> contacts = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      String where = "contacts[" + i + "]";
      JsonNode c = json.get(i);
      if (!c.isObject()) return invalid(where + " must be an object with name and channels");
      String unknown = unknownField(c, Set.of("name", "channels"));
      if (unknown != null) return invalid(where + " has an unknown field " + unknown);
      JsonNode name = c.get("name");
      if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME) {
        return invalid(where + ".name must be a non-blank string of at most " + MAX_NAME + " characters");
      }
      JsonNode channels = c.get("channels");
      if (channels == null || !channels.isArray() || channels.isEmpty() || channels.size() > MAX_CHANNELS) {
        return invalid(where + ".channels must be an array of 1 to " + MAX_CHANNELS + " channels");
      }
      List<Channel> parsed = new ArrayList<>();
      for (int j = 0; j < channels.size(); j++) {
        Validated<Channel> channel = channel(channels.get(j), where + ".channels[" + j + "]", allowPrivateHosts);
        if (!channel.isValid()) return channel.failure();
        parsed.add(channel.get());
      }
      contacts.add(new Contact(name.asText(), List.copyOf(parsed)));
    }
    return Validated.valid(List.copyOf(contacts));
  }

  private static Validated<Channel> channel(JsonNode json, String where, boolean allowPrivateHosts) {
    if (!json.isObject()) return invalid(where + " must be an object with a type");
    JsonNode typeNode = json.get("type");
    if (typeNode == null || !typeNode.isTextual() || !CHANNEL_TYPES.contains(typeNode.asText())) {
      return invalid(where + ".type must be one of " + String.join(", ", new java.util.TreeSet<>(CHANNEL_TYPES)));
    }
    String type = typeNode.asText();
    return switch (type) {
      case "webhook", "slack" -> url(json, where, type, allowPrivateHosts);
      case "sms", "whatsapp" -> address(json, where, type, "to", PHONE, "a phone number in E.164, e.g. +15551234567");
      case "email" -> address(json, where, type, "to", EMAIL, "an e-mail address");
      default -> address(json, where, type, "routingKey", ROUTING_KEY, "a PagerDuty routing key (letters and digits)");
    };
  }

  private static Validated<Channel> url(JsonNode json, String where, String type, boolean allowPrivateHosts) {
    String unknown = unknownField(json, Set.of("type", "url"));
    if (unknown != null) return invalid(where + " (" + type + ") has an unknown field " + unknown);
    JsonNode url = json.get("url");
    if (url == null || !url.isTextual()) return invalid(where + ".url is required for " + type);
    String text = url.asText();
    if (text.length() > NotificationChannelsInput.MAX_URL) {
      return invalid(where + ".url is longer than " + NotificationChannelsInput.MAX_URL + " characters");
    }
    if (!NotificationChannelsInput.isHttpUrl(text)) {
      return invalid(where + ".url must be an absolute http or https URL with a host");
    }
    if (!allowPrivateHosts && NotificationChannelsInput.isInternal(URI.create(text).getHost())) {
      return invalid(where + ".url names a local or private address; the node does not call those");
    }
    return Validated.valid(new Channel(type, text, null, null));
  }

  private static Validated<Channel> address(
      JsonNode json, String where, String type, String field, Pattern pattern, String what) {
    String unknown = unknownField(json, Set.of("type", field));
    if (unknown != null) return invalid(where + " (" + type + ") has an unknown field " + unknown);
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) return invalid(where + "." + field + " is required for " + type);
    if (!pattern.matcher(node.asText()).matches()) return invalid(where + "." + field + " must be " + what);
    String value = node.asText();
    return Validated.valid(field.equals("to") ? new Channel(type, null, value, null) : new Channel(type, null, null, value));
  }

  private static String unknownField(JsonNode json, Set<String> known) {
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) return name;
    }
    return null;
  }

  private static <T> Validated<T> invalid(String message) {
    return Validated.invalid("invalid_escalation_policy", message);
  }
}
