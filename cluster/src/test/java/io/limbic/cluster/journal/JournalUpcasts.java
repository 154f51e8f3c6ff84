package io.limbic.cluster.journal;

import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.cluster.tenant.SignalThresholdsJson;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import io.limbic.protocol.tenant.TenantEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What each fixture of an older shape reads as today, in the current types: the upcast a migration (or the
 * lenient reading of a compatible shape) must make. Written by hand from the fixture's description.
 */
final class JournalUpcasts {
  private JournalUpcasts() {}

  private static Map<String, Object> expected() {
    Map<String, Object> all = new HashMap<>();
    // Thresholds as a JSON-like map, before the rage prior existed: the typed thresholds with no prior.
    StoredSignalThresholds t = SignalThresholdsJson.stored(
        SignalThresholds.defaults().withRage(6, 1000, 42.5).withIgnoredTargets(Set.of("#ad*", "#chat")));
    all.put("TenantEvent.SignalThresholdsSet-map-v1.hex", new TenantEvent.SignalThresholdsSet("acme",
        JournalSamples.AT, new StoredSignalThresholds(t.rageMinClicks(), t.rageMaxGapMs(), t.rageMaxRadiusPx(),
            t.deadClickWindowMs(), t.errorClickWindowMs(), t.thrashMinReversals(), t.thrashWindowMs(),
            t.thrashMinTravelPx(), t.scrollWindowMs(), t.scrollMinReversals(), t.scrollMinDistancePx(),
            t.scrollBaselineFactor(), t.quickBackWindowMs(), t.selectionMinDragPx(), t.ignoredTargets(), null)));
    return all;
  }

  static Object expected(String fixture) {
    return expected().get(fixture);
  }
}
