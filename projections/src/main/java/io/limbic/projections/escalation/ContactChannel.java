package io.limbic.projections.escalation;

/** One way to reach one contact of an escalation policy, as the policy names it. */
public sealed interface ContactChannel {
  /** The policy's {@code type}: webhook, slack, sms, whatsapp, pagerduty or email. */
  String type();

  record Webhook(String url) implements ContactChannel {
    public String type() {
      return "webhook";
    }
  }

  record Slack(String url) implements ContactChannel {
    public String type() {
      return "slack";
    }
  }

  /** A phone number in E.164, sent through the configured Twilio-compatible REST API. */
  record Sms(String to) implements ContactChannel {
    public String type() {
      return "sms";
    }
  }

  /** A phone number in E.164, sent through the configured WhatsApp Cloud-API-compatible REST API. */
  record WhatsApp(String to) implements ContactChannel {
    public String type() {
      return "whatsapp";
    }
  }

  /** A PagerDuty Events API v2 routing key. */
  record PagerDuty(String routingKey) implements ContactChannel {
    public String type() {
      return "pagerduty";
    }
  }

  /** An e-mail address, sent over the configured SMTP server. */
  record Email(String to) implements ContactChannel {
    public String type() {
      return "email";
    }
  }
}
