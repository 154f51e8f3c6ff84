package io.limbic.analytics.matching.index;

import io.limbic.analytics.matching.AgeBand;
import io.limbic.analytics.matching.Profile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The key scheme of the candidate index, so daily matches read a few buckets instead of scanning every user.
 *
 * <p>A person is written once per gender they seek, under (tenant, geo cell, age band, own gender, sought gender).
 * A searcher reads the cells covering their maximum distance, the age bands they would consider, the genders they
 * seek and only rows seeking their gender (or open to anyone). A profile without a usable location is not written:
 * distance is a hard limit, so such a profile cannot be placed, and completing the location is what makes a person
 * discoverable.
 */
public final class CandidateIndex {
  /** The seeks column of someone who stated no preference: every searcher may find them. */
  public static final String OPEN = "*";
  /** The gender column of someone who gave none: only searchers with no preference find them. */
  public static final String UNKNOWN_GENDER = "?";

  private CandidateIndex() {}

  /** The rows under which this person can be found; empty when they cannot be placed. */
  public static List<CandidateKey> keysFor(String tenant, Profile profile, int year) {
    List<CandidateKey> keys = new ArrayList<>();
    if (profile.location() == null || !profile.location().isValid()) return keys;
    String cell = GeoCell.of(profile.location());
    int band = AgeBand.of(profile.birthYear(), year);
    String gender = profile.gender() == null ? UNKNOWN_GENDER : profile.gender();
    Set<String> sought = usable(profile.seeking());
    if (sought.isEmpty()) sought = Set.of(OPEN);
    for (String seeks : sought) keys.add(new CandidateKey(tenant, cell, band, gender, seeks));
    return keys;
  }

  /**
   * What to read for a searcher; empty when the searcher has no usable location.
   *
   * @param ageBands bands the searcher would consider (e.g. from their learned preferences); people without a birth
   *     year are always included, their low completeness already costs them
   */
  public static Optional<CandidateQuery> queryFor(
      String tenant, Profile searcher, double maxDistanceKm, int[] ageBands) {
    if (searcher.location() == null || !searcher.location().isValid()) return Optional.empty();
    Set<String> cells = GeoCell.covering(searcher.location().lat(), searcher.location().lon(), maxDistanceKm);
    Set<Integer> bands = new HashSet<>();
    for (int band : ageBands) bands.add(band);
    bands.add(AgeBand.UNKNOWN);
    Set<String> seeks = new HashSet<>();
    seeks.add(OPEN);
    if (searcher.gender() != null) seeks.add(searcher.gender());
    return Optional.of(new CandidateQuery(tenant, cells, bands, usable(searcher.seeking()), seeks));
  }

  /** Every age band: for searchers whose preferences are not known yet. */
  public static int[] allAgeBands() {
    int[] bands = new int[AgeBand.COUNT];
    for (int band = 0; band < AgeBand.COUNT; band++) bands[band] = band;
    return bands;
  }

  private static Set<String> usable(Set<String> values) {
    Set<String> usable = new LinkedHashSet<>();
    for (String value : values) {
      if (value != null && !value.isEmpty()) usable.add(value);
    }
    return usable;
  }
}
