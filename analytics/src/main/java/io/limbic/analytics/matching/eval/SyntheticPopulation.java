package io.limbic.analytics.matching.eval;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded population for the offline evaluator, one tenant, drawn as follows:
 * <ul>
 *   <li>location: one of four Dutch cities (Amsterdam 40 %, Rotterdam 25 %, Utrecht 20 %, Groningen 15 %), plus
 *       Gaussian scatter of 8 km;</li>
 *   <li>gender m 48 %, f 48 %, x 4 %; seeking mostly the other binary gender, ~7 % the same, a few both,
 *       x seeks all;</li>
 *   <li>age uniform 20-55; 3-6 interests from 24, Zipf-like (lower numbers more common); languages nl (90 %),
 *       en (70 %), de/tr/fr (8 % each), at least one; "about" empty for 30 %, else 20-300 characters;</li>
 *   <li>hidden taste: ideal age = own age - 2 (m) / + 2 (f) +- N(0, 3), tolerance 3-8 years; three liked interests,
 *       each one of one's own with probability 1/2, else any; distance tolerance 5-40 km; attribute weights from
 *       a flat Dirichlet scaled to 0.85; attractiveness uniform in [0, 1];</li>
 *   <li>last active uniform over the past 14 days.</li>
 * </ul>
 */
public final class SyntheticPopulation {
  public static final String TENANT = "eval";
  private static final double[][] CITIES = {{52.37, 4.90}, {51.92, 4.48}, {52.09, 5.12}, {53.22, 6.57}};
  private static final double[] CITY_SHARE = {0.40, 0.25, 0.20, 0.15};
  private static final int INTERESTS = 24;

  private SyntheticPopulation() {}

  public static List<SyntheticPerson> generate(long seed, int size, Instant now) {
    Random random = new Random(seed);
    int year = now.atOffset(ZoneOffset.UTC).getYear();
    List<SyntheticPerson> people = new ArrayList<>(size);
    for (int i = 0; i < size; i++) people.add(person(random, "u" + i, year, now));
    return List.copyOf(people);
  }

  private static SyntheticPerson person(Random random, String id, int year, Instant now) {
    double g = random.nextDouble();
    String gender = g < 0.48 ? "m" : g < 0.96 ? "f" : "x";
    Set<String> seeking = seeking(random, gender);
    int age = 20 + random.nextInt(36);
    GeoPoint location = location(random);
    List<String> interests = new ArrayList<>(interests(random, 3 + random.nextInt(4)));
    List<String> languages = languages(random);
    String about = random.nextDouble() < 0.3 ? null : "x".repeat(20 + random.nextInt(281));
    Profile profile = new Profile(year - age, gender, seeking, location, interests, languages, about);
    double idealAge = age + (gender.equals("m") ? -2 : gender.equals("f") ? 2 : 0) + 3 * random.nextGaussian();
    Set<String> liked = new HashSet<>();
    while (liked.size() < 3) {
      liked.add(random.nextBoolean() ? interests.get(random.nextInt(interests.size())) : interest(random));
    }
    double[] w = flatDirichlet(random, 4);
    HiddenTaste taste = new HiddenTaste(idealAge, 3 + 5 * random.nextDouble(), Set.copyOf(liked),
        5 + 35 * random.nextDouble(), 0.85 * w[0], 0.85 * w[1], 0.85 * w[2], 0.85 * w[3]);
    Instant lastActive = now.minus(Duration.ofSeconds((long) (random.nextDouble() * 14 * 86_400)));
    return new SyntheticPerson(id, profile, taste, random.nextDouble(), lastActive);
  }

  private static Set<String> seeking(Random random, String gender) {
    double s = random.nextDouble();
    return switch (gender) {
      case "m" -> s < 0.90 ? Set.of("f") : s < 0.97 ? Set.of("m") : Set.of("m", "f");
      case "f" -> s < 0.88 ? Set.of("m") : s < 0.95 ? Set.of("f") : Set.of("m", "f");
      default -> Set.of("m", "f", "x");
    };
  }

  private static GeoPoint location(Random random) {
    double pick = random.nextDouble();
    int city = 0;
    while (city < CITIES.length - 1 && pick >= CITY_SHARE[city]) pick -= CITY_SHARE[city++];
    double northKm = 8 * random.nextGaussian();
    double eastKm = 8 * random.nextGaussian();
    double lat = CITIES[city][0] + northKm / 111.2;
    double lon = CITIES[city][1] + eastKm / (111.2 * Math.cos(Math.toRadians(CITIES[city][0])));
    return new GeoPoint(lat, lon);
  }

  private static Set<String> interests(Random random, int count) {
    Set<String> chosen = new LinkedHashSet<>();
    while (chosen.size() < count) chosen.add(interest(random));
    return chosen;
  }

  /** Zipf-like: interest k is drawn with probability proportional to 1 / (k + 3). */
  private static String interest(Random random) {
    double total = 0;
    for (int k = 0; k < INTERESTS; k++) total += 1.0 / (k + 3);
    double pick = random.nextDouble() * total;
    for (int k = 0; k < INTERESTS; k++) {
      pick -= 1.0 / (k + 3);
      if (pick <= 0) return "interest" + k;
    }
    return "interest" + (INTERESTS - 1);
  }

  private static List<String> languages(Random random) {
    List<String> languages = new ArrayList<>();
    if (random.nextDouble() < 0.9) languages.add("nl");
    if (random.nextDouble() < 0.7) languages.add("en");
    for (String other : List.of("de", "tr", "fr")) {
      if (random.nextDouble() < 0.08) languages.add(other);
    }
    if (languages.isEmpty()) languages.add("en");
    return languages;
  }

  private static double[] flatDirichlet(Random random, int k) {
    double[] draws = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) sum += draws[i] = -Math.log(1 - random.nextDouble());
    for (int i = 0; i < k; i++) draws[i] /= sum;
    return draws;
  }
}
