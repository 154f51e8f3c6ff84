package io.limbic.analytics.kpi.curiosity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every hypothesis template Limbic tests (24; listed in the README), optionally narrowed to some ids. */
public final class HypothesisLibrary {
  private HypothesisLibrary() {}

  public static List<HypothesisTemplate> all() {
    List<HypothesisTemplate> out = new ArrayList<>();
    out.addAll(SignalTemplates.all());
    out.addAll(BehaviourTemplates.all());
    out.addAll(CalendarTemplates.all());
    return List.copyOf(out);
  }

  /** The templates with the given ids (all when {@code ids} is empty); unknown ids are an error. */
  public static List<HypothesisTemplate> only(Set<String> ids) {
    List<HypothesisTemplate> all = all();
    if (ids.isEmpty()) return all;
    for (String id : ids) {
      if (all.stream().noneMatch(t -> t.id().equals(id))) {
        throw new IllegalArgumentException("unknown hypothesis template '" + id + "'");
      }
    }
    return all.stream().filter(t -> ids.contains(t.id())).toList();
  }
}
