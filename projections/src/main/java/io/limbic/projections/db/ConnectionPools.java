package io.limbic.projections.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools for what does not go through the journal plugins: migrations, projections, queries. */
public final class ConnectionPools {
  private ConnectionPools() {}

  public static HikariDataSource create(DatabaseSettings db, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(db.url());
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setDriverClassName(db.dialect().driver);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }
}
