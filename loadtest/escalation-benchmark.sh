#!/usr/bin/env bash
# Escalation benchmark (issue 9): rage of a high-value user -> first notice received by a local webhook (a small HTTP
# server inside the generator process), on one node on PostgreSQL, everything on 127.0.0.1. Phases on the same node,
# back to back: warm-up (20 incidents), baseline (200 incidents alone), loaded (200 incidents while 1,000 low-value
# sessions stream telemetry, half WebSocket, half HTTP batches, the session benchmark's load), overload (200 more
# while 3,000 background sessions saturate the node). Every raging user gets a lifetime value of 100,000 USD through
# POST /v1/events first; the policy has one webhook contact. Each incident is timed from the client-side send of the
# telemetry batch that completed the rage (an upper bound of its arrival at the node) to the notice's arrival.
# Prints per phase p50/p99/max, the loaded/baseline ratio, and the background sessions' ack latency next to it.
#
#   loadtest/escalation-benchmark.sh
#   BACKGROUND=1000 OVERLOAD="2000,4000" INCIDENTS=300 loadtest/escalation-benchmark.sh
#   JFR=1 loadtest/escalation-benchmark.sh          # the node records a flight recording; `jfr summary` printed
#   SKIP_BUILD=1 BENCH_ARGS="minConfidence=0.5" loadtest/escalation-benchmark.sh
#
# PostgreSQL: the machine's Debian PostgreSQL 15 (as the other benchmarks), database limbic_escalation_bench,
# recreated for the run; started here if it was stopped, and stopped again at the end in that case.
# Bounded: the generator runs under `timeout` (MAX_SECONDS), the node is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
INCIDENTS=${INCIDENTS:-200}
BACKGROUND=${BACKGROUND:-1000}
OVERLOAD=${OVERLOAD-3000}
RATE=${RATE:-10}
SPREAD=${SPREAD:-40}
MAX_SECONDS=${MAX_SECONDS:-900}
BENCH_ARGS=${BENCH_ARGS:-}
NODE_JAVA_OPTS=${NODE_JAVA_OPTS:-}
HTTP_PORT=${HTTP_PORT:-18090}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18568}
REMOTE_PORT=${REMOTE_PORT:-25609}
KEY="bench-key-0123456789abcdef"
DB=limbic_escalation_bench
DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"

command -v pg_ctlcluster >/dev/null || { echo "needs the Debian PostgreSQL 15 (apt-get install postgresql-15)"; exit 2; }
started_pg=""
if ! pg_ctlcluster 15 main status >/dev/null 2>&1; then pg_ctlcluster 15 main start; started_pg=1; fi
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null

# package, not install: the jars stay in this worktree's target directories.
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests -DskipITs package -pl cluster,loadtest -am
node_cp="$root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$root/cluster/target/lib/*"
load_cp="$root/loadtest/target/limbic-loadtest-0.1.0-SNAPSHOT.jar:$root/loadtest/target/lib/*"

su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $DB' -c 'CREATE DATABASE $DB'"
data=$(mktemp -d)
jfr_opts=""
[ -z "${JFR:-}" ] || jfr_opts="-XX:StartFlightRecording=filename=$data/node.jfr,settings=profile,dumponexit=true"
node=""
cleanup() {
  [ -n "$node" ] && kill -TERM "$node" 2>/dev/null && wait "$node" 2>/dev/null || true
  [ -n "$started_pg" ] && pg_ctlcluster 15 main stop || true
}
trap cleanup EXIT
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=$DB_URL LIMBIC_DB_USER=postgres LIMBIC_DB_PASSWORD=postgres \
  LIMBIC_API_KEYS="bench:$KEY:ingest+read+admin+operator" LIMBIC_HTTP_PORT=$HTTP_PORT \
  LIMBIC_MANAGEMENT_PORT=$MANAGEMENT_PORT LIMBIC_REMOTE_PORT=$REMOTE_PORT \
  LIMBIC_ESCALATION_ALLOW_PRIVATE_HOSTS=true LIMBIC_NOTIFICATIONS_ALLOW_PRIVATE_HOSTS=true \
  java -Xms1g -Xmx2g $jfr_opts $NODE_JAVA_OPTS -cp "$node_cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
node=$!
for _ in $(seq 1 120); do grep -q "Limbic is up" "$data/node.log" && break; sleep 1; done
grep -q "Limbic is up" "$data/node.log" || { tail -50 "$data/node.log"; exit 1; }
# The generator shares the two cores with the node and PostgreSQL: a small serial-GC heap.
timeout "$MAX_SECONDS" java -XX:+UseSerialGC -Xms256m -Xmx1g -cp "$load_cp" io.limbic.loadtest.EscalationBenchmark \
  port=$HTTP_PORT managementPort=$MANAGEMENT_PORT key=$KEY incidents=$INCIDENTS background=$BACKGROUND \
  overload=$OVERLOAD rate=$RATE spread=$SPREAD $BENCH_ARGS || echo "load generator failed or timed out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Where the time went, from the incidents read model (server clocks; the projection trails, so wait a little):
# detected = the session analysed the batch; opened = the incident entity took the Open; delivered = the
# provider's (here the local receiver's) answer was back at the incident.
sleep 5
su postgres -c "psql -q -d $DB -c \"
  SELECT split_part(i.user_id, '-', 3) AS phase, COUNT(*) AS incidents,
    ROUND(percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM i.opened_at - i.detected_at) * 1000)::numeric, 1) AS detected_to_opened_p50_ms,
    ROUND(percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM i.opened_at - i.detected_at) * 1000)::numeric, 1) AS p99,
    ROUND(percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM d.event_at - i.opened_at) * 1000)::numeric, 1) AS opened_to_delivered_p50_ms,
    ROUND(percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM d.event_at - i.opened_at) * 1000)::numeric, 1) AS p99
  FROM incidents i JOIN incident_timeline d ON d.tenant = i.tenant AND d.incident_id = i.incident_id AND d.kind = 'delivered'
  GROUP BY 1 ORDER BY MIN(i.opened_at)\"" || true
kill -TERM $node; wait $node || true
node=""
grep -E " (ERROR|WARN) " "$data/node.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -8 || true
if [ -n "${JFR:-}" ] && [ -f "$data/node.jfr" ]; then
  jfr summary "$data/node.jfr" | head -40
  echo "flight recording: $data/node.jfr (jfr print --events jdk.ExecutionSample ...)"
elif [ -z "${KEEP_DATA:-}" ]; then
  rm -rf "$data"
fi
