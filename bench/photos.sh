#!/usr/bin/env bash
# A portfolio of 50 phone photos (4000×3000 JPEG with GPS Exif, one page each, the
# built-in default theme): the first build (every web-sized copy encoded), the second
# (copies from .folio/cache), and `folio serve`'s save-to-served time for an edit to
# one page's text with the images unchanged.
#
#   bash bench/photos.sh            (N=50 photos, RUNS=3 builds of each kind)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-50}; runs=${RUNS:-3}
cargo build --release --quiet --bin folio --example photo_site
target=${CARGO_TARGET_DIR:-$PWD/target}
folio=$target/release/folio
dir=${BENCH_DIR:-/dev/shm/folio-photos}
rm -rf "$dir"; trap 'rm -rf "$dir"' EXIT
"$target/release/examples/photo_site" "$dir/site" "$n"
echo "machine: $(nproc) cores; $n photos, $(du -sh "$dir/site/static" | cut -f1) of them"
first=""; second=""
for i in $(seq "$runs"); do
  rm -rf "$dir/site/.folio" "$dir/out"
  s=$(date +%s.%N); "$folio" build --quiet --offline --root "$dir/site" --out "$dir/out"; e=$(date +%s.%N)
  first="$first $(echo "$e - $s" | bc)"
  rm -rf "$dir/out"
  s=$(date +%s.%N); "$folio" build --quiet --offline --root "$dir/site" --out "$dir/out"; e=$(date +%s.%N)
  second="$second $(echo "$e - $s" | bc)"
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "first build (every copy encoded):   $(echo $first | median) s   (runs:$first)"
echo "second build (copies from cache):   $(echo $second | median) s   (runs:$second)"
echo "published: $(du -sh "$dir/out/_img" | cut -f1) of copies, $(find "$dir/out/_img" -maxdepth 1 -type f | wc -l) files (and $(find "$dir/out" -name "*.png" -path "*card*" | wc -l) preview cards)"
python3 - "$folio" "$dir/site" <<'PY'
import os, socket, subprocess, sys, time, urllib.request
folio, site = sys.argv[1], sys.argv[2]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
proc = subprocess.Popen([folio, "serve", "--root", site, "--port", str(port), "--offline"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def get(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
            return r.read().decode()
    except Exception:
        return ""
try:
    start = time.time()
    while "Notes from visit 3" not in get("photos/visit-03/"):
        assert time.time() - start < 300, "serve did not start"
        time.sleep(0.05)
    time.sleep(1)
    page = os.path.join(site, "content/photos/visit-03.md")
    original = open(page).read()
    took = []
    for i in range(10):
        token = f"edit{i}x{os.getpid()}"
        with open(page, "w") as f:
            f.write(original + f"\n{token}\n")
        t0 = time.perf_counter()
        while token not in get("photos/visit-03/"):
            time.sleep(0.005)
        took.append(time.perf_counter() - t0)
        time.sleep(0.5)
    took.sort()
    print(f"serve, edit to a page's text, images unchanged: median {took[len(took)//2]*1000:.0f} ms, worst {took[-1]*1000:.0f} ms (10 edits)")
finally:
    proc.terminate(); proc.wait()
PY
