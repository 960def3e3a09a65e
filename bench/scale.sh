#!/usr/bin/env bash
# Per-build overhead and memory of a local batch: batches of 10, 50, 100 and 200 trivial builds
# (`echo hi`, a buildspec of one's own, the default parallelism), each run once to warm up and once
# measured; prints wall time and peak RSS per size, and the slope (ms per build) between the
# smallest and the largest, which issue 16 targets at <= 30 ms with memory flat.
# Usage: bench/scale.sh   (needs GNU time: /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench/scale.sh needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
./mvnw -q package -DskipTests
crossbatch=$(pwd)/crossbatch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %10s %14s\n' builds "wall s" "max RSS MiB"
declare -A wall
for n in 10 50 100 200; do
  mkdir "$work/$n" && cd "$work/$n"
  { echo 'version: 0.2'; echo 'batch:'; echo '  build-list:'
    for i in $(seq -w 1 "$n"); do echo "    - identifier: b$i"; done
    printf 'phases:\n  build:\n    commands:\n      - echo hi\n'; } > buildspec.yml
  git init -q && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm scale
  "$crossbatch" start --local --wait --buildspec buildspec.yml -q >/dev/null 2>&1
  out=$( { /usr/bin/time -f '%e %M' "$crossbatch" start --local --wait --buildspec buildspec.yml -q >/dev/null; } 2>&1 | tail -1)
  wall[$n]=${out% *}
  printf '%-8s %10s %14d\n' "$n" "${out% *}" $(( ${out#* } / 1024 ))
done
python3 -c "print('per build: %.1f ms (slope from 10 to 200 builds)' % ((${wall[200]} - ${wall[10]}) * 1000 / 190))"
