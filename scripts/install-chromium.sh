#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests (e2e/ drives /usr/bin/chromium; a browser
# download of Playwright's own cannot work here). Does nothing when it is already installed.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q chromium
/usr/bin/chromium --version
