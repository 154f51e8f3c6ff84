#!/usr/bin/env bash
# kill -9 of one of three node processes under heartbeat and telemetry load (README "Database outages and node
# crashes"): prints acknowledged heartbeats, how many were lost (0 expected) and the seconds until the killed node's
# users answer again on a survivor. Three JVMs on an embedded PostgreSQL; about 7 minutes on a loaded 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -pl cluster -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=NodeKillUnderLoad -Dfailsafe.failIfNoSpecifiedTests=false "$@" | grep -E "NodeKillUnderLoad:|Tests run:|BUILD"
