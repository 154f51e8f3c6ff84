package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/** Facts about a tenant's settings. Version 1. */
public sealed interface TenantEvent extends CborSerializable {
  String tenant();

  Instant at();

  record SignalThresholdsSet(String tenant, Instant at, Map<String, Object> thresholds) implements TenantEvent {}
}
