#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the project's own fixtures (see tests/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
mkdir -p "$corpus"/{markdown,template,links,serve_request}

# markdown: every content file of the fixtures and the example portfolio.
find tests/fixtures example-portfolio -name '*.md' -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$corpus/markdown/$(echo "$f" | tr / _)"; done

# template: every template of the built-in themes.
for f in themes/*/templates/*.html; do cp "$f" "$corpus/template/$(echo "$f" | tr / _)"; done

# links: the pages, feeds and styles of a real build of the example portfolio.
site=$(mktemp -d)
cargo run --quiet --release -- build --root example-portfolio --out "$site/public" --offline >/dev/null
find "$site/public" \( -name '*.html' -o -name '*.css' -o -name '*.xml' \) -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$corpus/links/$(echo "${f#"$site"/}" | tr / _)"; done
rm -rf "$site"

# serve_request: request heads, ordinary and hostile (the traversal forms tests/serve.rs tries).
i=0
for target in / /base/ /base/about/ /base/css/site.css '/base/../secret' '/base/%2e%2e/secret' \
  '/base/..%2fsecret' '/base/css/..%5c..%5csecret' '/base/%00' '/base/%ff' '//etc/passwd' \
  '/__folio/poll?since=1' '/base/about'; do
  for method in GET HEAD POST; do
    i=$((i + 1))
    printf '%s %s HTTP/1.1\r\nHost: localhost:4000\r\nConnection: keep-alive\r\n\r\n' "$method" "$target" \
      >"$corpus/serve_request/seed-$i"
  done
done
printf 'GET / HTTP/1.0\r\n\r\n' >"$corpus/serve_request/seed-http10"
printf 'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n' >"$corpus/serve_request/seed-rebinding"
echo "seeded: $(for t in markdown template links serve_request; do printf '%s=%s ' "$t" "$(ls "$corpus/$t" | wc -l)"; done)"
