package io.limbic.protocol.escalation;

import io.limbic.protocol.CborSerializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A tenant's executive escalation: which emotion of which users opens an incident, and the ordered chain of contacts
 * it notifies, one every {@code escalateAfter} until someone acknowledges. At most one incident per user is open
 * within {@code window}. An empty chain escalates nothing.
 */
public record EscalationPolicy(Trigger trigger, Duration escalateAfter, Duration window, List<Contact> contacts)
    implements CborSerializable {

  public static final EscalationPolicy DEFAULT =
      new EscalationPolicy(Trigger.DEFAULT, Duration.ofSeconds(60), Duration.ofHours(1), List.of());

  /** Rage (or another emotion) at or above {@code minConfidence} of a user worth {@code minLifetimeValue}. */
  public record Trigger(String emotion, double minConfidence, BigDecimal minLifetimeValue, String currency)
      implements CborSerializable {
    public static final Trigger DEFAULT = new Trigger("rage", 0.85, new BigDecimal("10000"), "USD");
  }

  public record Contact(String name, List<Channel> channels) implements CborSerializable {}

  /**
   * One channel as the policy names it: {@code url} for webhook and slack, {@code to} for sms, whatsapp and email,
   * {@code routingKey} for pagerduty; the other fields are null.
   */
  public record Channel(String type, String url, String to, String routingKey) implements CborSerializable {}
}
