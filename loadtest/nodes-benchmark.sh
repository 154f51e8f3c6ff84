#!/usr/bin/env bash
# One node against three on this machine, under the same Gatling simulation (HeartbeatSimulation by default), each
# on a fresh PostgreSQL cluster started by `./limbic start --nodes N`; prints one table row per run and the ratios
# against the one-node baseline measured in the same script. 127.0.0.1 only; every run is bounded (DURATION).
#   loadtest/nodes-benchmark.sh                    # defaults: SIMULATION=HeartbeatSimulation USERS=2000 DURATION=60
#   SIMULATION=MixSimulation USERS=500 loadtest/nodes-benchmark.sh
#   SETTLE=60 loadtest/nodes-benchmark.sh          # seconds between the last node ready and the load (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
simulation="${SIMULATION:-HeartbeatSimulation}"
users="${USERS:-2000}" duration="${DURATION:-60}" period="${PERIOD:-3}" settle="${SETTLE:-30}"
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
  # Ready nodes still move shards to the ones that joined last; load during that rebalance measures the hand-offs.
  sleep "$settle"
  (cd loadtest && mvn -B -q gatling:test -Dgatling.simulationClass="io.limbic.loadtest.gatling.$simulation" \
    -Dgatling.failOnError=false -Dlimbic.url="$urls" -Dlimbic.key-file="$data/api-key" -Dusers="$users" \
    -Dduration="$duration" -Dperiod="$period" > "$work/gatling-$nodes.log" 2>&1) || true
  kill -TERM "$launcher"
  wait "$launcher" || true
  local report
  report=$(ls -td loadtest/target/gatling/*/ | head -n 1)
  results+=("$nodes" "$work/gatling-$nodes.log" "$report")
}

run 1
run 3
# Gatling 3.15 keeps its statistics inside the HTML report, so the figures come from the summary it prints at the end.
python3 - "${results[@]}" <<'PY'
import re, sys
def summary(log):
    rows = {}
    for line in open(log):
        m = re.match(r"> (.+?)\s+\|\s+([\d,.-]+) \|\s+([\d,.-]+) \|\s+([\d,.-]+)", line)
        if m:
            rows[m.group(1).strip()] = [float(v.replace(",", "")) if v != "-" else 0.0 for v in m.groups()[1:]]
    if "request count" not in rows:
        sys.exit(f"no Gatling summary in {log}")
    return rows
rows = []
args = sys.argv[1:]
for nodes, log, report in zip(args[0::3], args[1::3], args[2::3]):
    g = summary(log)
    total, ok, ko = g["request count"]
    rps_ok = g["mean throughput (rps)"][1]
    rows.append((int(nodes), rps_ok, g["response time 50th percentile (ms)"][1],
                 g["response time 99th percentile (ms)"][1], int(ko), int(total), report))
base = rows[0]
print(f"{'nodes':>5} {'ok req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'failed':>7} {'of':>7} {'ok req/s x':>10} {'p99 x':>6}  report")
for r in rows:
    print(f"{r[0]:>5} {r[1]:>9.0f} {r[2]:>7.0f} {r[3]:>7.0f} {r[4]:>7} {r[5]:>7} {r[1] / max(base[1], 1e-9):>10.2f}"
          f" {r[3] / max(base[3], 1):>6.2f}  {r[6]}index.html")
PY
echo "(logs in $work)"
