#!/usr/bin/env bash
# Downloads against `aws s3 cp --recursive`: six 64 MiB artifacts (and their SHA256SUMS) from an
# S3-compatible server on loopback (moto_server), each tool into an emptied folder, runs alternating
# (bench/interleaved.py). crossbatch also verifies every SHA-256 and fsyncs each file.
# Usage: bench/download.sh [RUNS] [MIB]   (needs moto_server and the AWS CLI)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-5}
mib=${2:-64}
for tool in python3; do
  command -v "$tool" >/dev/null || { echo "bench/download.sh needs $tool" >&2; exit 2; }
done
./mvnw -q package -DskipTests
work=$(mktemp -d)
port=18960
mkdir -p "$work/up"
for p in linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 windows_arm64; do
  head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/up/hello_${p}_abcdef1.zip"
done
. bench/s3-bucket.sh
. bench/trained.sh
trained "$root/crossbatch"
echo "== six ${mib} MiB artifacts from $url"
cd "$work/project"
# each run starts from an empty folder (the emptying, a few ms, is timed for both alike)
printf '#!/bin/sh\nrm -rf %s/a && exec %s/crossbatch artifacts download --commit abcdef1 --dest %s/a --endpoint-url %s -q\n' "$work" "$root" "$work" "$url" > "$work/crossbatch.sh"
printf '#!/bin/sh\nrm -rf %s/b && exec aws --endpoint-url %s s3 cp --recursive --quiet s3://bench-artifacts/releases/ %s/b\n' "$work" "$url" "$work" > "$work/aws.sh"
chmod +x "$work/crossbatch.sh" "$work/aws.sh"
python3 "$root/bench/interleaved.py" "$runs" \
  "crossbatch artifacts download=$work/crossbatch.sh" \
  "aws s3 cp --recursive=$work/aws.sh"
(cd "$work/a" && sha256sum -c --quiet SHA256SUMS) && echo "crossbatch's files: sha256sum -c OK"

# A second download into a folder that holds every file already: crossbatch checks each one's
# size and SHA-256 against SHA256SUMS and fetches nothing; `aws s3 sync` compares sizes and times.
echo "== the same six, all present already"
"$work/crossbatch.sh" >/dev/null && aws --endpoint-url "$url" s3 sync --quiet s3://bench-artifacts/releases/ "$work/b"
printf '#!/bin/sh\nexec %s/crossbatch artifacts download --commit abcdef1 --dest %s/a --endpoint-url %s -q\n' "$root" "$work" "$url" > "$work/crossbatch-again.sh"
printf '#!/bin/sh\nexec aws --endpoint-url %s s3 sync --quiet s3://bench-artifacts/releases/ %s/b\n' "$url" "$work/b" > "$work/aws-again.sh"
chmod +x "$work/crossbatch-again.sh" "$work/aws-again.sh"
python3 "$root/bench/interleaved.py" "$runs" \
  "crossbatch artifacts download (present)=$work/crossbatch-again.sh" \
  "aws s3 sync (present)=$work/aws-again.sh"
