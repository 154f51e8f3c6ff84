package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.matching.FieldError;
import io.limbic.cluster.user.ProfileViews;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.user.ProfileData;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code PUT /v1/users/{id}/profile}: every field optional, unknown fields refused. */
final class ProfileInput {
  private static final Set<String> FIELDS =
      Set.of("birthYear", "gender", "seeking", "location", "interests", "languages", "about");

  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private ProfileInput() {}

  static Validated<ProfileData> parse(JsonNode json) {
    if (!json.isObject()) return Validated.invalid("invalid_body", "a profile is a JSON object");
    for (var names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) return Validated.invalid("unknown_field", "profiles have no field " + name);
    }
    try {
      JsonNode location = json.get("location");
      Double lat = null;
      Double lon = null;
      if (present(location)) {
        if (!location.isObject()) {
          return Validated.invalid("invalid_field", "location must be {\"lat\": number, \"lon\": number}");
        }
        Validated<Double> checkedLat = JsonFields.finite(location.get("lat"), "location.lat", -90, 90);
        if (!checkedLat.isValid()) return checkedLat.failure();
        Validated<Double> checkedLon = JsonFields.finite(location.get("lon"), "location.lon", -180, 180);
        if (!checkedLon.isValid()) return checkedLon.failure();
        lat = checkedLat.get();
        lon = checkedLon.get();
      }
      ProfileData profile =
          new ProfileData(year(json, "birthYear"), text(json, "gender"), strings(json, "seeking"), lat, lon,
              strings(json, "interests"), strings(json, "languages"), text(json, "about"));
      List<FieldError> errors = ProfileViews.toProfile(profile).validate(Year.now().getValue());
      if (!errors.isEmpty()) {
        FieldError first = errors.get(0);
        return Validated.invalid("invalid_field", first.field() + ": " + first.message());
      }
      return Validated.valid(profile);
    } catch (IllegalArgumentException e) {
      return Validated.invalid("invalid_field", e.getMessage());
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  /** A year as written; the age it implies is checked by the profile itself. */
  private static Integer year(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (!present(node)) return null;
    Validated<Long> year = JsonFields.whole(node, field, MIN_YEAR, MAX_YEAR);
    if (year instanceof Validated.Invalid<Long> bad) throw new IllegalArgumentException(bad.message());
    return year.get().intValue();
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (!present(node)) return null;
    if (!node.isTextual()) throw new IllegalArgumentException(field + " must be a string");
    return node.asText();
  }

  private static List<String> strings(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (!present(node)) return List.of();
    if (!node.isArray()) throw new IllegalArgumentException(field + " must be an array of strings");
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) throw new IllegalArgumentException(field + " must be an array of strings");
      values.add(item.asText());
    }
    return values;
  }
}
