#!/usr/bin/env bash
# One node against three on this machine, under the same Gatling simulation (HeartbeatSimulation by default), each
# on a fresh PostgreSQL cluster started by `./limbic start --nodes N`; prints one table row per run and the ratios
# against the one-node baseline measured in the same script. 127.0.0.1 only; every run is bounded (DURATION).
#   loadtest/nodes-benchmark.sh                    # defaults: SIMULATION=HeartbeatSimulation USERS=2000 DURATION=60
#   SIMULATION=MixSimulation USERS=500 loadtest/nodes-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
simulation="${SIMULATION:-HeartbeatSimulation}"
users="${USERS:-2000}" duration="${DURATION:-60}" period="${PERIOD:-3}"
http=48080 management=48558 remote=45520
work=$(mktemp -d /tmp/limbic-nodes-benchmark-XXXXXX)
chmod 755 "$work" # as root, the PostgreSQL clusters below belong to the postgres user
./limbic build
results=()

run() {
  local nodes="$1" data="$work/data-$1"
  mkdir -p "$data"
  LIMBIC_SKIP_BUILD=1 LIMBIC_DATA_DIR="$data" LIMBIC_POSTGRES_DIR="$work/postgres-$nodes" LIMBIC_POSTGRES_PORT=45433 LIMBIC_HTTP_PORT=$http \
    LIMBIC_MANAGEMENT_PORT=$management LIMBIC_REMOTE_PORT=$remote ./limbic start --nodes "$nodes" \
    > "$work/nodes-$nodes.log" 2>&1 &
  local launcher=$!
  local i urls=""
  for ((i = 0; i < nodes; i++)); do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((management + i))/ready")" = 200 ]; do
      kill -0 "$launcher" 2>/dev/null || { echo "the nodes did not start: $work/nodes-$nodes.log" >&2; exit 1; }
      sleep 1
    done
    urls="$urls${urls:+,}http://127.0.0.1:$((http + i))"
  done
  (cd loadtest && mvn -B -q gatling:test -Dgatling.simulationClass="io.limbic.loadtest.gatling.$simulation" \
    -Dgatling.failOnError=false -Dlimbic.url="$urls" -Dlimbic.key-file="$data/api-key" -Dusers="$users" \
    -Dduration="$duration" -Dperiod="$period" > "$work/gatling-$nodes.log" 2>&1) || true
  kill -TERM "$launcher"
  wait "$launcher" || true
  local report
  report=$(ls -td loadtest/target/gatling/*/ | head -n 1)
  results+=("$nodes" "$report")
}

run 1
run 3
python3 - "${results[@]}" <<'PY'
import json, sys
rows = []
args = sys.argv[1:]
for nodes, report in zip(args[0::2], args[1::2]):
    stats = json.load(open(report + "js/global_stats.json"))
    rows.append((int(nodes), stats["meanNumberOfRequestsPerSecond"]["total"], stats["percentiles1"]["ok"],
                 stats["percentiles4"]["ok"], stats["numberOfRequests"]["ko"], stats["numberOfRequests"]["total"], report))
base = rows[0]
print(f"{'nodes':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'failed':>7} {'req/s x':>8} {'p99 x':>6}  report")
for r in rows:
    print(f"{r[0]:>5} {r[1]:>8.0f} {r[2]:>7} {r[3]:>7} {r[4]:>7} {r[1] / base[1]:>8.2f} {r[3] / max(base[3], 1):>6.2f}  {r[6]}index.html")
PY
echo "(logs in $work)"
