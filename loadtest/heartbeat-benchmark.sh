#!/usr/bin/env bash
# Heartbeat benchmark: a node on PostgreSQL, driven from a separate JVM over keep-alive connections to 127.0.0.1.
# Prints heartbeats/s, p50/p99 and journal rows/s next to a baseline endpoint of the same server that does no
# entity work (POST /v1/heartbeat/validate), as a ratio. Bounded: every phase has a fixed duration.
#
#   loadtest/heartbeat-benchmark.sh                 # persist interval 60s (the default), then 0
#   SECONDS_PER_PHASE=30 CONCURRENCY=128 INTERVALS="60s" loadtest/heartbeat-benchmark.sh
#   CLIENT=library loadtest/heartbeat-benchmark.sh     # sender loops on Apache HttpClient instead of the raw client
#   BASELINE_CP="/tmp/main/limbic-cluster-0.1.0-SNAPSHOT.jar:/tmp/main/lib/*" loadtest/heartbeat-benchmark.sh
#       # per interval, first a node from that class path (e.g. main's jar built into /tmp), then this tree's
#   VARIANT="LIMBIC_DB_JOURNAL_POOL=20 LIMBIC_MAX_CONCURRENT_RECOVERIES=200" ...
#       # per interval, after this tree's node, this tree's node again with these variables set (a setting to try)
#   SKIP_BUILD=1 NODE_CP=... ...                      # the jars already built (this tree's node from NODE_CP)
#   NODE_JAVA_OPTS="-XX:StartFlightRecording=..." ...  # options for the node JVM (a flight recording, a property)
#   FIRST_PASS_SECONDS=120 STEADY=false USERS=100000 ...   # first pass only (the live heap per user, below)
#   GENERATOR=EntityHeapProbe ENTITY=session USERS=100000 INTERVALS=60s ...  # bytes per live Session (or user)
#
# The generator is given the node's pid: it prints the node's CPU time per request of each phase and the node's
# live heap (jcmd GC.class_histogram) before and after the first pass, i.e. bytes per started user.
#
# PostgreSQL: the Debian PostgreSQL 15 of these machines (started here if it is stopped), database limbic_bench,
# recreated for every interval so each run starts from an empty journal.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-20}
WARMUP=${WARMUP:-5}
CONCURRENCY=${CONCURRENCY:-64}
USERS=${USERS:-20000}
INTERVALS=${INTERVALS:-"60s 0s"}
HTTP_PORT=${HTTP_PORT:-18080}
KEY="bench-key-0123456789abcdef"
DB_URL="jdbc:postgresql://127.0.0.1:5432/limbic_bench"

command -v pg_ctlcluster >/dev/null || { echo "needs the Debian PostgreSQL 15 (apt-get install postgresql-15)"; exit 2; }
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests -DskipITs package -pl cluster,loadtest -am
node_cp=${NODE_CP:-"$root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$root/cluster/target/lib/*"}
load_cp="$root/loadtest/target/limbic-loadtest-0.1.0-SNAPSHOT.jar:$root/loadtest/target/lib/*"
nodes=("this=$node_cp")
[ -z "${BASELINE_CP:-}" ] || nodes=("baseline=$BASELINE_CP" "this=$node_cp")
[ -z "${VARIANT:-}" ] || nodes+=("variant=$node_cp")

for interval in $INTERVALS; do
for labelled in "${nodes[@]}"; do
  label=${labelled%%=*}; cp=${labelled#*=}
  extra=(); [ "$label" != variant ] || read -r -a extra <<< "$VARIANT"
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS limbic_bench' -c 'CREATE DATABASE limbic_bench'"
  data=$(mktemp -d)
  echo "=== persist interval $interval, node $label ${extra[*]:-} ($(uptime | sed 's/.*load/load/')) ==="
  LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=$DB_URL LIMBIC_DB_USER=postgres LIMBIC_DB_PASSWORD=postgres \
    LIMBIC_API_KEYS="bench:$KEY" LIMBIC_HTTP_PORT=$HTTP_PORT LIMBIC_MANAGEMENT_PORT=18558 LIMBIC_REMOTE_PORT=25599 \
    LIMBIC_HEARTBEAT_PERSIST_INTERVAL=$interval env "${extra[@]}" \
    java -Xms1g -Xmx2g ${NODE_JAVA_OPTS:-} -cp "$cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
  node=$!
  for _ in $(seq 1 "${STARTUP_SECONDS:-120}"); do grep -q "Limbic is up" "$data/node.log" && break; sleep 1; done
  grep -q "Limbic is up" "$data/node.log" || { cat "$data/node.log"; kill $node; exit 1; }
  java -Xmx1g -cp "$load_cp" io.limbic.loadtest.${GENERATOR:-HeartbeatBenchmark} entity=${ENTITY:-user} \
    port=$HTTP_PORT key=$KEY \
    seconds=$SECONDS_PER_PHASE warmup=$WARMUP concurrency=$CONCURRENCY users=$USERS client=${CLIENT:-raw} \
    jdbc=$DB_URL dbUser=postgres dbPassword=postgres nodePid=$node firstPassSeconds=${FIRST_PASS_SECONDS:-120} \
    steady=${STEADY:-true} || true
  kill -TERM $node; wait $node || true
  grep -E " ERROR " "$data/node.log" | head -5 || true
  rm -rf "$data"
done
done
