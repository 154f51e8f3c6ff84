#!/usr/bin/env bash
# State-space benchmark (issue 12), no node and no database: EM on 100 segments x 365 days (4 states, 3 KPIs,
# 2 controls, 100 iterations each, every parameter free, diffuse start), one thread then all cores; the Kalman
# filter alone against a plain-array baseline of the same filter; 10,000 Monte Carlo paths over 90 days.
#
#   loadtest/kpi-model-benchmark.sh
#   BENCH_ARGS="segments=20 threads=1" loadtest/kpi-model-benchmark.sh
#   SKIP_BUILD=1 loadtest/kpi-model-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
BENCH_ARGS=${BENCH_ARGS:-}
# package, not install: the loadtest module takes analytics from this reactor, never from ~/.m2
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests -DskipITs package -pl analytics,loadtest -am
java -Xmx2g -cp "$root/loadtest/target/classes:$root/analytics/target/classes:$root/loadtest/target/lib/*" \
  io.limbic.loadtest.KpiModelBenchmark $BENCH_ARGS
