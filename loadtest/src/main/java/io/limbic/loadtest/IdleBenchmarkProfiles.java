package io.limbic.loadtest;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.eval.SyntheticPerson;
import io.limbic.analytics.matching.eval.SyntheticPopulation;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The idle benchmark's users: the offline evaluator's seeded population (four Dutch cities, 85 % of people in the
 * Amsterdam-Rotterdam-Utrecht triangle, about 60 km across), so that a searcher's 100 km radius holds most of the
 * tenant and the candidate index answers with pools of tens of thousands at 100,000 users.
 */
final class IdleBenchmarkProfiles {
  private static final long SEED = 7;

  private IdleBenchmarkProfiles() {}

  static List<SyntheticPerson> people(int count) {
    return SyntheticPopulation.generate(SEED, count, Instant.now());
  }

  /** The body of {@code PUT /v1/users/{id}/profile}. The population's strings need no escaping but quotes. */
  static String json(Profile p) {
    StringBuilder json = new StringBuilder(512).append('{');
    if (p.birthYear() != null) json.append("\"birthYear\":").append(p.birthYear()).append(',');
    if (p.gender() != null) json.append("\"gender\":").append(quoted(p.gender())).append(',');
    json.append("\"seeking\":").append(array(p.seeking())).append(',');
    if (p.location() != null) {
      json.append(String.format(Locale.ROOT, "\"location\":{\"lat\":%.5f,\"lon\":%.5f},", p.location().lat(),
          p.location().lon()));
    }
    json.append("\"interests\":").append(array(p.interests())).append(',');
    json.append("\"languages\":").append(array(p.languages()));
    if (p.about() != null) json.append(",\"about\":").append(quoted(p.about()));
    return json.append('}').toString();
  }

  private static String array(Collection<String> values) {
    StringBuilder json = new StringBuilder("[");
    for (String v : values) {
      if (json.length() > 1) json.append(',');
      json.append(quoted(v));
    }
    return json.append(']').toString();
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
