#!/usr/bin/env bash
# Rage on real recordings: replays public recordings of real people through the node's session analysis at the
# live cadence (1 s batches, 250 ms ticks) and prints, per data set, sessions, hours, persisted readings per state,
# escalation-grade rage (rage at confidence >= 0.85) per session-hour, and where labels exist how well the states
# separate them, with 95 % intervals. See README "Rage on real recordings".
#
#   loadtest/rage-realdata.sh [data-dir]        # default: target/realdata
#
# Prepares data-dir from the source repositories where it can: from bare mirrors under $REALDATA_MIRRORS
# (<owner>+<name>/repo, default /work/.mirror when it exists), else by a sparse `git clone` from GitHub.
# Nothing here is committed except the iweb file (MIT); the others are GPL-3.0 or carry no licence.
#   freihaut/pointclick.csv  Freihaut/Freihaut_Goeritz-2021-Study_Files-Mouse Datasets/Data_LSTM_Analysis/
#                            Data_PointClick_Task.pkl, converted by realdata/freihaut_to_csv.py (needs pandas)
#   iweb/raw_data.csv        hzjahromi/iweb dataset/raw_data/raw_data.csv (committed: loadtest/realdata/iweb/)
#   sapimouse/               ttuhin03/sapiagent sapimouse/
#   trackpad/                jangsus1/ML-Fall24-Team7 recordings/
# A data set that cannot be prepared is reported as missing with its path; the rest still run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data=${1:-target/realdata}
mkdir -p "$data"
data=$(cd "$data" && pwd)
mirrors=${REALDATA_MIRRORS:-/work/.mirror}

# extract <owner/name> <path-in-repo> <target-dir>: the path's files under target-dir, keeping the path.
extract() {
  local repo=$1 path=$2 into=$3 git_dir="$mirrors/${1/\//+}/repo"
  mkdir -p "$into"
  if [ -d "$git_dir" ] && [ "$(git --git-dir="$git_dir" cat-file -t "HEAD:$path" 2>/dev/null)" = blob ]; then
    mkdir -p "$into/$(dirname "$path")"
    git --git-dir="$git_dir" show "HEAD:$path" > "$into/$path"
  elif [ -d "$git_dir" ]; then
    git --git-dir="$git_dir" archive HEAD "$path" | tar -x -C "$into"
  elif command -v git >/dev/null; then
    local tmp
    tmp=$(mktemp -d)
    git clone -q --depth 1 --filter=blob:none --sparse "https://github.com/$repo" "$tmp/r" &&
      git -C "$tmp/r" sparse-checkout set --no-cone "$path" &&
      (cd "$tmp/r" && tar -c "$path") | tar -x -C "$into" || echo "could not fetch $repo $path"
    rm -rf "$tmp"
  fi
}

if [ ! -s "$data/iweb/raw_data.csv" ]; then
  mkdir -p "$data/iweb"
  gunzip -c "$root/loadtest/realdata/iweb/raw_data.csv.gz" > "$data/iweb/raw_data.csv"
fi
if [ ! -s "$data/freihaut/pointclick.csv" ]; then
  pkl=Datasets/Data_LSTM_Analysis/Data_PointClick_Task.pkl
  extract Freihaut/Freihaut_Goeritz-2021-Study_Files-Mouse "$pkl" "$data/freihaut/src" || true
  py=python3
  /usr/bin/python3 -c 'import pandas' 2>/dev/null && py=/usr/bin/python3
  if [ -s "$data/freihaut/src/$pkl" ] && $py -c 'import pandas' 2>/dev/null; then
    $py loadtest/realdata/freihaut_to_csv.py "$data/freihaut/src/$pkl" "$data/freihaut/pointclick.csv"
  else
    echo "freihaut: needs $data/freihaut/src/$pkl and python3 with pandas (apt-get install python3-pandas)"
  fi
fi
if [ ! -d "$data/sapimouse" ]; then
  extract ttuhin03/sapiagent sapimouse "$data" || true
fi
if [ ! -d "$data/trackpad" ]; then
  extract jangsus1/ML-Fall24-Team7 recordings "$data/trackpad-src" || true
  [ -d "$data/trackpad-src/recordings" ] && mv "$data/trackpad-src/recordings" "$data/trackpad"
  rm -rf "$data/trackpad-src"
fi

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -pl analytics -am compile
java -cp "$root/analytics/target/classes" io.limbic.analytics.session.realdata.RealDataReport "$data"
