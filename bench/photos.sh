#!/usr/bin/env bash
# A portfolio of 50 phone photos (4000×3000 JPEG with GPS Exif, one page each, the
# built-in default theme), built by folio and by Hugo side by side in one run: the
# first build (every web-sized copy made: 480, 960 and 1600 px wide, WebP and JPEG, six
# a photo) and the second (copies from each tool's cache); then `folio serve`'s
# save-to-served time for an edit to one page's text with the images unchanged.
#
# Hugo makes the same six copies of each photo with a markdown render hook
# (`.Resize "1600x webp"` and so on, CatmullRom, folio's JPEG quality), each photo a
# page bundle. /usr/bin/time gives wall time, CPU time (user + system) and peak
# memory; the tools alternate; medians of RUNS.
#
#   bash bench/photos.sh            (N=50 photos, RUNS=3 builds of each kind)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-50}; runs=${RUNS:-3}
need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2 from Debian's packages"; apt-get install -y "$2" >/dev/null; }; }
need hugo hugo
need bc bc
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
cargo build --release --quiet --bin folio --example photo_site
target=${CARGO_TARGET_DIR:-$PWD/target}
folio=$target/release/folio
dir=${BENCH_DIR:-/dev/shm/folio-photos}
rm -rf "$dir"; trap 'rm -rf "$dir"' EXIT
"$target/release/examples/photo_site" "$dir/site" "$n"
quality=$(grep -o 'JPEG_QUALITY: u8 = [0-9]*' src/images/variants.rs | grep -o '[0-9]*$')

# The same photos as a Hugo site: a page bundle each, copies made by a render hook.
h=$dir/hugo
mkdir -p "$h/layouts/_default/_markup" "$h/content/photos"
cat > "$h/hugo.toml" <<TOML
baseURL = "https://photos.example/"
title = "Photos"
disableKinds = ["taxonomy", "term"]
[imaging]
quality = $quality
resampleFilter = "CatmullRom"
TOML
cat > "$h/layouts/_default/_markup/render-image.html" <<'HTML'
{{- with .Page.Resources.GetMatch .Destination -}}
{{- $w := slice (.Resize "480x webp") (.Resize "960x webp") (.Resize "1600x webp") -}}
{{- $j := slice (.Resize "480x jpg") (.Resize "960x jpg") (.Resize "1600x jpg") -}}
<picture><source type="image/webp" srcset="{{ range $w }}{{ .RelPermalink }} {{ .Width }}w, {{ end }}"><img src="{{ (index $j 2).RelPermalink }}" srcset="{{ range $j }}{{ .RelPermalink }} {{ .Width }}w, {{ end }}" width="{{ (index $j 2).Width }}" height="{{ (index $j 2).Height }}" alt="{{ $.Text }}" loading="lazy"></picture>
{{- end -}}
HTML
printf '<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n' > "$h/layouts/_default/single.html"
printf '<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n' > "$h/layouts/_default/list.html"
cp "$h/layouts/_default/list.html" "$h/layouts/index.html"
for i in $(seq 0 $((n - 1))); do
  i2=$(printf '%02d' "$i")
  mkdir -p "$h/content/photos/visit-$i2"
  cp "$dir/site/static/images/photo-$i2.jpg" "$h/content/photos/visit-$i2/photo.jpg"
  printf -- '---\ntitle: Site visit %s\n---\n![Visit %s](photo.jpg)\n\nNotes from visit %s.\n' "$i" "$i" "$i" > "$h/content/photos/visit-$i2/index.md"
done

echo "machine: $(nproc) cores; $n photos, $(du -sh "$dir/site/static" | cut -f1) of them"
echo "folio $($folio --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f2 | cut -d+ -f1 | sed 's/^v/Hugo /'), $runs runs per figure"
# One timed build: prints "wall cpu peak_mib".
timed() { /usr/bin/time -f "%e %U %S %M" -o "$dir/t" "$@" >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }; awk '{printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$dir/t"; }
build() { # tool kind
  case "$1-$2" in
    folio-first) rm -rf "$dir/site/.folio" "$dir/out"; timed "$folio" build --quiet --offline --root "$dir/site" --out "$dir/out" ;;
    folio-second) rm -rf "$dir/out"; timed "$folio" build --quiet --offline --root "$dir/site" --out "$dir/out" ;;
    hugo-first) rm -rf "$h/resources" "$dir/hcache" "$dir/hout"; timed hugo --quiet -s "$h" -d "$dir/hout" --cacheDir "$dir/hcache" ;;
    hugo-second) rm -rf "$dir/hout"; timed hugo --quiet -s "$h" -d "$dir/hout" --cacheDir "$dir/hcache" ;;
  esac
}
declare -A res
for i in $(seq "$runs"); do
  order="folio hugo"; [ $((i % 2)) -eq 0 ] && order="hugo folio"
  for tool in $order; do
    for kind in first second; do
      res[$tool-$kind]="${res[$tool-$kind]:-} $(build "$tool" "$kind" | tr ' ' ',')"
    done
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
col() { for r in $1; do echo "$r" | cut -d, -f"$2"; done | tr '\n' ' ' | median; }
printf "%-8s %-7s %9s %9s %11s\n" build tool "wall (s)" "CPU (s)" "peak (MiB)"
for kind in first second; do
  for tool in folio hugo; do
    printf "%-8s %-7s %9s %9s %11s\n" "$kind" "$tool" "$(col "${res[$tool-$kind]}" 1)" "$(col "${res[$tool-$kind]}" 2)" "$(col "${res[$tool-$kind]}" 3)"
  done
  printf "%-8s %-7s %9.2f %9s %11.2f\n" "$kind" "ratio" "$(echo "$(col "${res[folio-$kind]}" 1) / $(col "${res[hugo-$kind]}" 1)" | bc -l)" "" "$(echo "$(col "${res[folio-$kind]}" 3) / $(col "${res[hugo-$kind]}" 3)" | bc -l)"
done
echo "published: folio $(du -sh "$dir/out/_img" | cut -f1) of copies in $(find "$dir/out/_img" -maxdepth 1 -type f | wc -l) files ($(find "$dir/out" -path "*cards*" -name "*.png" | wc -l) preview cards); Hugo $(find "$dir/hout" -name "*_resize_*" | wc -l) copies"
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
