package io.limbic.projections.agents;

import io.limbic.protocol.escalation.IncidentEvent;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.tenant.TenantEvent;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.visitor.VisitorEvent;

/** The tenant an event belongs to: agents' figures and dead letters are scoped by it. */
final class EventTenant {
  private EventTenant() {}

  static String of(Object event) {
    if (event instanceof UserEvent e) return e.tenant();
    if (event instanceof SessionEvent e) return e.tenant();
    if (event instanceof TenantEvent e) return e.tenant();
    if (event instanceof VisitorEvent e) return e.tenant();
    if (event instanceof IncidentEvent e) return e.tenant();
    throw new IllegalArgumentException("no tenant known for " + event.getClass().getName());
  }
}
