package io.limbic.projections.matching;

/** The same comparisons on a real PostgreSQL (embedded): the upserts and batches behave there as on H2. */
class GroupedHandlersPostgresTest extends GroupedHandlersTest {
  @Override
  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.postgres();
  }
}
