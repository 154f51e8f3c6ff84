package io.limbic.cluster.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.limbic.cluster.escalation.IncidentState;
import io.limbic.cluster.session.SessionState;
import io.limbic.cluster.user.UserState;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicyEvent;
import io.limbic.protocol.escalation.IncidentEvent;
import io.limbic.protocol.intervention.InterventionConfigEvent;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.tenant.TenantEvent;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.visitor.VisitorEvent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.jackson.JacksonMigration;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every committed journal fixture (rows as some version of the node wrote them) through the current code:
 * each must deserialize, through the registered migrations, to the value expected of it. A rename or a change of
 * shape without a migration fails here instead of on a customer's recovery. Every persisted type must have a
 * fixture at its current version, so a new event type (or a version bump) has to bring one
 * ({@link JournalFixtureWriter} writes it).
 */
class JournalFixturesTest {
  /** The roots of everything an entity persists: the sealed event interfaces and the snapshot states. */
  private static final List<Class<?>> EVENT_ROOTS = List.of(UserEvent.class, SessionEvent.class, TenantEvent.class,
      VisitorEvent.class, IncidentEvent.class, EscalationPolicyEvent.class, InterventionConfigEvent.class);
  private static final List<Class<?>> SNAPSHOTS =
      List.of(UserState.class, SessionState.class, IncidentState.class, EscalationPolicy.class);

  private static final ActorSystem system = JournalSerialization.start();
  private static final Serialization serialization = JournalSerialization.of(system);
  private static final ObjectMapper canonical = JacksonObjectMapperProvider.get(system)
      .getOrCreate("jackson-json", Optional.empty()).copy()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void everyFixtureReadsAsItsExpectedValue() throws Exception {
    List<String> failures = new ArrayList<>();
    List<JournalFixture> fixtures = fixtures();
    assertTrue(fixtures.size() > 40, "fixtures found: " + fixtures.size());
    for (JournalFixture f : fixtures) {
      try {
        Object read = serialization.deserialize(f.bytes(), f.serializerId(), f.manifest()).get();
        assertEquals(f.className(), read.getClass().getName(), f.name());
        Object expected = JournalUpcasts.expected(f.name());
        if (expected == null && f.version() == currentVersion(read.getClass())) {
          expected = sample(read.getClass(), f.variant());
        }
        if (expected == null) {
          failures.add(f.name() + ": no expected value (an old version or a variant with no sample needs one in JournalUpcasts)");
        } else if (!canonical(expected).equals(canonical(read))) {
          failures.add(f.name() + ":\n  expected " + canonical(expected) + "\n  read     " + canonical(read));
        }
      } catch (Exception | AssertionError e) {
        failures.add(f.name() + ": " + e);
      }
    }
    if (!failures.isEmpty()) fail(String.join("\n", failures));
  }

  @Test
  void everyPersistedTypeHasAFixtureOfItsCurrentVersion() throws Exception {
    TreeSet<String> present = new TreeSet<>();
    for (JournalFixture f : fixtures()) present.add(f.className() + "#" + f.version());
    List<String> missing = new ArrayList<>();
    for (Class<?> type : persistedTypes()) {
      String key = type.getName() + "#" + currentVersion(type);
      if (!present.contains(key)) missing.add(key);
    }
    assertEquals(List.of(), missing, "persisted types without a fixture of their current version: run "
        + "JournalFixtureWriter (see its comment) and commit the files it writes");
  }

  @Test
  void everyPersistedTypeHasASample() {
    List<String> sampled = JournalSamples.all().stream().map(s -> s.getClass().getName()).toList();
    List<String> missing = persistedTypes().stream().map(Class::getName).filter(n -> !sampled.contains(n)).toList();
    assertEquals(List.of(), missing, "add a sample of each to JournalSamples");
  }

  static List<Class<?>> persistedTypes() {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> root : EVENT_ROOTS) collectRecords(root, types);
    types.addAll(SNAPSHOTS);
    return types;
  }

  private static void collectRecords(Class<?> type, List<Class<?>> into) {
    if (type.isSealed()) {
      for (Class<?> sub : type.getPermittedSubclasses()) collectRecords(sub, into);
    } else if (type.isRecord()) {
      into.add(type);
    }
  }

  private static int currentVersion(Class<?> type) throws Exception {
    String key = "pekko.serialization.jackson.migrations.\"" + type.getName() + "\"";
    if (!system.settings().config().hasPath(key)) return 1;
    String migration = system.settings().config().getString(key);
    return ((JacksonMigration) Class.forName(migration).getDeclaredConstructor().newInstance()).currentVersion();
  }

  private static Object sample(Class<?> type, String variant) {
    return JournalSamples.all().stream()
        .filter(s -> s.getClass() == type && Objects.equals(variant, JournalSamples.variant(s)))
        .findFirst().orElse(null);
  }

  /**
   * As JSON with every object's fields sorted: compares regardless of field order and of how a number was typed
   * (a map read back holds the narrowest type), arrays in order (no sample holds a set of two).
   */
  private static String canonical(Object value) throws Exception {
    return canonical.writeValueAsString(canonical.valueToTree(value));
  }

  static List<JournalFixture> fixtures() throws URISyntaxException, java.io.IOException {
    Path dir = Path.of(Objects.requireNonNull(JournalFixturesTest.class.getResource("/journal")).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".hex")).sorted().map(JournalFixture::read).toList();
    }
  }
}
