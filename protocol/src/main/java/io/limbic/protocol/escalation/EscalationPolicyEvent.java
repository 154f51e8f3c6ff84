package io.limbic.protocol.escalation;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/** Facts about a tenant's escalation policy. Version 1. */
public sealed interface EscalationPolicyEvent extends CborSerializable {
  String tenant();

  record PolicySet(String tenant, Instant at, EscalationPolicy policy) implements EscalationPolicyEvent {}
}
