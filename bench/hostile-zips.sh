#!/usr/bin/env bash
# Hostile zips through the installed CLI: each is published in a local store as a release zip,
# then `crossbatch artifacts download --extract` is run on it. Counts, for every zip: the exit code
# (4 expected), files written outside --dest (0 expected), and anything left under DIR/<os>_<arch>.
#
# usage: bench/hostile-zips.sh [CROSSBATCH]     (default: ./crossbatch of this repository)
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$here/crossbatch}
work=$(mktemp -d /tmp/hostile-zips.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/project/store"
cd "$work/root/project" || exit 2
printf 'name: hello\nplatforms: [linux/amd64]\nlocal:\n  output: store\n' > crossbatch.yml

# name|flags|python that writes the zip to sys.argv[1] (z = zipfile.ZipFile, link(z, name, target))
cases=$(cat <<'CASES'
name climbing out|--extract|z.writestr("../escaped-1", "x")
absolute name|--extract|z.writestr("/tmp/hostile-escaped-2", "x")
name climbing out in the middle|--extract|z.writestr("a/../../escaped-3", "x")
backslash name|--extract|z.writestr("..\\escaped-4", "x")
drive letter|--extract|z.writestr("C:/escaped-5", "x")
a symlink (not allowed)|--extract|link(z, "docs", "README")
symlink out of the folder|--extract --allow-symlinks|link(z, "escape", "../../escaped-7")
absolute symlink|--extract --allow-symlinks|link(z, "escape", "/tmp")
link chain p -> . then e -> p/p/p/../..|--extract --allow-symlinks|link(z, "p", "."); link(z, "e", "p/p/p/../..")
link to a link that climbs|--extract --allow-symlinks|link(z, "a", "b"); link(z, "b", "..")
file through a link to the folder|--extract --allow-symlinks|link(z, "up", "."); z.writestr("up/escaped-11", "x")
folder entry through a link out|--extract --allow-symlinks|link(z, "d", ".."); z.writestr("d/escaped-12/", "")
file through a link out|--extract --allow-symlinks|link(z, "d", "../.."); z.writestr("d/escaped-13", "x")
file then a link on its folder|--extract --allow-symlinks|z.writestr("bin/hello", "x"); link(z, "bin", "..")
looping links|--extract --allow-symlinks|link(z, "x", "y"); link(z, "y", "x")
duplicate entries|--extract|z.writestr("hello", "1"); z.writestr("hello", "2")
one entry of 64 MiB of zeros|--extract|z.writestr("zeros", b"\0" * (64 << 20))
1024 entries of 256 KiB of zeros|--extract|[z.writestr("z%d" % i, b"\0" * (256 << 10)) for i in range(1024)]
more than 10000 entries|--extract|[z.writestr("f%d" % i, "") for i in range(10001)]
over --max-unpacked-size|--extract --max-unpacked-size 1MiB|z.writestr("noise", os.urandom(3 << 20))
not a zip at all|--extract|None
CASES
)

n=0; refused=0; outside=0; left=0
snapshot() { find "$work" -path "$work/root/project/out" -prune -o -print | sort; ls -d /tmp/hostile-escaped-* 2>/dev/null; }
while IFS='|' read -r name flags code; do
  n=$((n + 1)); commit=$(printf '%07x' "$n")
  rm -rf out store/*; zip="store/hello_linux_amd64_$commit.zip"
  CODE=$code python3 - "$zip" <<'PY'
import os, stat, sys, zipfile
def link(z, name, target):
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    z.writestr(info, target)
if os.environ["CODE"] == "None":
    open(sys.argv[1], "wb").write(b"PK not a zip")
else:
    with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
        exec(os.environ["CODE"])
PY
  before=$(snapshot)
  "$cli" artifacts download --local --commit "$commit" --dest out $flags > "$work/out.txt" 2>&1
  rc=$?
  after=$(snapshot)
  new=$(comm -13 <(echo "$before") <(echo "$after") | grep -v "^$work/out.txt$")
  [ "$rc" -eq 4 ] && refused=$((refused + 1))
  [ -n "$new" ] && outside=$((outside + 1))
  extra=$(find out -mindepth 1 -maxdepth 1 ! -name "hello_linux_amd64_$commit.zip" 2>/dev/null)
  [ -n "$extra" ] && left=$((left + 1))
  printf '%-48s exit %s  outside: %s  left in --dest: %s\n' "$name" "$rc" "${new:-none}" "${extra:-none}"
  [ "$rc" -ne 4 ] && sed 's/^/    /' "$work/out.txt"
done <<< "$cases"
rm -rf /tmp/hostile-escaped-* 2>/dev/null
echo "hostile zips: $n, refused with exit 4: $refused, with writes outside --dest: $outside, with anything left beside the zip: $left"
