package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.tenant.NotificationChannel;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code PUT /v1/agents/notifications/channels}: {@code {"channels": [{"type": "webhook" | "slack",
 * "url": "https://...", "kinds"?: ["emotion", "churn", "at_risk"]}]}} (kinds default to emotion and churn), at most {@link #MAX_CHANNELS}, each an absolute http(s) URL of at most
 * {@link #MAX_URL} characters, no channel twice. The list replaces the tenant's channels; an empty list removes them.
 */
public final class NotificationChannelsInput {
  public static final int MAX_CHANNELS = 10;
  public static final int MAX_URL = 2000;

  private NotificationChannelsInput() {}

  public static Validated<List<NotificationChannel>> parse(JsonNode json) {
    return parse(json, false);
  }

  /**
   * {@code allowPrivateHosts} false (the default of the node): a URL naming {@code localhost} or a loopback, private,
   * link-local, unique-local or unspecified address is refused, so a tenant cannot make the node call its own
   * management port, a cloud metadata service or other internal hosts. Host names are not resolved here: a public
   * name that resolves to a private address is not caught (a deployment that needs that closes egress instead).
   */
  public static Validated<List<NotificationChannel>> parse(JsonNode json, boolean allowPrivateHosts) {
    if (!json.isObject()) return invalid("the body must be an object {\"channels\": [...]}");
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("channels")) return invalid("unknown field " + name + "; the body holds only channels");
    }
    JsonNode channels = json.get("channels");
    if (channels == null || !channels.isArray()) return invalid("channels must be an array");
    if (channels.size() > MAX_CHANNELS) return invalid("at most " + MAX_CHANNELS + " channels");
    List<NotificationChannel> result = new ArrayList<>();
    Set<NotificationChannel> seen = new HashSet<>();
    for (int i = 0; i < channels.size(); i++) {
      Validated<NotificationChannel> channel = channel(channels.get(i), "channels[" + i + "]", allowPrivateHosts);
      if (!channel.isValid()) return channel.failure();
      if (!seen.add(channel.get())) return invalid("channels[" + i + "] repeats an earlier channel");
      result.add(channel.get());
    }
    return Validated.valid(List.copyOf(result));
  }

  private static Validated<NotificationChannel> channel(JsonNode json, String where, boolean allowPrivateHosts) {
    if (!json.isObject()) return invalid(where + " must be an object with type and url");
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("type") && !name.equals("url") && !name.equals("kinds")) {
        return invalid(where + " has an unknown field " + name);
      }
    }
    JsonNode type = json.get("type");
    if (type == null || !type.isTextual()) return invalid(where + ".type must be \"webhook\" or \"slack\"");
    NotificationChannel.Type kind;
    switch (type.asText()) {
      case "webhook" -> kind = NotificationChannel.Type.WEBHOOK;
      case "slack" -> kind = NotificationChannel.Type.SLACK;
      default -> {
        return invalid(where + ".type must be \"webhook\" or \"slack\"");
      }
    }
    JsonNode url = json.get("url");
    if (url == null || !url.isTextual()) return invalid(where + ".url must be a string");
    String text = url.asText();
    if (text.length() > MAX_URL) return invalid(where + ".url is longer than " + MAX_URL + " characters");
    if (!isHttpUrl(text)) return invalid(where + ".url must be an absolute http or https URL with a host");
    if (!allowPrivateHosts && isInternal(URI.create(text).getHost())) {
      return invalid(where + ".url names a local or private address; the node does not call those");
    }
    Validated<List<String>> kinds = kinds(json.get("kinds"), where + ".kinds");
    if (!kinds.isValid()) return kinds.failure();
    return Validated.valid(new NotificationChannel(kind, text, kinds.get()));
  }

  private static Validated<List<String>> kinds(JsonNode json, String where) {
    if (json == null || json.isNull()) return Validated.valid(NotificationChannel.DEFAULT_KINDS);
    String rule = where + " must be a non-empty array of " + String.join(", ", NotificationChannel.KINDS);
    if (!json.isArray() || json.isEmpty()) return invalid(rule);
    Set<String> kinds = new java.util.LinkedHashSet<>();
    for (JsonNode kind : json) {
      if (!kind.isTextual() || !NotificationChannel.KINDS.contains(kind.asText())) return invalid(rule);
      kinds.add(kind.asText());
    }
    return Validated.valid(List.copyOf(kinds));
  }

  static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** localhost, or an address literal that is not public; names are not resolved. */
  public static boolean isInternal(String host) {
    // A fully qualified name may end in a dot ("localhost." is localhost to every resolver).
    String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
    if (h.isEmpty() || h.equals("localhost") || h.endsWith(".localhost")) return true;
    boolean literal = h.startsWith("[") || h.matches("[0-9.]+");
    if (!literal) return false;
    try {
      InetAddress address = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
      byte[] bytes = address.getAddress();
      boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
      return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
          || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    } catch (UnknownHostException e) {
      return true; // an address literal Java cannot read is not one to call
    }
  }

  private static <T> Validated<T> invalid(String message) {
    return Validated.invalid("invalid_channels", message);
  }
}
