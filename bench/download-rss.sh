#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time -v) and wall time of downloading one large artifact from an
# S3-compatible server on loopback (moto_server), verified by its published SHA256SUMS.
# The download streams: memory must not grow with the artifact's size (target: under 300 MiB).
# Usage: bench/download-rss.sh [MIB]   (default 2048; needs moto_server, the AWS CLI and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mib=${1:-2048}
for tool in aws moto_server /usr/bin/time; do # aws fills the bucket
  command -v "$tool" >/dev/null || { echo "bench/download-rss.sh needs $tool" >&2; exit 2; }
done
./mvnw -q package -DskipTests
work=$(mktemp -d)
port=18962
moto_server -p "$port" >"$work/moto.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 3
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1
url=http://127.0.0.1:$port
mkdir -p "$work/up" "$work/project"
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/up/hello_linux_amd64_abcdef1.zip"
(cd "$work/up" && sha256sum -- *.zip > hello_abcdef1_SHA256SUMS)
aws --endpoint-url "$url" s3 mb s3://bench-artifacts >/dev/null
aws --endpoint-url "$url" s3 cp --recursive --quiet "$work/up" s3://bench-artifacts/releases/
rm "$work/up/hello_linux_amd64_abcdef1.zip"
printf 'name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  bucket: bench-artifacts\n  prefix: releases\n  region: us-east-1\n' > "$work/project/crossbatch.yml"
cd "$work/project"
measure() { # NAME COMMAND...: prints the wall time and the peak RSS
  local name=$1; shift
  /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null
  printf '| %s | %s | %d MiB |\n' "$name" \
    "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")" \
    "$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt") / 1024 ))"
}
echo "== one ${mib} MiB artifact from $url"
echo "| command | wall (m:ss) | peak RSS |"
echo "|---|---|---|"
measure "crossbatch artifacts download" "$root/crossbatch" artifacts download --commit abcdef1 --dest "$work/a" --endpoint-url "$url" -q
(cd "$work/a" && sha256sum -c --quiet SHA256SUMS) || { echo "crossbatch's file does not match" >&2; exit 1; }
echo "(the file's SHA-256 matches: sha256sum -c OK)"
