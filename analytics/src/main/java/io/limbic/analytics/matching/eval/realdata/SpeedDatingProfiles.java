package io.limbic.analytics.matching.eval.realdata;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A participant as a Limbic profile. Everyone is placed at Columbia (the events were held next to it; the file's
 * zip codes are where people grew up). Terms: hobbies rated 8 or more, field of study, career, race, goal, dating
 * and going-out frequency as {@code name:code} interests, so the preference learner tallies them like any interest.
 */
final class SpeedDatingProfiles {
  static final GeoPoint COLUMBIA = new GeoPoint(40.8075, -73.9626);
  static final int HOBBY_AT = 8;

  private SpeedDatingProfiles() {}

  static Profile of(SpeedDatingData.Person p, int year) {
    List<String> interests = new ArrayList<>();
    for (Map.Entry<String, Integer> hobby : p.hobbies().entrySet()) {
      if (hobby.getValue() >= HOBBY_AT) interests.add(hobby.getKey());
    }
    term(interests, "field", p.field());
    term(interests, "career", p.career());
    term(interests, "race", p.race());
    term(interests, "goal", p.goal());
    term(interests, "dates", p.dateFrequency());
    term(interests, "goesout", p.goOut());
    if (interests.size() > Profile.MAX_INTERESTS) interests = interests.subList(0, Profile.MAX_INTERESTS);
    return new Profile(p.age() == null ? null : year - p.age(), p.male() ? "m" : "f", Set.of(p.male() ? "f" : "m"),
        COLUMBIA, interests, List.of(), null);
  }

  private static void term(List<String> interests, String name, String code) {
    if (code != null && !code.isEmpty()) interests.add(name + ":" + code);
  }
}
