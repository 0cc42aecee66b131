#!/usr/bin/env bash
# Services the tests need on a fresh CI machine: PostgreSQL from Debian's packages (installed
# when missing; needs root), started as a throwaway cluster on loopback. Prints the line that
# points the tests at it, for the caller to evaluate:
#   eval "$(scripts/ci-services.sh)"
# Everything else goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
fi

url=$(server/test/postgres.sh start)
echo "PostgreSQL for the tests: $url" >&2
echo "export DATABASE_URL=$url"
