package io.limbic.cluster.journal;

import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.cluster.session.SessionState;
import io.limbic.cluster.tenant.SignalThresholdsJson;
import io.limbic.cluster.user.UserState;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.user.UserEvent;
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
    // Version 1 of these held maps of the same values the current samples hold typed (the maps the fixtures were
    // written from are in the commit that added them: JournalSamples' lightResult, deepResult and physics).
    all.put("UserEvent.IdlePhaseCompleted-light-v1.hex", sample(UserEvent.IdlePhaseCompleted.class, "light"));
    all.put("UserEvent.IdlePhaseCompleted-deep-v1.hex", sample(UserEvent.IdlePhaseCompleted.class, "deep"));
    all.put("SessionEvent.SessionSummarized-v1.hex", sample(SessionEvent.SessionSummarized.class, null));
    all.put("SessionState-v1.hex", sample(SessionState.class, null));
    all.put("UserState-v3.hex", sample(UserState.class, null));
    return all;
  }

  private static Object sample(Class<?> type, String variant) {
    return JournalSamples.all().stream()
        .filter(s -> s.getClass() == type && java.util.Objects.equals(variant, JournalSamples.variant(s)))
        .findFirst().orElseThrow();
  }

  static Object expected(String fixture) {
    return expected().get(fixture);
  }
}
