#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL 15 server.
#
# The server lives in a temporary folder, listens on a free loopback port and
# is stopped (and the folder removed) when the command ends, also on failure.
# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
set -euo pipefail

find_bin() {
  for dir in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/15/bin /usr/local/bin /usr/bin; do
    if [ -n "$dir" ] && [ -x "$dir/$1" ]; then echo "$dir/$1"; return; fi
  done
  command -v "$1" || { echo "with-postgres: $1 not found (install PostgreSQL 15)" >&2; exit 1; }
}
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
CREATEDB=$(find_bin createdb)

tmp=$(mktemp -d /tmp/almenhub-pg.XXXXXX)
chmod 755 "$tmp"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$tmp"
  as_pg=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${as_pg[@]}" "$PG_CTL" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT

"${as_pg[@]}" "$INITDB" -D "$tmp/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PG_CTL" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 1; }

"$CREATEDB" -h 127.0.0.1 -p "$port" -U postgres almenhub
if [ -n "${PG_INFO_FILE:-}" ]; then
  # For fault tests: how to stop and start this very server again.
  printf '%s\n' "${as_pg[*]:-}" "$PG_CTL" "$tmp/data" "$port" "$tmp" > "$PG_INFO_FILE"
fi
echo "with-postgres: PostgreSQL $("${as_pg[@]}" "$PG_CTL" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/almenhub"
"$@"
