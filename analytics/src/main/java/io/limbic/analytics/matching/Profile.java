package io.limbic.analytics.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a person says about themselves. Every field is optional; gender and seeking use the tenant's own vocabulary.
 *
 * <p>Terms (gender, seeking, interests, languages) are trimmed and lower-cased so that "Jazz" and "jazz " are one
 * interest, and duplicates are dropped. Null or blank list items are kept so that {@link #validate(int)} can point
 * at them instead of silently changing what the user sent.
 */
public record Profile(
    Integer birthYear,
    String gender,
    Set<String> seeking,
    GeoPoint location,
    List<String> interests,
    List<String> languages,
    String about) {

  public static final int MIN_AGE = AgeBand.MIN_AGE;
  public static final int MAX_AGE = 120;
  public static final int MAX_SEEKING = 10;
  public static final int MAX_INTERESTS = 30;
  public static final int MAX_LANGUAGES = 10;
  public static final int MAX_TERM_LENGTH = 40;
  public static final int MAX_ABOUT_LENGTH = 2000;

  public Profile {
    gender = gender == null || gender.isBlank() ? null : term(gender);
    seeking = Collections.unmodifiableSet(new LinkedHashSet<>(terms(seeking)));
    interests = Collections.unmodifiableList(terms(interests));
    languages = Collections.unmodifiableList(terms(languages));
  }

  public static Profile empty() {
    return new Profile(null, null, null, null, null, null, null);
  }

  /**
   * How much of the profile the matcher and other people can use, in [0, 1].
   *
   * <p>Weights: location 0.20 and about 0.20 (distance is a hard limit; the text is what people read first),
   * birth year 0.15, gender 0.15, interests 0.15, seeking 0.10, languages 0.05. Interests count fully from three,
   * the about text from 150 characters, so padding does not pay. Invalid values count as missing.
   */
  public double completeness() {
    double score = 0;
    if (birthYear != null) score += 0.15;
    if (gender != null) score += 0.15;
    if (!usable(seeking).isEmpty()) score += 0.10;
    if (location != null && location.isValid()) score += 0.20;
    score += 0.15 * Math.min(3, usable(interests).size()) / 3.0;
    if (!usable(languages).isEmpty()) score += 0.05;
    if (about != null) score += 0.20 * Math.min(150, about.strip().length()) / 150.0;
    return score;
  }

  /** Field errors, empty when the profile may be stored; the current year bounds the birth year. */
  public List<FieldError> validate(int currentYear) {
    List<FieldError> errors = new ArrayList<>();
    if (birthYear != null) {
      int age = currentYear - birthYear;
      if (age < MIN_AGE || age > MAX_AGE) {
        errors.add(new FieldError("birthYear",
            "must be between " + (currentYear - MAX_AGE) + " and " + (currentYear - MIN_AGE)));
      }
    }
    if (gender != null && gender.length() > MAX_TERM_LENGTH) {
      errors.add(new FieldError("gender", "must be at most " + MAX_TERM_LENGTH + " characters"));
    }
    checkTerms("seeking", seeking, MAX_SEEKING, errors);
    if (location != null) {
      if (!(location.lat() >= -90 && location.lat() <= 90)) {
        errors.add(new FieldError("location.lat", "must be between -90 and 90"));
      }
      if (!(location.lon() >= -180 && location.lon() <= 180)) {
        errors.add(new FieldError("location.lon", "must be between -180 and 180"));
      }
    }
    checkTerms("interests", interests, MAX_INTERESTS, errors);
    checkTerms("languages", languages, MAX_LANGUAGES, errors);
    if (about != null && about.length() > MAX_ABOUT_LENGTH) {
      errors.add(new FieldError("about", "must be at most " + MAX_ABOUT_LENGTH + " characters"));
    }
    return List.copyOf(errors);
  }

  private static void checkTerms(String field, Collection<String> values, int maxCount, List<FieldError> errors) {
    if (values.size() > maxCount) {
      errors.add(new FieldError(field, "must have at most " + maxCount + " items"));
    }
    int index = 0;
    for (String value : values) {
      if (value == null || value.isEmpty()) {
        errors.add(new FieldError(field + "[" + index + "]", "must not be blank"));
      } else if (value.length() > MAX_TERM_LENGTH) {
        errors.add(new FieldError(field + "[" + index + "]", "must be at most " + MAX_TERM_LENGTH + " characters"));
      }
      index++;
    }
  }

  private static List<String> usable(Collection<String> values) {
    List<String> usable = new ArrayList<>(values.size());
    for (String value : values) {
      if (value != null && !value.isEmpty()) usable.add(value);
    }
    return usable;
  }

  private static List<String> terms(Collection<String> values) {
    if (values == null) return new ArrayList<>();
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String value : values) unique.add(value == null ? null : term(value));
    return new ArrayList<>(unique);
  }

  private static String term(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
