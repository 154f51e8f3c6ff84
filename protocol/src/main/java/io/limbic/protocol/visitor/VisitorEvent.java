package io.limbic.protocol.visitor;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.ProductEvent;
import java.time.Instant;
import java.util.List;

/** Facts about an anonymous visitor. Version 1. */
public sealed interface VisitorEvent extends CborSerializable {
  String tenant();

  String anonymousId();

  Instant at();

  record EventsHeld(String tenant, String anonymousId, Instant at, List<ProductEvent> events)
      implements VisitorEvent {}

  record LinkedToUser(String tenant, String anonymousId, Instant at, String userId) implements VisitorEvent {}

  /** The first {@code count} held events were recorded by the user. */
  record HeldEventsHandedOver(String tenant, String anonymousId, Instant at, int count) implements VisitorEvent {}

  /** The person the anonymous id belonged to was erased: the only event the visitor's journal keeps. */
  record VisitorErased(String tenant, String anonymousId, Instant at) implements VisitorEvent {}
}
