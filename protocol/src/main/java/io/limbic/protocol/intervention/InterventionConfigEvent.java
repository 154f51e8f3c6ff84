package io.limbic.protocol.intervention;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/** Facts about a tenant's interventions config. Version 1. */
public sealed interface InterventionConfigEvent extends CborSerializable {
  String tenant();

  Instant at();

  /** The config decisions use from now on (replacing the whole of the previous one). */
  record InterventionConfigSet(String tenant, Instant at, StoredInterventionConfig config)
      implements InterventionConfigEvent {}
}
