#!/usr/bin/env bash
# Heartbeat benchmark: a node on PostgreSQL, driven from a separate JVM over keep-alive connections to 127.0.0.1.
# Prints heartbeats/s, p50/p99 and journal rows/s next to a baseline endpoint of the same server that does no
# entity work (POST /v1/heartbeat/validate), as a ratio. Bounded: every phase has a fixed duration.
#
#   loadtest/heartbeat-benchmark.sh                 # persist interval 60s (the default), then 0
#   SECONDS_PER_PHASE=30 CONCURRENCY=128 INTERVALS="60s" loadtest/heartbeat-benchmark.sh
#   CLIENT=library loadtest/heartbeat-benchmark.sh     # sender loops on Apache HttpClient instead of the raw client
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

mvn -B -q -DskipTests -DskipITs package -pl cluster,loadtest -am
node_cp="$root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$root/cluster/target/lib/*"
load_cp="$root/loadtest/target/limbic-loadtest-0.1.0-SNAPSHOT.jar:$root/loadtest/target/lib/*"

for interval in $INTERVALS; do
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS limbic_bench' -c 'CREATE DATABASE limbic_bench'"
  data=$(mktemp -d)
  echo "=== persist interval $interval ==="
  LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=$DB_URL LIMBIC_DB_USER=postgres LIMBIC_DB_PASSWORD=postgres \
    LIMBIC_API_KEYS="bench:$KEY" LIMBIC_HTTP_PORT=$HTTP_PORT LIMBIC_MANAGEMENT_PORT=18558 LIMBIC_REMOTE_PORT=25599 \
    LIMBIC_HEARTBEAT_PERSIST_INTERVAL=$interval \
    java -Xms1g -Xmx2g -cp "$node_cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
  node=$!
  for _ in $(seq 1 120); do grep -q "Limbic is up" "$data/node.log" && break; sleep 1; done
  grep -q "Limbic is up" "$data/node.log" || { cat "$data/node.log"; kill $node; exit 1; }
  java -Xmx1g -cp "$load_cp" io.limbic.loadtest.HeartbeatBenchmark port=$HTTP_PORT key=$KEY \
    seconds=$SECONDS_PER_PHASE warmup=$WARMUP concurrency=$CONCURRENCY users=$USERS client=${CLIENT:-raw} \
    jdbc=$DB_URL dbUser=postgres dbPassword=postgres || true
  kill -TERM $node; wait $node || true
  grep -E " ERROR " "$data/node.log" | head -5 || true
  rm -rf "$data"
done
