package io.limbic.protocol.kpi;

import java.util.List;

/**
 * A tenant's segment: its filter and the product-event types it declares as controls (campaigns and other things
 * the tenant does, which models take as inputs rather than KPIs).
 */
public record SegmentDefinition(SegmentFilter filter, List<String> controls) {
  public SegmentDefinition {
    controls = List.copyOf(controls);
  }
}
