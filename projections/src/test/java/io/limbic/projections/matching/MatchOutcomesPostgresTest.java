package io.limbic.projections.matching;

/** The same cases on a real PostgreSQL (embedded). */
class MatchOutcomesPostgresTest extends MatchOutcomesTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
