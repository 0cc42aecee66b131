#!/usr/bin/env bash
# Debian packages the test suite uses beyond npm: PostgreSQL (the storage tests start a
# throwaway cluster of their own) and Chromium (the end-to-end tests). Idempotent; needs root
# to install. CI runs it before the README's commands.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
