#!/usr/bin/env bash
# Idle-phase benchmark: a node on PostgreSQL with accelerated phase thresholds, driven from a separate JVM over
# keep-alive connections to 127.0.0.1. Loads USERS profiles in one tenant, starts IDLE_USERS idle periods evenly over
# WINDOW seconds, and prints sustained phases/s, due-to-start lag p50/p99 and time-to-done per phase, the deep
# phase's time per user, and the candidate pool sizes. Then, with the node stopped, the pure matching benchmark
# (TopNBenchmark: DailyMatches.topN over 100,000 in-memory candidates) for comparison. Bounded: the phase part stops
# when every phase is done or after SECONDS.
#
#   loadtest/idle-benchmark.sh                          # 100,000 users, all idle
#   USERS=10000 WINDOW=60 loadtest/idle-benchmark.sh    # a quick run
#   USERS=100000 IDLE_USERS=2000 loadtest/idle-benchmark.sh   # 100,000 candidates, an offered load the node can take
#   NODE_OPTS="-XX:StartFlightRecording=filename=/tmp/idle.jfr,settings=profile" loadtest/idle-benchmark.sh  # profile
#   NODE_CP="/tmp/base/limbic-cluster-0.1.0-SNAPSHOT.jar:/tmp/base/lib/*" loadtest/idle-benchmark.sh  # another build
#
# PostgreSQL: the Debian PostgreSQL 15 of these machines (started here if it is stopped), database
# limbic_idle_bench, recreated for every run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
USERS=${USERS:-100000}
IDLE_USERS=${IDLE_USERS:-$USERS}
PHASES=${PHASES:-"20s,40s,60s"}
WINDOW=${WINDOW:-120}
SECONDS_MAX=${SECONDS_MAX:-600}
SWEEP=${SWEEP:-5s}
CONCURRENCY=${CONCURRENCY:-0}
TOPN=${TOPN:-1}
HTTP_PORT=${HTTP_PORT:-18180}
KEY="bench-key-0123456789abcdef"
DB_URL="jdbc:postgresql://127.0.0.1:5432/limbic_idle_bench"

command -v pg_ctlcluster >/dev/null || { echo "needs the Debian PostgreSQL 15 (apt-get install postgresql-15)"; exit 2; }
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null

[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests -DskipITs install -pl cluster,loadtest -am
node_cp=${NODE_CP:-"$root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$root/cluster/target/lib/*"}
load_cp="$root/loadtest/target/limbic-loadtest-0.1.0-SNAPSHOT.jar:$root/loadtest/target/lib/*"

su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS limbic_idle_bench' -c 'CREATE DATABASE limbic_idle_bench'"
data=$(mktemp -d)
LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=$DB_URL LIMBIC_DB_USER=postgres LIMBIC_DB_PASSWORD=postgres \
  LIMBIC_API_KEYS="bench:$KEY" LIMBIC_HTTP_PORT=$HTTP_PORT LIMBIC_MANAGEMENT_PORT=18658 LIMBIC_REMOTE_PORT=25699 \
  LIMBIC_IDLE_PHASES=$PHASES LIMBIC_IDLE_SWEEP_INTERVAL=$SWEEP LIMBIC_IDLE_CONCURRENCY=$CONCURRENCY \
  java -Xms1g -Xmx3g ${NODE_OPTS:-} -cp "$node_cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
node=$!
trap 'kill -TERM $node 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Limbic is up" "$data/node.log" && break; sleep 1; done
grep -q "Limbic is up" "$data/node.log" || { cat "$data/node.log"; exit 1; }
java -Xmx2g -cp "$load_cp" io.limbic.loadtest.IdleBenchmark port=$HTTP_PORT key=$KEY tenant=bench \
  users=$USERS idleUsers=$IDLE_USERS phases=$PHASES window=$WINDOW seconds=$SECONDS_MAX \
  jdbc=$DB_URL dbUser=postgres dbPassword=postgres || true
kill -TERM $node; wait $node || true
trap - EXIT
echo "node log (kept in ${NODE_LOG:-/tmp/idle-benchmark-node.log}): $(grep -c " WARN " "$data/node.log" || true) warnings, $(grep -c " ERROR " "$data/node.log" || true) errors"
grep -E " ERROR " "$data/node.log" | head -5 || true
cp "$data/node.log" "${NODE_LOG:-/tmp/idle-benchmark-node.log}"
rm -rf "$data"

if [ "$TOPN" = 1 ]; then
  echo "=== pure matching, node stopped: TopNBenchmark, 100,000 in-memory candidates, 200 searchers ==="
  java -Xmx2g -cp "$root/analytics/target/classes:$root/loadtest/target/lib/*" \
    io.limbic.analytics.matching.eval.TopNBenchmark 100000 200
fi
