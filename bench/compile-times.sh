#!/usr/bin/env bash
# Compile times of folio at one or more commits, one after another on this machine
# (BENCHMARKS.md, "Compile time"). Each commit is checked out in its own worktree and
# built in its own empty target folder.
#
#   bash bench/compile-times.sh REV...                  clean release builds
#   bash bench/compile-times.sh --incremental REV...    also dev builds: clean, nothing
#                                                       changed, touch and edit a site
#                                                       file and a verifier file, and
#                                                       release builds after a touch
#
# Prints one line per measurement: REV STEP SECONDS (and units and crates for a
# clean release build, from cargo's --timings table), then the slowest units.
set -euo pipefail
cd "$(dirname "$0")/.."
incremental=false
if [ "${1:-}" = --incremental ]; then
  incremental=true
  shift
fi
[ $# -gt 0 ] || { echo "usage: $0 [--incremental] REV..." >&2; exit 2; }
work=$(mktemp -d)
trap 'for d in "$work"/src-*; do git worktree remove --force "$d" 2>/dev/null || true; done; rm -rf "$work"' EXIT

seconds() { # command... ; prints the wall time of the command
  local start end
  start=$(date +%s.%N)
  if ! "$@" >>"$work/log" 2>&1; then
    tail -20 "$work/log" >&2
    echo "failed: $*" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  printf '%.1f' "$(echo "$end - $start" | bc)"
}

timing_table() { # html ; units, crates and the eight slowest units
  python3 - "$1" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
data = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
crates = {(u["name"], u["version"]) for u in data}
print(f"units={len(data)} crates={len(crates)}")
for u in sorted(data, key=lambda u: -u["duration"])[:8]:
    print(f"    {u['duration']:6.1f} s  {u['name']} {u['version']} {u.get('target', '').strip()}")
EOF
}

for rev in "$@"; do
  src="$work/src-$rev"
  git worktree add -q --detach "$src" "$rev"
  # Where the verifier lives at this commit: its own crate, or src/badge/.
  verifier=crates/openbadges-verify/src/proof.rs
  [ -f "$src/$verifier" ] || verifier=src/badge/proof.rs
  site=src/render/mod.rs
  rel="$work/release-$rev"
  build_rel() { (cd "$src" && CARGO_TARGET_DIR="$rel" cargo build --release --locked -q "$@"); }
  t=$(seconds build_rel --timings)
  table=$(timing_table "$rel/cargo-timings/cargo-timing.html")
  echo "$rev release-clean ${t}s ${table%%$'\n'*}"
  echo "${table#*$'\n'}"
  $incremental || continue
  dev="$work/dev-$rev"
  build_dev() { (cd "$src" && CARGO_TARGET_DIR="$dev" cargo build --locked -q); }
  echo "$rev dev-clean $(seconds build_dev)s"
  echo "$rev dev-nothing-changed $(seconds build_dev)s"
  for what in site verifier; do
    file=$site
    [ $what = verifier ] && file=$verifier
    touch "$src/$file"
    echo "$rev dev-touch-$what $(seconds build_dev)s"
    printf '\n#[allow(dead_code)]\nfn measure_edit() {}\n' >>"$src/$file"
    echo "$rev dev-edit-$what $(seconds build_dev)s"
    git -C "$src" checkout -q -- "$file"
    echo "$rev dev-edit-$what-undone $(seconds build_dev)s"
  done
  for what in site verifier; do
    file=$site
    [ $what = verifier ] && file=$verifier
    touch "$src/$file"
    echo "$rev release-touch-$what $(seconds build_rel)s"
  done
done
