package io.limbic.projections.matching;

/** The same cases on a real PostgreSQL (embedded). */
class MatchesProjectionHandlerPostgresTest extends MatchesProjectionHandlerTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
