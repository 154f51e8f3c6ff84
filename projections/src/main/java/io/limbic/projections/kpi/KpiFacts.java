package io.limbic.projections.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one group of events adds to the KPI tables, folded in memory before it is written: additive amounts per
 * tenant, user (null for an anonymous session), hour and name, and the hours in which each user was active (turned
 * into distinct counts against what is stored, see {@link KpiFactWriter}).
 */
final class KpiFacts {
  record Key(String tenant, String userId, Instant hour, String name) {}

  record Presence(String tenant, String userId) {}

  final Map<Key, BigDecimal> amounts = new LinkedHashMap<>();
  final Map<Presence, Set<Instant>> activeHours = new LinkedHashMap<>();

  void add(String tenant, String userId, Instant at, String name, BigDecimal amount) {
    if (amount.signum() == 0) return;
    amounts.merge(new Key(tenant, userId, Grain.HOUR.floor(at), name), amount, BigDecimal::add);
  }

  void count(String tenant, String userId, Instant at, String name) {
    add(tenant, userId, at, name, BigDecimal.ONE);
  }

  void active(String tenant, String userId, Instant at) {
    activeHours.computeIfAbsent(new Presence(tenant, userId), k -> new LinkedHashSet<>()).add(Grain.HOUR.floor(at));
  }

  boolean isEmpty() {
    return amounts.isEmpty() && activeHours.isEmpty();
  }

  static List<Instant> sorted(Set<Instant> hours) {
    List<Instant> out = new ArrayList<>(hours);
    out.sort(null);
    return out;
  }
}
