#!/usr/bin/env bash
# The README's test command, N times in a row in a fresh clone of this repository's HEAD, while
# two `yes > /dev/null` keep both cores busy: a suite that fails on a busy machine is broken.
#
# usage: bench/loaded-verify.sh [N]      (default 3; each run's log stays in the printed folder)
set -u
n=${1:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/loaded-verify.XXXXXX)
git clone -q "$here" "$work/main" || exit 2
cd "$work/main" || exit 2
echo "clone of $(git log --oneline -1) in $work/main"
yes > /dev/null & y1=$!
yes > /dev/null & y2=$!
trap 'kill $y1 $y2 2>/dev/null' EXIT
for i in $(seq 1 "$n"); do
  start=$(date +%s)
  (command -v go >/dev/null || (apt-get update -qq && apt-get install -y -qq golang-go); ./mvnw verify) > "$work/run-$i.log" 2>&1
  rc=$?
  echo "run $i: exit $rc in $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$(grep -E 'Tests run: [0-9]+, Failures' "$work/run-$i.log" | grep -v ' in ' | sed 's/^\[[A-Z]*\] //' | tr '\n' ' ')"
done
