package io.limbic.projections.db;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which database this node uses. Embedded H2 under the data directory unless {@code limbic.db.url} names another;
 * PostgreSQL in production.
 */
public record DatabaseSettings(String url, String user, String password, Dialect dialect) {

  public enum Dialect {
    H2("org.h2.Driver", "slick.jdbc.H2Profile$", "h2-dialect", "h2"),
    POSTGRES("org.postgresql.Driver", "slick.jdbc.PostgresProfile$", "postgres-dialect", "postgres");

    public final String driver;
    public final String slickProfile;
    public final String projectionDialect;
    public final String migrationFolder;

    Dialect(String driver, String slickProfile, String projectionDialect, String migrationFolder) {
      this.driver = driver;
      this.slickProfile = slickProfile;
      this.projectionDialect = projectionDialect;
      this.migrationFolder = migrationFolder;
    }

    /** The dialect of the database {@code c} is connected to (the driver answers without asking the server). */
    public static Dialect of(Connection c) throws SQLException {
      return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()) ? POSTGRES : H2;
    }
  }

  public static DatabaseSettings from(Config config) {
    Config db = config.getConfig("limbic.db");
    String url = db.getString("url");
    if (url.isBlank()) return embedded(Path.of(config.getString("limbic.data-dir")));
    return new DatabaseSettings(url, db.getString("user"), db.getString("password"), dialectOf(url));
  }

  /** The embedded default: an H2 file database in the data directory. */
  public static DatabaseSettings embedded(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve("limbic");
    // DB_CLOSE_ON_EXIT=FALSE: CoordinatedShutdown closes the pools; H2's own hook would race it.
    // WRITE_DELAY=0: a commit reaches the file before it is acknowledged, so a crashed process loses nothing.
    String url = "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    return new DatabaseSettings(url, "sa", "", Dialect.H2);
  }

  /** Whether this is the embedded H2 file database under {@code dataDir}. */
  public boolean isEmbeddedIn(Path dataDir) {
    return url.startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("limbic") + ";");
  }

  /**
   * The session option that makes PostgreSQL plan each run of a prepared statement for its own values. The driver
   * prepares a statement on the server after a few runs, and PostgreSQL then settles on a generic plan; on tables
   * that have not been analyzed yet (a fresh database, for its first minute or more: autovacuum analyzes once a
   * minute at best) that plan can scan a whole index for every row: the read journal's tag query (the journal joined
   * with {@code event_tag} over an ordering range) took 15-27 ms a poll over 25,000 events; planned for its values,
   * 0.3 ms (loadtest/RESULTS.md, session 29). Only the read journal's pool uses it: the read models' upserts on
   * unanalyzed tables pick the same index either way.
   */
  public static final String PLANNED_PER_EXECUTION = "options=-c%20plan_cache_mode%3Dforce_custom_plan";

  /**
   * The URL for a pool whose statements must be planned per execution: on PostgreSQL with
   * {@link #PLANNED_PER_EXECUTION}, unless the URL sets session options of its own (kept as given); H2 as it is.
   */
  public String urlPlannedPerExecution() {
    if (dialect != Dialect.POSTGRES || url.matches(".*[?&]options=.*")) return url;
    return url + (url.contains("?") ? "&" : "?") + PLANNED_PER_EXECUTION;
  }

  private static Dialect dialectOf(String url) {
    if (url.startsWith("jdbc:postgresql:")) return Dialect.POSTGRES;
    if (url.startsWith("jdbc:h2:")) return Dialect.H2;
    throw new IllegalArgumentException("limbic.db.url must start with jdbc:postgresql: or jdbc:h2:, was " + url);
  }

  @Override
  public String toString() {
    // Never the password, nor one written into the URL (jdbc:postgresql://...?password=...).
    String shown = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    return "DatabaseSettings[" + shown + ", user=" + user + ", " + dialect + "]";
  }
}
