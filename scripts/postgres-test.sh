#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: no root-owned state, nothing left behind.
#
#   eval "$(bash scripts/postgres-test.sh start)"   # prints export MYNA_TEST_POSTGRES_URL=… and …_DIR=…
#   bash scripts/postgres-test.sh stop [DIR]        # DIR defaults to $MYNA_TEST_POSTGRES_DIR
#
# The cluster lives in a fresh temp folder owned by the `postgres` user when run as root (initdb
# refuses to run as root), listens on 127.0.0.1 at a free port and on a Unix socket inside that
# folder, trusts local connections, and has one database `myna`. Only the export lines go to
# stdout; progress and errors go to stderr. Binaries: $PG_BIN, else `pg_config --bindir`, else the
# newest /usr/lib/postgresql/*/bin.
set -euo pipefail

die() {
  echo "postgres-test: $*" >&2
  exit 1
}

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
    echo "$PG_BIN"
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then
    echo "$d"
    return
  fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  die "PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)"
}

# Runs a command as the cluster owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin dir port i log
  bin="$(find_bin)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    die "no 'postgres' user to run the server as (apt-get install postgresql creates it)"
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/myna-pg.XXXXXX")"
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  log="$dir/server.log"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  for i in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres myna >&2 ||
        { stop_dir "$dir"; die "createdb failed"; }
      echo "export MYNA_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/myna"
      echo "export MYNA_TEST_POSTGRES_DIR=$dir"
      echo "postgres-test: PostgreSQL ($bin) on 127.0.0.1:$port, data in $dir" >&2
      return 0
    fi
    echo "postgres-test: start on port $port failed (attempt $i)" >&2
  done
  [ -f "$log" ] && tail -n 20 "$log" >&2
  rm -rf "$dir"
  die "could not start PostgreSQL"
}

stop_dir() {
  local dir="$1" bin
  [ -d "$dir/data" ] || die "not a cluster folder made by this script: $dir"
  bin="$(find_bin)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop)
    dir="${2:-${MYNA_TEST_POSTGRES_DIR:-}}"
    [ -n "$dir" ] || die "stop: give the folder printed by start (or set MYNA_TEST_POSTGRES_DIR)"
    case "$dir" in */myna-pg.*) ;; *) die "refusing to remove $dir (not made by this script)" ;; esac
    stop_dir "$dir"
    ;;
  *)
    echo "usage: $0 start | stop [DIR]" >&2
    exit 2
    ;;
esac
