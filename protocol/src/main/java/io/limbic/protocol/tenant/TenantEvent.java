package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;

/** Facts about a tenant's settings. Version 1. */
public sealed interface TenantEvent extends CborSerializable {
  String tenant();

  Instant at();

  /**
   * The thresholds new sessions of the tenant use from now on. Version 1 held them as a JSON-like map with the same
   * field names; that shape reads as {@link StoredSignalThresholds} as it is, so no migration is registered.
   */
  record SignalThresholdsSet(String tenant, Instant at, StoredSignalThresholds thresholds) implements TenantEvent {}

  /** The channels the notification agent uses for the tenant from now on (all of them; empty: none). */
  record NotificationChannelsSet(String tenant, Instant at, List<NotificationChannel> channels)
      implements TenantEvent {}
}
