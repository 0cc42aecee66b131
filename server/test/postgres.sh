#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests.
#   postgres.sh start   initdb in a new temporary folder, start it on a free port, print its URL
#                       on stdout (postgresql://postgres@127.0.0.1:PORT/postgres) and its folder
#                       on stderr as "folder=PATH"
#   postgres.sh stop PATH   stop that cluster and delete its folder
# Run as root, the cluster runs as the unprivileged user postgres (PostgreSQL refuses root).
set -euo pipefail

bin_dir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "PostgreSQL is not installed (no initdb): run scripts/install-test-deps.sh (as root) or apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

case "${1:-}" in
  start)
    bin=$(bin_dir)
    folder=$(mktemp -d /tmp/looplab-postgres.XXXXXX)
    chmod 755 "$folder"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$folder"; fi
    as_owner "$bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-sync >"$folder/initdb.log" 2>&1 ||
      { cat "$folder/initdb.log" >&2; exit 1; }
    port=$(free_port)
    # fsync off: a test cluster need not survive a power cut, and it makes the tests faster.
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $folder -F -c max_connections=200" start >/dev/null ||
      { cat "$folder/server.log" >&2; exit 1; }
    echo "folder=$folder" >&2
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    folder=${2:?usage: postgres.sh stop FOLDER}
    bin=$(bin_dir)
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
  *)
    echo "usage: postgres.sh start | stop FOLDER" >&2
    exit 2
    ;;
esac
