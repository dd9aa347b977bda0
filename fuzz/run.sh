#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), two at a time, and prints
# executions and crashes per target. Needs cargo-fuzz (`cargo install cargo-fuzz`);
# RUSTC_BOOTSTRAP lets the stable toolchain build with the sanitizer flags it uses.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
export RUSTC_BOOTSTRAP=1
[ -d fuzz/corpus/markdown ] || bash fuzz/seed.sh
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
run markdown & run template & wait
run links & run serve_request & wait
