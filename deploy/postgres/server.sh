#!/usr/bin/env bash
# Starts/stops a throw-away PostgreSQL server on loopback for the tests (PostgreSQL refuses to run as root:
# it runs as the 'postgres' user). Usage: deploy/postgres/server.sh start|stop|status
# Prints the connection string on start; tests read it from SEG_TEST_POSTGRES.
set -euo pipefail
PORT="${SEG_PG_PORT:-55432}"
DIR="${SEG_PG_DIR:-/tmp/seg-postgres}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR" -A trust -U postgres >/dev/null
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DIR" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" -l "$DIR/log" -w start >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
    ;;
  stop) as_pg "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true ;;
  status) as_pg "$BIN/pg_ctl" -D "$DIR" status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
