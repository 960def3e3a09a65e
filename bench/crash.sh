#!/usr/bin/env bash
# kill -9 of `crossbatch release` at random moments, N times, on a copy of examples/hello-go (real
# Go builds). After each kill it checks what a user would see next: `status` answers at once with
# an ended batch, no process of the dead batch is left, every zip under its final name in dist/ is
# whole (unzip -t) and SHA256SUMS, when there is one, matches; then one clean release must pass.
#
# usage: [CROSSBATCH=launcher] bench/crash.sh [N] [MAX_DELAY_SECONDS]   (defaults: 20 kills, at up to 1.4 s: a warm release of the example takes about that)
set -u
n=${1:-20}
max=${2:-1.4}
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CROSSBATCH:-$here/crossbatch}
work=$(mktemp -d /tmp/crash.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$here/examples/hello-go" "$work/app"
cd "$work/app" || exit 2
rm -rf dist .crossbatch
git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -q -m bench
"$cli" release -q > /dev/null 2>&1 || { echo "the first release failed"; exit 2; } # a warm Go cache, and zips to spoil

killed=0; finished=0; slow_status=0; in_progress=0; strays=0; bad_zips=0; bad_sums=0; workspaces=0
for i in $(seq 1 "$n"); do
  delay=$(awk -v max="$max" -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.2f", 0.2 + rand() * (max - 0.2) }')
  "$cli" release > "$work/release-$i.log" 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; killed=$((killed + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null
  start=$(date +%s%N)
  status=$("$cli" status --output json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], d["complete"])' 2>/dev/null)
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$took" -gt 5000 ] && slow_status=$((slow_status + 1))
  case "$status" in *IN_PROGRESS*|*False*) in_progress=$((in_progress + 1)) ;; esac
  left=$(grep -l "CODEBUILD_SRC_DIR=$work/app/" /proc/[0-9]*/environ 2>/dev/null | while read -r f; do
    p=${f#/proc/}; p=${p%/environ}; [ "$p" = "$$" ] && continue
    state=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null); [ -n "$state" ] && [ "$state" != Z ] && echo "$p"
  done | wc -l)
  strays=$((strays + left))
  for z in dist/*.zip; do [ -e "$z" ] && ! unzip -tq "$z" > /dev/null 2>&1 && bad_zips=$((bad_zips + 1)); done
  [ -f dist/SHA256SUMS ] && ! (cd dist && sha256sum -c --quiet SHA256SUMS > /dev/null 2>&1) && bad_sums=$((bad_sums + 1))
  w=$(find .crossbatch/batches -mindepth 2 -maxdepth 2 -name work 2>/dev/null | wc -l)
  workspaces=$((workspaces + w))
  printf 'kill %2d at %ss: status %-14s in %4d ms, strays %d, workspaces %d\n' "$i" "$delay" "${status:-?}" "$took" "$left" "$w"
done
"$cli" release -q > "$work/final.log" 2>&1; final=$?
(cd dist && sha256sum -c --quiet SHA256SUMS) > /dev/null 2>&1; sums=$?
echo "kills: $killed (finished before the kill: $finished); status still IN_PROGRESS: $in_progress; status over 5 s: $slow_status;" \
  "processes left running: $strays; zips under a final name that are not whole: $bad_zips; SHA256SUMS not matching: $bad_sums;" \
  "workspaces left: $workspaces; final release exit $final, sha256sum -c exit $sums"
