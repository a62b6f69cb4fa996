#!/usr/bin/env bash
# A local two-shard ClickHouse cluster on loopback (two clickhouse-server instances, no ZooKeeper).
# Usage: deploy/clickhouse/cluster.sh start|stop|status [SHARD]   (SHARD = 1 or 2: only that instance)
# Environment: SEG_CH_DIR   base directory (default /tmp/seg-clickhouse; one sub-directory per shard)
#              SEG_CH_PORTS ports "HTTP1 TCP1 INTERSERVER1 HTTP2 TCP2 INTERSERVER2" (default "8124 9101 9201 8125 9102 9202")
# On start, prints the connection string the product (and the tests, via SEG_TEST_CLICKHOUSE) use.
# Runs the servers as the 'clickhouse' user when started as root (apt-get install -y clickhouse-server clickhouse-client).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE="${SEG_CH_DIR:-/tmp/seg-clickhouse}"
read -r -a P <<< "${SEG_CH_PORTS:-8124 9101 9201 8125 9102 9202}"
[ "${#P[@]}" = 6 ] || { echo "SEG_CH_PORTS needs six ports" >&2; exit 2; }
SERVER="$(command -v clickhouse-server || echo /usr/bin/clickhouse-server)"
[ -x "$SERVER" ] || { echo "clickhouse-server not found (apt-get install -y clickhouse-server clickhouse-client)" >&2; exit 1; }
USERS=/etc/clickhouse-server/users.xml

http_port() { echo "${P[$(( ($1 - 1) * 3 ))]}"; }
pid_of() { local f="$BASE/shard$1/server.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
answers() { curl -sf --max-time 1 "http://127.0.0.1:$(http_port "$1")/?query=SELECT%201" >/dev/null 2>&1; }

start_shard() {
  local s=$1 dir="$BASE/shard$1" i=$(( ($1 - 1) * 3 ))
  if pid_of "$s" >/dev/null; then return; fi
  mkdir -p "$dir"/{log,data,tmp,user_files,format_schemas}
  # Aggregations and sorts over 3 GB spill to tmp/ instead of failing at the default 9.3 GiB per-query limit (at 100 M
  # transactions a shard's customer × month table of the KPIs needs more).
  sed -e 's|<max_memory_usage>\([0-9]*\)</max_memory_usage>|<max_memory_usage>\1</max_memory_usage><max_bytes_before_external_group_by>3000000000</max_bytes_before_external_group_by><max_bytes_before_external_sort>3000000000</max_bytes_before_external_sort>|' \
      "$USERS" > "$dir/users.xml"
  grep -q max_bytes_before_external_group_by "$dir/users.xml" || { echo "could not set the spill thresholds in $dir/users.xml" >&2; exit 1; }
  sed -e "s|@DIR@|$dir|g" -e "s|@HTTP@|${P[$i]}|" -e "s|@TCP@|${P[$i+1]}|" -e "s|@INTERSERVER@|${P[$i+2]}|" \
      -e "s|@TCP1@|${P[1]}|" -e "s|@TCP2@|${P[4]}|" "$HERE/config.template.xml" > "$dir/config.xml"
  [ "$(id -u)" = 0 ] && chown -R clickhouse:clickhouse "$dir"
  # Started directly (not through a shell function) so $! is the server's own PID: setpriv execs the server.
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=clickhouse --regid=clickhouse --init-groups "$SERVER" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
  else
    "$SERVER" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
  fi
  echo $! > "$dir/server.pid"
}

stop_shard() {
  local s=$1 pid
  pid="$(pid_of "$s" || true)"
  [ -n "$pid" ] || { rm -f "$BASE/shard$s/server.pid"; return; }
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$BASE/shard$s/server.pid"
}

SHARDS=(1 2); [ -n "${2:-}" ] && SHARDS=("$2")
case "${1:-}" in
  start)
    mkdir -p "$BASE"
    for s in "${SHARDS[@]}"; do start_shard "$s"; done
    for s in "${SHARDS[@]}"; do
      for _ in $(seq 1 150); do answers "$s" && break; sleep 0.1; done
      answers "$s" || { echo "shard $s (127.0.0.1:$(http_port "$s")) did not answer; see $BASE/shard$s/log" >&2; exit 1; }
    done
    echo "Nodes=127.0.0.1:$(http_port 1),127.0.0.1:$(http_port 2);Cluster=two_shards;Database=default"
    ;;
  stop) for s in "${SHARDS[@]}"; do stop_shard "$s"; done ;;
  status)
    rc=0
    for s in "${SHARDS[@]}"; do
      if answers "$s"; then echo "shard $s: up (pid $(pid_of "$s" || echo ?), http 127.0.0.1:$(http_port "$s"))";
      else echo "shard $s: down (http 127.0.0.1:$(http_port "$s"))"; rc=3; fi
    done
    exit $rc ;;
  *) echo "usage: $0 start|stop|status [1|2]" >&2; exit 2 ;;
esac
