#!/usr/bin/env bash
# The CodeBuild backend's costs:
#  1. API calls `crossbatch watch` makes to follow a 10-minute batch of 6 and of 100 builds
#     (the real CLI and SDK against a simulated batch on loopback, in virtual time);
#  2. `crossbatch status` wall time against `aws codebuild batch-get-build-batches`, both asking the
#     same loopback CodeBuild (bench/fake_codebuild.py) about a running and an ended 6-build batch.
#     Runs alternate (bench/interleaved.py), so a machine getting busier slows both alike.
# Usage: bench/codebuild.sh [RUNS]   (needs the AWS CLI: pip install awscli)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-40}
for tool in aws python3; do
  command -v "$tool" >/dev/null || { echo "bench/codebuild.sh needs $tool" >&2; exit 2; }
done

echo "== API calls of watch, 10-minute batch"
./mvnw -q package -DskipTests
./mvnw -q test -Dtest=WatchApiCallsTest -Dsurefire.failIfNoSpecifiedTests=false
cat orchestrator-cli/target/bench/watch-api-calls.txt

echo "== status wall time, same loopback endpoint"
work=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
printf 'name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  project: hello-release\n  region: us-east-1\n' > "$work/crossbatch.yml"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1
id=hello-release:6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20

. bench/trained.sh
trained "$root/crossbatch"

aws_direct=$(command -v pyenv >/dev/null && pyenv which aws 2>/dev/null || command -v aws)
port=18801
for status in IN_PROGRESS SUCCEEDED; do
  python3 bench/fake_codebuild.py "$port" 6 "$status" &
  servers+=($!)
  sleep 1
  url=http://127.0.0.1:$port
  echo "-- a 6-build batch that is $status"
  (cd "$work" && python3 "$root/bench/interleaved.py" "$runs" \
    "crossbatch status --output json=$root/crossbatch status $id --endpoint-url $url --output json" \
    "aws codebuild batch-get-build-batches=aws codebuild batch-get-build-batches --ids $id --endpoint-url $url" \
    "aws (the Python entry point, no shim)=$aws_direct codebuild batch-get-build-batches --ids $id --endpoint-url $url")
  port=$((port + 1))
done
