#!/usr/bin/env bash
# What a fresh JVM costs each command, against the same command run warm: a warm release of
# examples/hello-go (six targets, --parallel 2) and `generate --check` in a fresh clone, each as
# the launcher runs it (a new JVM per command, class-data archive trained) and many times in one
# JVM (bench/InProcess.java), whose runs after the warm-up show the command's own work with its
# code compiled. Peers in the same run: the parallel `go build` loop of bench/release.sh for the
# release, `java -version` for generate --check.
#
# Usage: bench/in-process.sh [ROUNDS]   (default 10 for the release, three times as many checks; needs go, git)
set -euo pipefail
runs=${1:-10}
for tool in go git; do
  command -v "$tool" >/dev/null || { echo "bench/in-process.sh needs $tool: apt-get install -y golang-go git" >&2; exit 2; }
done
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && ./mvnw -q package -DskipTests)
dist=$(cd "$(ls -d "$root"/orchestrator-cli/target/crossbatch-*/crossbatch-* | head -1)" && pwd)
cb="$dist/bin/crossbatch"
. "$root/bench/trained.sh"
trained "$cb"
# the JVM the launcher would pick, with the collector it uses; the compilers as Java sets them
# by default, as a process that stays would have them
java=$(command -v java)
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
in_process=("$java" -XX:+UseSerialGC -XX:-UsePerfData -cp "$dist/lib/crossbatch.jar" "$root/bench/InProcess.java")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/hello-go" "$work/hello"
rm -rf "$work/hello/.crossbatch" "$work/hello/dist"
cp -r "$work/hello" "$work/fresh"
cd "$work/hello"
git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm bench
export GOCACHE="$work/gocache" CGO_ENABLED=0
# a first release fills the Go caches and brings the generated files up to date: commit them, so
# that every measured release builds the same clean commit
"$cb" release -q --parallel 2 >/dev/null 2>&1 || true
git add -A && { git diff --cached --quiet || git -c user.name=bench -c user.email=bench@example.com commit -qm generated; }
sha=$(git rev-parse HEAD)
cat > "$work/loop.sh" <<SCRIPT
#!/usr/bin/env bash
set -e
rm -rf "$work/loop-out"
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do
  os=\${target%/*}; arch=\${target#*/}; exe=""; [ "\$os" = windows ] && exe=.exe
  GOOS=\$os GOARCH=\$arch go build -trimpath -ldflags "-s -w -X main.version=bench -X main.commit=$sha" -o "$work/loop-out/hello_\${os}_\${arch}\$exe" . &
done
wait
SCRIPT
chmod +x "$work/loop.sh"

echo "== machine: $(nproc) cores, $("$java" -version 2>&1 | head -1), $(go version)"
echo "== warm release, six targets: in one JVM (after 10 releases to warm it), a new JVM per release (the launcher), the go build loop; in turn"
"${in_process[@]}" 10 "$runs" "new JVM=$cb release -q --parallel 2" "loop=$work/loop.sh" -- release -q --parallel 2 | tee "$work/release.txt"

cd "$work/fresh"
"$cb" generate -q
echo "== generate --check in a fresh clone: in one JVM (after 300 checks to warm it), a new JVM per check, java -version; in turn"
"${in_process[@]}" 300 $((runs * 3)) "new JVM=$cb generate --check" "java -version=$java -version" -- generate --check | tee "$work/check.txt"

python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
def medians(name):
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^([^:\n]+): median ([0-9.]+) ms", open(f"{work}/{name}.txt").read(), re.M)}
r, c = medians("release"), medians("check")
loop, fresh, warm = r["loop"], r["new JVM"], r["in one JVM"]
print()
print("| case | median | against its peer |")
print("|---|---|---|")
print("| go build loop, 6 targets | %.0f ms | |" % loop)
print("| release, a new JVM per release (the launcher) | %.0f ms | loop %+.0f ms |" % (fresh, fresh - loop))
print("| release, warm in one JVM | %.0f ms | loop %+.0f ms |" % (warm, warm - loop))
print("| what a new JVM adds to a release | %.0f ms | |" % (fresh - warm))
jv, check, cwarm = c["java -version"], c["new JVM"], c["in one JVM"]
print("| java -version | %.1f ms | |" % jv)
print("| generate --check in a fresh clone, a new JVM per check | %.1f ms | %.2fx java -version |" % (check, check / jv))
print("| generate --check in a fresh clone, warm in one JVM | %.1f ms | %.2fx java -version |" % (cwarm, cwarm / jv))
print("| what a new JVM adds to a check beyond java -version | %.1f ms | |" % (check - jv - cwarm))
PY
