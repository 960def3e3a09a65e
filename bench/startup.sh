#!/usr/bin/env bash
# Start-up time of short commands, each as a ratio to `java -version` measured in the same run
# (issue 16's targets: --version <= 3x, generate --check <= 3.5x), on examples/hello-go, with the
# launcher's class-data archive trained first, as a user's second run has it.
# Usage: bench/startup.sh [RUNS]   (needs hyperfine: apt-get install -y hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench/startup.sh needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
runs=${1:-20}
./mvnw -q package -DskipTests
dist=$(cd "$(ls -d orchestrator-cli/target/crossbatch-*/crossbatch-* | head -1)" && pwd)
. bench/trained.sh
trained "$dist/bin/crossbatch"
out=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT
# generate --check twice: in a fresh clone (no .crossbatch/: it renders, as CI does), and where
# crossbatch has run before, whose record of the generated files it recalls (docs/decisions/0043)
cp -r examples/hello-go "$work/fresh"
rm -rf "$work/fresh/.crossbatch" "$work/fresh/dist"
(cd "$work/fresh" && "$dist/bin/crossbatch" generate -q)
cp -r "$work/fresh" "$work/used"
mkdir "$work/used/.crossbatch"
(cd "$work/used" && "$dist/bin/crossbatch" generate --check -q)
cd examples/hello-go
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out" \
  -n 'java -version' 'java -version' \
  -n 'crossbatch --version' "$dist/bin/crossbatch --version" \
  -n 'crossbatch --help' "$dist/bin/crossbatch --help" \
  -n 'crossbatch validate' "$dist/bin/crossbatch validate" \
  -n 'generate --check (fresh clone)' "$dist/bin/crossbatch --config $work/fresh/crossbatch.yml generate --check" \
  -n 'generate --check (has run)' "$dist/bin/crossbatch --config $work/used/crossbatch.yml generate --check" >/dev/null
python3 - "$out" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
peer = results[0]["mean"]
print("%-32s %9s %8s" % ("command", "mean ms", "ratio"))
for r in results:
    print("%-32s %9.1f %7.2fx" % (r["command"], r["mean"] * 1000, r["mean"] / peer))
PY
