package io.limbic.cluster.user;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.ProfileView;
import java.util.LinkedHashSet;
import java.util.List;

/** Between the wire profile of {@code protocol} and the matching profile of {@code analytics}. */
public final class ProfileViews {
  private ProfileViews() {}

  public static Profile toProfile(ProfileData p) {
    if (p == null) return Profile.empty();
    GeoPoint location = p.lat() == null || p.lon() == null ? null : new GeoPoint(p.lat(), p.lon());
    return new Profile(p.birthYear(), p.gender(), new LinkedHashSet<>(orEmpty(p.seeking())), location,
        orEmpty(p.interests()), orEmpty(p.languages()), p.about());
  }

  public static ProfileView of(ProfileData p) {
    return new ProfileView(p, toProfile(p).completeness());
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
