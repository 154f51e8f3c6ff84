#!/usr/bin/env bash
# The in-memory part of a deep phase at 100,000 people (DeepPhaseBenchmark: the idle benchmark's population in a
# CandidateTable; per searcher the pool read from the table, then DailyMatches.topN), thread CPU time per searcher.
# With BASELINE_CP (an earlier build's analytics jar, e.g. cluster/target/lib/limbic-analytics-*.jar copied aside),
# the baseline runs in the same script, the two alternating PAIRS times, so both see the same machine. A build from
# before CandidateTable.Found (commit 13eb5ab and earlier) needs its own loadtest classes first in BASELINE_CP, as
# this DeepPhaseBenchmark reads the table's answer as a CandidateArray.
#
#   loadtest/deep-phase-benchmark.sh
#   BASELINE_CP=/tmp/base/lib/limbic-analytics-0.1.0-SNAPSHOT.jar PAIRS=2 loadtest/deep-phase-benchmark.sh
#   BASELINE_CP=/tmp/base/lib/limbic-analytics-0.1.0-SNAPSHOT.jar:/tmp/base/loadtest-classes loadtest/deep-phase-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PEOPLE=${PEOPLE:-100000}
SEARCHERS=${SEARCHERS:-200}
ROUNDS=${ROUNDS:-3}
PAIRS=${PAIRS:-1}
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests -DskipITs install -pl loadtest -am
libs="$root/loadtest/target/lib/*"
bench="$root/loadtest/target/classes"
run() {
  echo "=== $1 ==="
  java -Xms2g -Xmx2g -cp "$2:$bench:$libs" io.limbic.loadtest.DeepPhaseBenchmark "$PEOPLE" "$SEARCHERS" "$ROUNDS"
}
for _ in $(seq 1 "$PAIRS"); do
  run "this build" "$root/analytics/target/classes"
  [ -z "${BASELINE_CP:-}" ] || run "baseline ($BASELINE_CP)" "$BASELINE_CP"
done
