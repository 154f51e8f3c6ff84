#!/usr/bin/env bash
# A graceful leave (SIGTERM) of one of three node processes under heartbeat load, then a rolling restart of all
# three, at the default persist interval (README "Database outages and node crashes"): prints the requests that
# failed before a retry on another node succeeded, those no retry saved (0 expected), heartbeats lost (0 expected)
# and how long each stop took. Three JVMs on an embedded PostgreSQL; several minutes on a 2-core machine.
#   loadtest/node-leave.sh                    # 3,000 users, 2 clients per node; -Dleave.users=N -Dleave.clients=C
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -pl cluster -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=NodeLeaveUnderLoad -Dfailsafe.failIfNoSpecifiedTests=false "$@" | grep -E "NodeLeaveUnderLoad:|Tests run:|BUILD"
