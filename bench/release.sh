#!/usr/bin/env bash
# crossbatch release against gox and a plain parallel `go build` loop, on examples/hello-go,
# with a cold Go build cache (emptied before each run: GOCACHE for the peers, crossbatch's
# per-platform caches under .crossbatch/cache) and a warm one.
#
# Usage: bench/release.sh [cold-runs] [warm-runs]   (defaults: 3 and 5)
# Needs: hyperfine, go, gox, zip (apt-get install -y hyperfine golang-go gox zip), git, Java 17.
#
# Debian's gox (0.3.0) predates linux/arm64, darwin/arm64 and windows/arm64 and skips them
# silently, so the comparison with gox uses the three targets it knows; the six-target runs
# compare crossbatch (at --parallel 1 and 2) with the loop only. All builds use the same flags:
# CGO_ENABLED=0, -trimpath, -ldflags "-s -w -X main.version=... -X main.commit=...".
set -euo pipefail
cold_runs=${1:-3}
warm_runs=${2:-5}
for tool in hyperfine go gox git zip; do
  command -v "$tool" >/dev/null || { echo "bench/release.sh needs $tool: apt-get install -y hyperfine golang-go gox git zip" >&2; exit 2; }
done
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && ./mvnw -q package -DskipTests)
cb="$root/crossbatch"
. "$root/bench/trained.sh"
trained "$cb"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/hello-go" "$work/hello"
cd "$work/hello"
git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm bench
sha=$(git rev-parse HEAD)
export GOCACHE="$work/gocache" CGO_ENABLED=0
ldflags="-s -w -X main.version=bench -X main.commit=$sha"

# the plain loop: every target at once, as a shell script would do it
loop() {
  cat > "$work/loop.sh" <<SCRIPT
#!/usr/bin/env bash
set -e
rm -rf "$work/loop-out"
for target in $*; do
  os=\${target%/*}; arch=\${target#*/}; exe=""; [ "\$os" = windows ] && exe=.exe
  GOOS=\$os GOARCH=\$arch go build -trimpath -ldflags "$ldflags" -o "$work/loop-out/hello_\${os}_\${arch}\$exe" . &
done
wait
SCRIPT
  # ...and what a release makes of the binaries in any tool: one zip per platform at crossbatch's
  # level (zip -5, decision 0040) and their SHA256SUMS, so that the ratio against crossbatch leaves
  # out the work a release must do and shows what crossbatch itself adds
  cat > "$work/loop-zip.sh" <<SCRIPT
#!/usr/bin/env bash
set -e
"$work/loop.sh"
cd "$work/loop-out"
for f in hello_*; do
  (zip -X -q -5 "\${f%.exe}.zip" "\$f" && rm "\$f") &
done
wait
sha256sum -- *.zip > SHA256SUMS
SCRIPT
  chmod +x "$work/loop.sh" "$work/loop-zip.sh"
}

three="linux/amd64 darwin/amd64 windows/amd64"
six="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"
only_three="--platform linux/amd64 --platform darwin/amd64 --platform windows/amd64"
gox_cmd="rm -rf '$work/gox-out' && GOFLAGS=-trimpath gox -osarch='$three' -ldflags '$ldflags' -output '$work/gox-out/{{.Dir}}_{{.OS}}_{{.Arch}}' . >/dev/null"

echo "== machine: $(nproc) cores, $(go version), $(gox -h 2>&1 | head -1 | cut -c1-30)..., hyperfine $(hyperfine --version | cut -d' ' -f2)"

for cache in cold warm; do
  # crossbatch keeps a Go build cache per platform under .crossbatch/cache/go-build: cold empties it too
  if [ "$cache" = cold ]; then opts=(--prepare "go clean -cache && rm -rf '$work/hello/.crossbatch/cache'" --runs "$cold_runs"); else opts=(--warmup 1 --runs "$warm_runs"); fi

  loop "$three"
  echo "== three targets, $cache cache"
  hyperfine "${opts[@]}" --export-markdown "$work/three-$cache.md" \
    -n "crossbatch release (3 targets)" "$cb release -q $only_three" \
    -n "gox (3 targets)" "$gox_cmd" \
    -n "go build loop (3 targets)" "$work/loop.sh"
  cat "$work/three-$cache.md"

  loop "$six"
  echo "== six targets, $cache cache"
  hyperfine "${opts[@]}" --export-markdown "$work/six-$cache.md" \
    -n "crossbatch release --parallel 1" "$cb release -q --parallel 1" \
    -n "crossbatch release --parallel 2" "$cb release -q --parallel 2" \
    -n "go build loop (6 targets)" "$work/loop.sh" \
    -n "go build loop + zip -5 + sha256sum (6 targets)" "$work/loop-zip.sh"
  cat "$work/six-$cache.md"
done
