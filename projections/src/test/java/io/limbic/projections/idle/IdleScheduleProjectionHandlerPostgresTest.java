package io.limbic.projections.idle;

import io.limbic.projections.matching.ReadModelDatabase;

/** The same cases on a real PostgreSQL (embedded): V4 migrates there and the handler behaves the same. */
class IdleScheduleProjectionHandlerPostgresTest extends IdleScheduleProjectionHandlerTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
