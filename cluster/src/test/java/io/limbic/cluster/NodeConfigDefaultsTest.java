package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.limbic.cluster.http.MalformedRequests;
import io.limbic.projections.db.DatabaseSettings;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.junit.jupiter.api.Test;

/**
 * The defaults a node starts with when the environment says nothing (the test kit overrides interfaces, so they are
 * checked here on the loaded configuration): loopback for the API, management and remoting, and an HTTP server
 * whose parser never logs what a request carried.
 */
class NodeConfigDefaultsTest {
  private final Config config = NodeConfig.load(ConfigFactory.empty());

  @Test
  void everyPortBindsLoopbackByDefault() {
    assertEquals("127.0.0.1", config.getString("limbic.http.interface"), unlessSet("LIMBIC_HTTP_INTERFACE"));
    assertEquals(
        "127.0.0.1",
        config.getString("pekko.management.http.bind-hostname"),
        unlessSet("LIMBIC_MANAGEMENT_BIND_HOST"));
    assertEquals("127.0.0.1", config.getString("pekko.management.http.hostname"), unlessSet("LIMBIC_MANAGEMENT_HOST"));
    assertEquals("127.0.0.1", config.getString("pekko.remote.artery.canonical.hostname"), unlessSet("LIMBIC_REMOTE_HOST"));
  }

  @Test
  void theHttpParserLogsNoHeaderValuesAndNoRequestTargets() {
    ServerSettings server = ServerSettings.apply(config);
    assertFalse(server.parserSettings().illegalHeaderWarnings());
    assertEquals("Off", String.valueOf(server.parserSettings().errorLoggingVerbosity()));
    assertEquals(MalformedRequests.class.getName(), server.getParsingErrorHandler());
    assertFalse(config.getBoolean("pekko.http.server.log-unencrypted-network-bytes"));
    assertFalse(server.rawRequestUriHeader());
  }

  /** Polling by the projections has a pool of its own, on the node's database, apart from journal writes. */
  @Test
  void theReadJournalPollsOnItsOwnPool() {
    assertFalse(config.hasPath("jdbc-read-journal.use-shared-db"), "the read journal must not share the journal's pool");
    assertEquals(config.getString("pekko-persistence-jdbc.shared-databases.slick.db.url"),
        config.getString("jdbc-read-journal.slick.db.url"));
    assertEquals(config.getString("pekko-persistence-jdbc.shared-databases.slick.profile"),
        config.getString("jdbc-read-journal.slick.profile"));
    assertEquals(config.getInt("limbic.db.read-journal-pool-size"),
        config.getInt("jdbc-read-journal.slick.db.maxConnections"));
  }

  /** On PostgreSQL the read journal's tag queries are planned per execution; the journal's pool as given. */
  @Test
  void theReadJournalOnPostgresPlansEachQueryForItsValues() {
    Config postgres = NodeConfig.load(ConfigFactory.parseString(
        "limbic.db.url = \"jdbc:postgresql://127.0.0.1:5432/limbic?sslmode=disable\""));
    assertEquals("jdbc:postgresql://127.0.0.1:5432/limbic?sslmode=disable&" + DatabaseSettings.PLANNED_PER_EXECUTION,
        postgres.getString("jdbc-read-journal.slick.db.url"));
    assertEquals("jdbc:postgresql://127.0.0.1:5432/limbic?sslmode=disable",
        postgres.getString("pekko-persistence-jdbc.shared-databases.slick.db.url"));
  }

  private static String unlessSet(String variable) {
    return "the default (this test's environment must not set " + variable + ")";
  }
}
