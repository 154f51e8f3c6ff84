#!/usr/bin/env bash
# Read-side benchmark: a node on PostgreSQL whose every heartbeat is an event (persist interval 0), driven from a
# separate JVM over keep-alive connections to 127.0.0.1. Prints acknowledged heartbeats/s next to the validate-only
# baseline (ratio), each read model's lag p50/p99 sampled from the database during the measured phase, the
# reaction time p50/p99 (event written -> projection handler started) from the node's HdrHistogram log, and how
# long the read models took to catch up after the load. Bounded: fixed phase durations, the load generator is
# killed after MAX_SECONDS, the node is stopped at the end.
#
#   loadtest/readside-benchmark.sh
#   SECONDS_PER_PHASE=60 CONCURRENCY=256 USERS=10000 loadtest/readside-benchmark.sh
#   NODE_ROOT=/tmp/limbic-before loadtest/readside-benchmark.sh   # a node built elsewhere, same load generator
#   CLIENT=library loadtest/readside-benchmark.sh      # sender loops on Apache HttpClient instead of the raw client
#
# PostgreSQL: the Debian PostgreSQL 15 of these machines (started here if it is stopped), database limbic_bench,
# recreated for the run so it starts from an empty journal.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-30}
WARMUP=${WARMUP:-5}
CONCURRENCY=${CONCURRENCY:-128}
USERS=${USERS:-5000}
MAX_SECONDS=${MAX_SECONDS:-600}
HTTP_PORT=${HTTP_PORT:-18080}
KEY="bench-key-0123456789abcdef"
DB_URL="jdbc:postgresql://127.0.0.1:5432/limbic_bench"

command -v pg_ctlcluster >/dev/null || { echo "needs the Debian PostgreSQL 15 (apt-get install postgresql-15)"; exit 2; }
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null

# package, not install: the jars stay in this worktree's target directories.
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests -DskipITs package -pl cluster,loadtest -am
# NODE_ROOT: another checkout whose cluster/target holds the node to measure (e.g. an older commit, for an A/B).
node_root=${NODE_ROOT:-$root}
node_cp="$node_root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$node_root/cluster/target/lib/*"
load_cp="$root/loadtest/target/limbic-loadtest-0.1.0-SNAPSHOT.jar:$root/loadtest/target/lib/*"

su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS limbic_bench' -c 'CREATE DATABASE limbic_bench'"
data=$(mktemp -d)
reactions="$data/reactions.hlog"
LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=$DB_URL LIMBIC_DB_USER=postgres LIMBIC_DB_PASSWORD=postgres \
  LIMBIC_API_KEYS="bench:$KEY" LIMBIC_HTTP_PORT=$HTTP_PORT LIMBIC_MANAGEMENT_PORT=18558 LIMBIC_REMOTE_PORT=25599 \
  LIMBIC_HEARTBEAT_PERSIST_INTERVAL=0s LIMBIC_PROJECTION_REACTION_LOG=$reactions \
  java -Xms1g -Xmx2g -cp "$node_cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
node=$!
trap 'kill -TERM $node 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Limbic is up" "$data/node.log" 2>/dev/null && break; sleep 1; done
grep -q "Limbic is up" "$data/node.log" || { cat "$data/node.log"; exit 1; }
timeout "$MAX_SECONDS" java -Xmx1g -cp "$load_cp" io.limbic.loadtest.ReadSideBenchmark port=$HTTP_PORT key=$KEY \
  seconds=$SECONDS_PER_PHASE warmup=$WARMUP concurrency=$CONCURRENCY users=$USERS client=${CLIENT:-raw} \
  jdbc=$DB_URL dbUser=postgres dbPassword=postgres reactionLog=$reactions || echo "load generator failed or timed out"
su postgres -c "psql -q -t -d limbic_bench -c 'SELECT COUNT(*) AS journal_rows FROM event_journal'" | xargs echo "journal rows:"
kill -TERM $node; wait $node || true
trap - EXIT
grep -E " (ERROR|WARN) " "$data/node.log" | cut -c1-300 | head -10 || true
if [ -n "${KEEP_DATA:-}" ]; then echo "node log and reaction log kept in $data"; else rm -rf "$data"; fi
