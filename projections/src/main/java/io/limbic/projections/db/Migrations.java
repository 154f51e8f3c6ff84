package io.limbic.projections.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates or upgrades the schema at start: journal, snapshots, projection offsets, read models. Versioned files
 * under {@code db/migration/<dialect>} with the same version numbers for H2 and PostgreSQL; each runs once, and
 * concurrent starts of several nodes are serialised by Flyway's lock.
 */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(DataSource dataSource, DatabaseSettings.Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + dialect.migrationFolder)
        .table("limbic_schema_history")
        .baselineOnMigrate(false)
        .load()
        .migrate();
  }
}
