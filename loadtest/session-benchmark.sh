#!/usr/bin/env bash
# Session benchmark: many live sessions streaming telemetry into a node on PostgreSQL, from a separate JVM, over
# 127.0.0.1 only: half over a WebSocket each (GET /v1/stream), half posting HTTP batches every second over shared
# keep-alive connections (POST /v1/sessions/{id}/telemetry). Prints, per load level, samples/s sent and accepted,
# ack latency, and the node's detection latency (batch received -> EmotionDetected persisted, /metrics/detection),
# then the largest level that held the goal (detection p99 <= 100 ms, >= 95 % of the target accepted, no failures).
#
#   loadtest/session-benchmark.sh                          # 250 500 1000 2000 5000 sessions at 10 samples/s
#   LEVELS="1000 3000" SECONDS_PER_LEVEL=60 loadtest/session-benchmark.sh
#   SKIP_BUILD=1 BENCH_ARGS="wsShare=1 wsFlushMs=250" loadtest/session-benchmark.sh
#   BENCH_ARGS="wsFraming=json" loadtest/session-benchmark.sh  # WebSocket JSON text instead of the SDK's binary frames
#   NODE_JAVA_OPTS="-Dpekko.http.server.max-connections=16384" loadtest/session-benchmark.sh
#   SKIP_BUILD=1 NODE_CP="/tmp/base/limbic-cluster-0.1.0-SNAPSHOT.jar:/tmp/base/lib/*" loadtest/session-benchmark.sh
#
# NODE_CP / LOAD_CP replace the node's / generator's class path (e.g. a copy of main's jars, to compare in one run).
# The generator reads the node's process CPU time (/proc) over the measured window: "node cpu ... ms per 1,000
# samples" in each level's line.
#
# NODE_JAVA_OPTS reach the node's JVM (system properties override its configuration). By default the node runs as
# shipped; note that pekko-http accepts at most 1,024 connections unless configured otherwise, and every WebSocket
# session holds one.
#
# Every level runs on a fresh node and a fresh database (limbic_session_bench on the machine's Debian PostgreSQL 15,
# started here if it is stopped): /metrics/detection counts since the node started, so only a fresh node gives
# percentiles that belong to one level, and a level never inherits the sessions of the one before.
# Bounded: each level is ramp-up + warm-up + measured seconds plus a fixed allowance, under `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
LEVELS=${LEVELS:-"250 500 1000 2000 5000"}
RATE=${RATE:-10}
SECONDS_PER_LEVEL=${SECONDS_PER_LEVEL:-30}
RAMPUP=${RAMPUP:-}  # seconds; empty: 100 sessions start per second, at least 10 s
WARMUP=${WARMUP:-10}
BENCH_ARGS=${BENCH_ARGS:-}
NODE_JAVA_OPTS=${NODE_JAVA_OPTS:-}
HTTP_PORT=${HTTP_PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18558}
REMOTE_PORT=${REMOTE_PORT:-25599}
KEY="bench-key-0123456789abcdef"
DB=${DB:-limbic_session_bench}
DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"

command -v pg_ctlcluster >/dev/null || { echo "needs the Debian PostgreSQL 15 (apt-get install postgresql-15)"; exit 2; }
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests -DskipITs install -pl cluster,loadtest -am
node_cp=${NODE_CP:-"$root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$root/cluster/target/lib/*"}
load_cp=${LOAD_CP:-"$root/loadtest/target/limbic-loadtest-0.1.0-SNAPSHOT.jar:$root/loadtest/target/lib/*"}

node=""
trap '[ -n "$node" ] && kill -TERM $node 2>/dev/null || true' EXIT
# CPU in clock ticks: of one process, of PostgreSQL, of the whole machine (busy, not idle/iowait).
# The machine figure minus the node, PostgreSQL and the generator is what other work took from the two cores.
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
postgres_ticks() {  # the backends serving the benchmark database (they live as long as the node's pool)
  local t=0 pid
  for pid in $(pgrep -f "postgres: 15/main: postgres $DB " || true); do
    t=$(( t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo $t
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cores() { awk -v t="$1" -v hz="$ticks" -v s="$2" 'BEGIN { printf "%.2f", t / hz / (s > 0 ? s : 1) }'; }
summary=$(mktemp)

for sessions in $LEVELS; do
  rampup=${RAMPUP:-$(( sessions / 100 > 10 ? sessions / 100 : 10 ))}
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $DB' -c 'CREATE DATABASE $DB'"
  data=$(mktemp -d)
  echo "=== $sessions sessions x $RATE samples/s (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) ==="
  LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=$DB_URL LIMBIC_DB_USER=postgres LIMBIC_DB_PASSWORD=postgres \
    LIMBIC_API_KEYS="bench:$KEY" LIMBIC_HTTP_PORT=$HTTP_PORT LIMBIC_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    LIMBIC_REMOTE_PORT=$REMOTE_PORT \
    java -Xms1g -Xmx2g $NODE_JAVA_OPTS -cp "$node_cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
  node=$!
  for _ in $(seq 1 ${NODE_START_WAIT:-120}); do grep -q "Limbic is up" "$data/node.log" && break; sleep 1; done
  grep -q "Limbic is up" "$data/node.log" || { tail -50 "$data/node.log"; exit 1; }
  node0=$(cpu_ticks $node); pg0=$(postgres_ticks); machine0=$(machine_ticks); started=$(date +%s)
  # The generator shares the two cores with the node and PostgreSQL: a small serial-GC heap and few threads.
  timeout $((rampup + WARMUP + SECONDS_PER_LEVEL + 90)) \
    java -XX:+UseSerialGC -Xms256m -Xmx1g -cp "$load_cp" io.limbic.loadtest.SessionBenchmark \
      port=$HTTP_PORT managementPort=$MANAGEMENT_PORT key=$KEY sessions=$sessions rate=$RATE \
      rampup=$rampup warmup=$WARMUP seconds=$SECONDS_PER_LEVEL nodePid=$node clockTicks=$ticks $BENCH_ARGS \
      | tee "$data/bench.log" || true
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  elapsed=$(( $(date +%s) - started ))
  node_cores=$(cores $(( $(cpu_ticks $node) - node0 )) $elapsed)
  pg_cores=$(cores $(( $(postgres_ticks) - pg0 )) $elapsed)
  machine_cores=$(cores $(( $(machine_ticks) - machine0 )) $elapsed)
  cpu="node $node_cores cores, postgres backends $pg_cores, machine busy $machine_cores of $(nproc), load average $load_after"
  echo "CPU over the whole level ($elapsed s): $cpu"
  grep '^level .*goal' "$data/bench.log" | sed "s/\$/ | $cpu/" >> "$summary" || true
  kill -TERM $node; wait $node || true
  node=""
  grep -E " ERROR " "$data/node.log" | head -5 || true
  rm -rf "$data"
done

echo "=== summary ==="
cat "$summary"
largest=$(grep 'goal held' "$summary" | awk '{print $2}' | sort -n | tail -1)
echo "largest load holding the goal: ${largest:-none} sessions x $RATE samples/s"
rm -f "$summary"
