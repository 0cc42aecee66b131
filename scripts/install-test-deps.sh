#!/usr/bin/env bash
# Debian packages the test suite uses beyond npm: PostgreSQL (the storage tests start a
# throwaway cluster of their own), Chromium (the end-to-end tests) and a font with CJK glyphs
# (the examples' Chinese comments and seed titles in the screenshots). Idempotent; needs root
# to install. CI runs it before the README's commands.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
