# Sourced by the download benchmarks: needs $work (a temporary folder) and $port. Starts moto_server
# on loopback, removes it and $work on exit, and uploads $work/up to s3://bench-artifacts/releases/
# (with its SHA256SUMS as hello_abcdef1_SHA256SUMS); sets $url, the AWS_* variables, and a project
# folder $work/project whose crossbatch.yml names that bucket and prefix.
for tool in aws moto_server; do
  command -v "$tool" >/dev/null || { echo "bench/ needs $tool" >&2; exit 2; }
done
moto_server -p "$port" >"$work/moto.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 3
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1
url=http://127.0.0.1:$port
(cd "$work/up" && sha256sum -- *.zip > hello_abcdef1_SHA256SUMS)
aws --endpoint-url "$url" s3 mb s3://bench-artifacts >/dev/null
aws --endpoint-url "$url" s3 cp --recursive --quiet "$work/up" s3://bench-artifacts/releases/
mkdir -p "$work/project"
printf 'name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  bucket: bench-artifacts\n  prefix: releases\n  region: us-east-1\n' > "$work/project/crossbatch.yml"
