package io.limbic.projections.kpi;

import io.limbic.projections.matching.ReadModelDatabase;

/** The same cases on a real PostgreSQL (embedded). */
class ModelVersionRepositoryPostgresTest extends ModelVersionRepositoryTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
