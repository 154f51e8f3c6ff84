package io.limbic.cluster.escalation;

import io.limbic.projections.escalation.ContactChannel;
import io.limbic.protocol.escalation.EscalationPolicy;

/** A policy's channel (as stored) as the channel senders take it. */
final class Channels {
  private Channels() {}

  static ContactChannel of(EscalationPolicy.Channel c) {
    return switch (c.type()) {
      case "webhook" -> new ContactChannel.Webhook(c.url());
      case "slack" -> new ContactChannel.Slack(c.url());
      case "sms" -> new ContactChannel.Sms(c.to());
      case "whatsapp" -> new ContactChannel.WhatsApp(c.to());
      case "pagerduty" -> new ContactChannel.PagerDuty(c.routingKey());
      case "email" -> new ContactChannel.Email(c.to());
      default -> throw new IllegalArgumentException("unknown channel type " + c.type());
    };
  }
}
