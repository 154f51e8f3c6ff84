package io.limbic.projections.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateKey;
import io.limbic.analytics.matching.index.CandidateQuery;
import io.limbic.projections.activity.UserActivityProjectionHandler;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.ProfileUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profile events in, {@code user_profile} and {@code candidate_index} rows out; candidates read back by key. */
class ProfileProjectionHandlerTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final double AMSTERDAM_LAT = 52.37;
  static final double AMSTERDAM_LON = 4.89;

  ReadModelDatabase db;
  CandidateRepository candidates;

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @BeforeEach
  void setUp() throws Exception {
    db = open();
    candidates = new CandidateRepository(db.dataSource);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  static ProfileData profile(int birthYear, String gender, List<String> seeking, Double lat, Double lon) {
    return new ProfileData(birthYear, gender, seeking, lat, lon, List.of("jazz"), List.of("nl"), "hello");
  }

  static ProfileData inAmsterdam(int birthYear, String gender, String... seeking) {
    return profile(birthYear, gender, List.of(seeking), AMSTERDAM_LAT, AMSTERDAM_LON);
  }

  void updated(String tenant, String user, ProfileData profile) throws Exception {
    db.project(new ProfileProjectionHandler(), new ProfileUpdated(tenant, user, T0, profile));
  }

  private Set<String> keysOf(String tenant, String user) throws Exception {
    Set<String> keys = new TreeSet<>();
    for (List<Object> row : db.rows(
        "SELECT index_key FROM candidate_index WHERE tenant = ? AND user_id = ?", tenant, user)) {
      keys.add((String) row.get(0));
    }
    return keys;
  }

  private static Set<String> expectedKeys(String tenant, ProfileData profile) {
    Set<String> keys = new TreeSet<>();
    for (CandidateKey key : CandidateIndex.keysFor(tenant, ProfileCodec.toProfile(profile), 2026)) {
      keys.add(key.asString());
    }
    return keys;
  }

  private static CandidateQuery queryFor(String tenant, ProfileData searcher) {
    return CandidateIndex.queryFor(tenant, ProfileCodec.toProfile(searcher), 100, CandidateIndex.allAgeBands())
        .orElseThrow();
  }

  @Test
  void storesTheProfileWithItsCompletenessAndIndexKeys() throws Exception {
    ProfileData alice = inAmsterdam(1990, "F", "m", "f");
    updated("acme", "alice", alice);
    List<Object> row = db.rows("SELECT completeness FROM user_profile WHERE tenant = ? AND user_id = ?",
        "acme", "alice").get(0);
    assertEquals(ProfileCodec.toProfile(alice).completeness(), ((Number) row.get(0)).doubleValue(), 1e-9);
    assertEquals(2, keysOf("acme", "alice").size());
    assertEquals(expectedKeys("acme", alice), keysOf("acme", "alice"));
    assertEquals(alice, candidates.profiles("acme", List.of("alice", "nobody")).get("alice"));
  }

  @Test
  void anUpdateReplacesTheIndexKeys() throws Exception {
    updated("acme", "alice", inAmsterdam(1990, "f", "m", "f"));
    ProfileData moved = profile(1990, "f", List.of("m"), 40.71, -74.0);
    updated("acme", "alice", moved);
    assertEquals(expectedKeys("acme", moved), keysOf("acme", "alice"));
    assertEquals(1, keysOf("acme", "alice").size());
    assertEquals(1, db.count("SELECT COUNT(*) FROM user_profile"));
    ProfileData noLocation = profile(1990, "f", List.of("m"), null, null);
    updated("acme", "alice", noLocation);
    assertEquals(Set.of(), keysOf("acme", "alice"));
    assertEquals(noLocation, candidates.profiles("acme", List.of("alice")).get("alice"));
  }

  @Test
  void candidatesComeOnlyFromTheKeysAskedForWithTheirLastActivity() throws Exception {
    updated("acme", "searcher", inAmsterdam(1990, "f", "m"));
    updated("acme", "bob", inAmsterdam(1988, "m", "f"));
    updated("acme", "carl", inAmsterdam(1992, "m", "f"));
    updated("acme", "dan", inAmsterdam(1991, "m", "m")); // seeks men: not under the searcher's keys
    updated("acme", "ed", profile(1990, "m", List.of("f"), 40.71, -74.0)); // too far
    updated("globex", "bob", inAmsterdam(1988, "m", "f")); // another tenant
    db.project(new UserActivityProjectionHandler(), new BecameActive("acme", "carl", T0.plusSeconds(60), "s", 1));

    List<String> keys = new ArrayList<>();
    queryFor("acme", inAmsterdam(1990, "f", "m")).keys().forEach(k -> keys.add(k.asString()));
    List<Candidate> found = candidates.candidates("acme", keys, "searcher", 10);
    assertEquals(List.of("carl", "bob"), found.stream().map(Candidate::userId).toList());
    assertEquals(T0.plusSeconds(60), found.get(0).lastActiveAt());
    assertNull(found.get(1).lastActiveAt());
    assertEquals(inAmsterdam(1988, "m", "f"), found.get(1).profile());
    assertEquals(List.of("carl"),
        candidates.candidates("acme", keys, "searcher", 1).stream().map(Candidate::userId).toList());
    assertEquals(List.of(), candidates.candidates("acme", List.of(), "searcher", 10));
  }

  @Test
  void manyKeysAreReadInChunksAndEachPersonComesOnce() throws Exception {
    updated("acme", "bob", inAmsterdam(1988, "m", "f", "m"));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < CandidateRepository.CHUNK * 2 + 7; i++) keys.add("acme|nowhere|" + i);
    keys.addAll(expectedKeys("acme", inAmsterdam(1988, "m", "f", "m")));
    List<Candidate> found = candidates.candidates("acme", keys, null, 10);
    assertEquals(List.of("bob"), found.stream().map(Candidate::userId).toList());
  }

  @Test
  void aSearcherOpenToAnyGenderReadsByPrefixAndStillNeedsToBeSought() throws Exception {
    updated("acme", "bob", inAmsterdam(1988, "m", "f"));
    updated("acme", "eve", inAmsterdam(1993, "x")); // open to anyone
    updated("acme", "fay", inAmsterdam(1994, "f", "m")); // seeks men only
    ProfileData openSearcher = inAmsterdam(1990, "f");
    CandidateQuery query = queryFor("acme", openSearcher);
    assertTrue(query.keys().isEmpty());
    List<Candidate> found = candidates.candidates(query, "searcher", 10);
    assertEquals(Set.of("bob", "eve"), Set.copyOf(found.stream().map(Candidate::userId).toList()));
    CandidateQuery seekingMen = queryFor("acme", inAmsterdam(1990, "f", "m"));
    assertEquals(List.of("bob"), candidates.candidates(seekingMen, "searcher", 10).stream()
        .map(Candidate::userId).toList());
  }
}
