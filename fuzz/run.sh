#!/usr/bin/env bash
# Runs every fuzz target (or the TARGETs named) for SECONDS each (default 600), two at
# a time, and prints executions and crashes per target: fuzz/run.sh [SECONDS [TARGET...]].
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain build with the sanitizer flags it uses.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
export RUSTC_BOOTSTRAP=1
[ -d fuzz/corpus/verify_credential ] || bash fuzz/seed.sh
cargo fuzz build -O >/dev/null 2>&1 || { echo "cargo fuzz build failed" >&2; exit 2; }
run() {
  local t=$1
  mkdir -p fuzz/artifacts/$t fuzz/logs
  cargo fuzz run -O "$t" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1
  local execs crashes
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$t.log" | grep -o '[0-9]*$')
  crashes=$(ls fuzz/artifacts/$t 2>/dev/null | wc -l)
  echo "$t: ${execs:-?} executions in ${seconds} s, $crashes crashes"
}
# The targets named, or every target registered in fuzz/Cargo.toml; two at a time.
if [ $# -eq 0 ]; then
  set -- $(grep -E '^name = "' fuzz/Cargo.toml | grep -v 'folio-fuzz' | sed -E 's/name = "(.*)"/\1/')
fi
while [ $# -gt 0 ]; do
  run "$1" &
  [ $# -gt 1 ] && run "$2" &
  wait
  shift; [ $# -gt 0 ] && shift
done
