package io.limbic.projections.db;

import io.limbic.projections.matching.ReadModelDatabase;
import javax.sql.DataSource;

/** The same races on a real PostgreSQL (embedded), where a unique violation aborts the whole transaction. */
class ConcurrentDuplicateInsertsPostgresTest extends ConcurrentDuplicateInsertsTest {
  @Override
  DataSource open() {
    try {
      ReadModelDatabase db = ReadModelDatabase.postgres();
      closing = db.dataSource;
      return db.dataSource;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
