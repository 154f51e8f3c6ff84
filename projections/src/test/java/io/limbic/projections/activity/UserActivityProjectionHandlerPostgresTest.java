package io.limbic.projections.activity;

import io.limbic.projections.matching.ReadModelDatabase;

/** The same cases on a real PostgreSQL (embedded): the upsert behaves there as on H2. */
class UserActivityProjectionHandlerPostgresTest extends UserActivityProjectionHandlerTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
