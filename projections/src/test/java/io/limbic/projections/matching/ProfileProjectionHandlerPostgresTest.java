package io.limbic.projections.matching;

/** The same cases on a real PostgreSQL (embedded). */
class ProfileProjectionHandlerPostgresTest extends ProfileProjectionHandlerTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
