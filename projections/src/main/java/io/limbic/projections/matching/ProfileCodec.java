package io.limbic.projections.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import io.limbic.projections.db.StoredJson;
import io.limbic.protocol.user.ProfileData;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** How profiles and score breakdowns are stored as JSON text, and how a stored profile becomes a matching profile. */
public final class ProfileCodec {
  private static final TypeReference<Map<String, Double>> BREAKDOWN = new TypeReference<>() {};

  private ProfileCodec() {}

  /** The analytics view of a profile; a location counts only when both coordinates are given. */
  public static Profile toProfile(ProfileData data) {
    if (data == null) return Profile.empty();
    GeoPoint location = data.lat() != null && data.lon() != null ? new GeoPoint(data.lat(), data.lon()) : null;
    return new Profile(
        data.birthYear(),
        data.gender(),
        data.seeking() == null ? null : new LinkedHashSet<>(data.seeking()),
        location,
        data.interests(),
        data.languages(),
        data.about());
  }

  static String profileJson(ProfileData profile) {
    return write(profile);
  }

  static ProfileData profile(String json) {
    try {
      ProfileData data = StoredJson.MAPPER.readValue(json, ProfileData.class);
      // lists the JSON left out come back as null; the record's users expect empty lists, as empty() gives
      return new ProfileData(data.birthYear(), data.gender(), orEmpty(data.seeking()), data.lat(), data.lon(),
          orEmpty(data.interests()), orEmpty(data.languages()), data.about());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored profile", e);
    }
  }

  static String breakdownJson(Map<String, Double> breakdown) {
    return write(breakdown == null ? Map.of() : breakdown);
  }

  static Map<String, Double> breakdown(String json) {
    try {
      return StoredJson.MAPPER.readValue(json, BREAKDOWN);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored score breakdown", e);
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String write(Object value) {
    try {
      return StoredJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
