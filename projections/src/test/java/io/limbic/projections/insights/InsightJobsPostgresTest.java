package io.limbic.projections.insights;

import io.limbic.projections.matching.ReadModelDatabase;

/** The same jobs and repositories on an embedded PostgreSQL (migrations V30-V33 of the postgres dialect). */
class InsightJobsPostgresTest extends InsightJobsTest {
  @Override
  ReadModelDatabase database() {
    try {
      return ReadModelDatabase.postgres();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
