package io.limbic.cluster.http;

import io.limbic.protocol.escalation.EscalationPolicy.Channel;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What a caller without the admin role sees of a policy's contact channels: their values are credentials (a Slack
 * or webhook URL, a PagerDuty routing key) or personal data (a phone number, an e-mail address). A URL keeps its
 * scheme and host ({@code https://hooks.slack.com/…}); any other value keeps its last 4 characters (2 when it is
 * shorter than 12, none below 6) after an ellipsis. The type is always shown.
 */
final class ChannelMasks {
  static final String ELLIPSIS = "\u2026";

  private ChannelMasks() {}

  static Channel mask(Channel channel) {
    return new Channel(channel.type(), url(channel.url()), tail(channel.to()), tail(channel.routingKey()));
  }

  static String url(String url) {
    if (url == null) return null;
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) return ELLIPSIS;
      return uri.getScheme() + "://" + uri.getHost() + "/" + ELLIPSIS;
    } catch (URISyntaxException e) {
      return ELLIPSIS;
    }
  }

  static String tail(String value) {
    if (value == null) return null;
    int keep = value.length() >= 12 ? 4 : value.length() >= 6 ? 2 : 0;
    return ELLIPSIS + value.substring(value.length() - keep);
  }
}
