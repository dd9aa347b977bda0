#!/usr/bin/env bash
# Installs folio for the Pages workflow (`folio init` writes it into
# .github/workflows/pages.yml): the pinned release's binary for this runner, checked
# against the SHA-256 written into the workflow; built from source with `cargo install
# --locked` only when the release has no binary for this platform (or no hash was
# pinned). A binary whose hash differs is refused: the step fails, nothing is run.
#
# Environment: FOLIO_RELEASES (base URL of the release downloads), FOLIO_TAG,
# FOLIO_SHA256_<TARGET> (e.g. FOLIO_SHA256_X86_64_UNKNOWN_LINUX_MUSL), FOLIO_GIT and
# FOLIO_PIN_FLAG/FOLIO_PIN (for the fallback), FOLIO_BIN (where to put it; default
# ~/.cargo/bin).
set -euo pipefail

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  *) target="" ;;
esac
bin="${FOLIO_BIN:-$HOME/.cargo/bin}"
mkdir -p "$bin"

fallback() {
  echo "folio: $1; building it from source instead (a few minutes)" >&2
  cargo install --locked --root "$(dirname "$bin")" --git "$FOLIO_GIT" "$FOLIO_PIN_FLAG" "$FOLIO_PIN" folio
}

if [ -z "$target" ]; then
  fallback "no release binary for $(uname -s) $(uname -m)"
  exit 0
fi
var="FOLIO_SHA256_$(echo "$target" | tr 'a-z-' 'A-Z_')"
want="${!var:-}"
if [ -z "$want" ]; then
  fallback "no pinned hash for $target in the workflow"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
archive="folio-$target.tar.gz"
if ! curl --fail --silent --show-error --location --proto '=https,http' \
    --max-time 120 -o "$tmp/$archive" "$FOLIO_RELEASES/$FOLIO_TAG/$archive"; then
  fallback "the release $FOLIO_TAG has no $archive"
  exit 0
fi
got="$(sha256sum "$tmp/$archive" | cut -d' ' -f1)"
if [ "$got" != "$want" ]; then
  echo "folio: REFUSED: $archive has SHA-256 $got, but the workflow pins $want" >&2
  echo "folio: the download is not the release this site was set up with; nothing was installed" >&2
  exit 1
fi
tar -xzf "$tmp/$archive" -C "$tmp"
install -m 755 "$tmp/folio" "$bin/folio"
echo "folio: installed $FOLIO_TAG for $target (SHA-256 $got)"
