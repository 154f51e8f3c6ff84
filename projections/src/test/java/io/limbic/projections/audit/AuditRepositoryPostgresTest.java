package io.limbic.projections.audit;

import io.limbic.projections.matching.ReadModelDatabase;

/** The same cases on a real PostgreSQL (embedded). */
class AuditRepositoryPostgresTest extends AuditRepositoryTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
