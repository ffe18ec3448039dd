#!/usr/bin/env bash
# axe-core (Deque, MPL-2.0), the accessibility engine the desk's browser test runs
# (tests/integration/test_desk_a11y_browser.py): the npm package at a pinned version, its
# tarball SHA-256 checked, axe.min.js and its licence unpacked into the venv
# (.venv/share/axe-core/). Installed by `deploy/install.sh --test`; never fetched at run time
# (no CDN) and never committed. Idempotent: a second run only checks.
#   deploy/axe-core.sh [VENV]     (default: .venv beside this folder)
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.14.1
AXE_SHA256=e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745  # axe-core-4.14.1.tgz
VENV=${1:-.venv}
DEST="$VENV/share/axe-core"
if [ "$(cat "$DEST/VERSION" 2>/dev/null)" = "$AXE_VERSION" ] && [ -s "$DEST/axe.min.js" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "install: npm is needed to fetch axe-core (apt-get install npm)" >&2; exit 1; }
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/himflow/npm"
mkdir -p "$CACHE"
TGZ="$CACHE/axe-core-$AXE_VERSION.tgz"
if [ ! -f "$TGZ" ]; then
  (cd "$CACHE" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null)
fi
if ! echo "$AXE_SHA256  $TGZ" | sha256sum -c --quiet - >/dev/null 2>&1; then
  rm -f "$TGZ"
  echo "install: axe-core-$AXE_VERSION.tgz does not have the pinned SHA-256" >&2
  exit 1
fi
rm -rf "$DEST.tmp"
mkdir -p "$DEST.tmp"
tar -xzf "$TGZ" -C "$DEST.tmp" --strip-components=1 package/axe.min.js package/LICENSE
echo "$AXE_VERSION" > "$DEST.tmp/VERSION"
rm -rf "$DEST"
mv "$DEST.tmp" "$DEST"
echo "install: axe-core $AXE_VERSION in $DEST"
