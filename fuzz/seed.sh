#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the project's own fixtures (see tests/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
mkdir -p "$corpus"/{markdown,template,links,serve_request,verify_credential,baked_images,jws,front_matter,pathway,lock,archive,image_metadata,resume_import,sd_jwt,presentation,ecdsa_sd}

# image_metadata: every raster image the project ships (photos, badge pictures).
find example-portfolio tests/fixtures themes -type f \( -name '*.jpg' -o -name '*.jpeg' -o -name '*.png' -o -name '*.webp' \) -size -2M -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$corpus/image_metadata/$(echo "$f" | tr / _)"; done

# resume_import: the JSON Resume fixtures.
find tests/fixtures/json-resume -name '*.json' -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$corpus/resume_import/$(echo "$f" | tr / _)"; done

# ecdsa_sd: the CBOR of every ecdsa-sd-2023 proof value the fixtures hold, after a
# byte that picks its header (1 derived, 0 base).
python3 - "$corpus/ecdsa_sd" <<'PY'
import base64, glob, json, os, sys
for path in glob.glob('tests/fixtures/ecdsa-sd/*.json'):
    value = json.load(open(path))['proof']['proofValue'][1:]
    raw = base64.urlsafe_b64decode(value + '=' * (-len(value) % 4))
    name = os.path.join(sys.argv[1], os.path.basename(path))
    open(name, 'wb').write(bytes([raw[2]]) + raw[3:])
PY

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
# verify_credential, baked_images, jws: credentials that are NOT verified on their own
# (tampered, wrong key, forged, unsupported…): the target asserts "never verified",
# so no genuinely valid credential may be a seed.
for m in crates/openbadges-verify/tests/fixtures/interop/MANIFEST.tsv tests/fixtures/dcc/MANIFEST.tsv; do
  dir=$(dirname "$m")/credentials
  col=$(head -1 "$m" | tr '\t' '\n' | grep -n '^standalone$' | cut -d: -f1)
  tail -n +2 "$m" | while IFS= read -r line; do
    file=$(printf '%s' "$line" | cut -f1)
    status=$(printf '%s' "$line" | cut -f"$col")
    [ "$status" = verified ] && continue
    cp "$dir/$file" "$corpus/verify_credential/$(basename "$dir")-$file" 2>/dev/null || true
    case "$file" in
      *.png|*.svg) cp "$dir/$file" "$corpus/baked_images/$file" ;;
      *.jwt|*.jws) cp "$dir/$file" "$corpus/jws/$file" ;;
    esac
  done
done
# front_matter: the front matter of every content file.
cp "$corpus"/markdown/* "$corpus/front_matter/"
# pathway: the built-in and example pathways and the fixtures'.
find src/pathway/examples example-portfolio tests/fixtures -name '*.yaml' -path '*pathway*' -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$corpus/pathway/$(echo "$f" | tr / _)"; done
# lock: a lock file as folio writes it.
printf '# folio.lock\nversion: 1\nsources:\n- source: git+https://git.example/theme.git\n  requested: tag=v1.0.0\n  commit: 0123456789abcdef0123456789abcdef01234567\n  hash: h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n' >"$corpus/lock/seed-1"
# archive: small tar and tar.gz archives of a built-in theme.
tar -cf "$corpus/archive/theme.tar" -C themes resume/theme.yaml resume/templates
gzip -c "$corpus/archive/theme.tar" >"$corpus/archive/theme.tar.gz"
echo "seeded: $(for t in $(ls "$corpus"); do printf '%s=%s ' "$t" "$(ls "$corpus/$t" | wc -l)"; done)"
