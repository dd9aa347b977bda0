#!/usr/bin/env bash
# Takes the README's screenshot of each built-in theme: builds the example portfolio
# with the theme, serves it on 127.0.0.1 under its base path, and photographs the home
# page with Debian's headless Chromium. Writes themes/NAME/screenshot.png.
#
#   bash scripts/screenshots.sh            (needs chromium and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
folio=target/release/folio
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/www"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
server=$!
sleep 0.5
for theme in $(ls themes); do
  [ -f "themes/$theme/theme.yaml" ] || continue
  rm -rf "$work/site"
  cp -r example-portfolio "$work/site"
  rm -rf "$work/site/public"
  sed -i "s/^theme: .*/theme: $theme/" "$work/site/folio.yaml"
  $folio build --quiet --offline --root "$work/site" --out "$work/www/portfolio-$theme" \
    --base-url "http://127.0.0.1:$port/portfolio-$theme/"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chrome" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1280,900 --screenshot="themes/$theme/screenshot.png" \
    "http://127.0.0.1:$port/portfolio-$theme/" 2>/dev/null
  echo "themes/$theme/screenshot.png"
done
