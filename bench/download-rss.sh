#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time -v) and wall time of downloading one large artifact from an
# S3-compatible server on loopback (moto_server), verified by its published SHA256SUMS.
# The download streams: memory must not grow with the artifact's size (target: under 300 MiB).
# Usage: bench/download-rss.sh [MIB]   (default 2048; needs moto_server, the AWS CLI and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mib=${1:-2048}
for tool in /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/download-rss.sh needs $tool" >&2; exit 2; }
done
./mvnw -q package -DskipTests
work=$(mktemp -d)
port=18962
mkdir -p "$work/up"
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/up/hello_linux_amd64_abcdef1.zip"
. bench/s3-bucket.sh
rm "$work/up/"*.zip # uploaded: only the download needs the disk now
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
