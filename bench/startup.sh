#!/usr/bin/env bash
# Start-up time of the CLI: the launcher's JVM flags against plain `java -cp`, on examples/hello-go.
# Usage: bench/startup.sh   (needs hyperfine: apt-get install -y hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench/startup.sh needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
./mvnw -q package -DskipTests
dist=$(cd "$(ls -d orchestrator-cli/target/crossbatch-*/crossbatch-* | head -1)" && pwd)
cd examples/hello-go
hyperfine -N --warmup 3 --runs 20 \
  -n 'launcher: --version' "$dist/bin/crossbatch --version" \
  -n 'plain java: --version' "java -cp $dist/lib/* dev.crossbatch.cli.Main --version" \
  -n 'launcher: generate --check' "$dist/bin/crossbatch generate --check" \
  -n 'plain java: generate --check' "java -cp $dist/lib/* dev.crossbatch.cli.Main generate --check" \
  -n 'launcher: validate' "$dist/bin/crossbatch validate"
