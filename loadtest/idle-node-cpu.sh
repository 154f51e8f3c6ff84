#!/usr/bin/env bash
# Idle node CPU: a node on the machine's PostgreSQL 15 with no load at all; prints the CPU the node and its
# PostgreSQL backends use over 30 s, 20 s after the node is up (what polling, timers and background work cost).
#
#   loadtest/idle-node-cpu.sh                                         # this tree's jars (./limbic build first)
#   loadtest/idle-node-cpu.sh -Djdbc-read-journal.refresh-interval=1s # extra JVM options for the node
#   NODE_CP="/tmp/base/limbic-cluster-0.1.0-SNAPSHOT.jar:/tmp/base/lib/*" JFR=/tmp/idle.jfr loadtest/idle-node-cpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cp=${NODE_CP:-"$root/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar:$root/cluster/target/lib/*"}
DB=limbic_idle_probe
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $DB' -c 'CREATE DATABASE $DB'" 2>/dev/null
data=$(mktemp -d)
LIMBIC_DATA_DIR=$data LIMBIC_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB LIMBIC_DB_USER=postgres \
  LIMBIC_DB_PASSWORD=postgres LIMBIC_API_KEYS="bench:bench-key-0123456789abcdef" LIMBIC_HTTP_PORT=18080 \
  LIMBIC_MANAGEMENT_PORT=18558 LIMBIC_REMOTE_PORT=25599 \
  java -Xms1g -Xmx2g "$@" -cp "$cp" io.limbic.cluster.Main > "$data/node.log" 2>&1 &
node=$!
trap 'kill -TERM $node 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do grep -q "Limbic is up" "$data/node.log" && break; sleep 1; done
grep -q "Limbic is up" "$data/node.log" || { tail -50 "$data/node.log"; exit 1; }
sleep 20
[ -z "${JFR:-}" ] || jcmd $node JFR.start duration=30s settings=profile filename="$JFR" >/dev/null
backends() {
  local t=0 p
  for p in $(pgrep -f "postgres: 15/main: postgres $DB " || true); do
    t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0)))
  done
  echo $t
}
hz=$(getconf CLK_TCK)
n0=$(awk '{print $14 + $15}' /proc/$node/stat); p0=$(backends)
sleep 30
n1=$(awk '{print $14 + $15}' /proc/$node/stat); p1=$(backends)
awk -v n=$((n1 - n0)) -v p=$((p1 - p0)) -v hz=$hz \
  'BEGIN { printf "idle 30 s: node %.3f cores, postgres backends %.3f cores\n", n / hz / 30, p / hz / 30 }'
