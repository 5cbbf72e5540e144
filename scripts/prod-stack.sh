#!/usr/bin/env bash
# The production-like stack on loopback: Redis (started here), PostgreSQL
# (DATABASE_URL, from with-postgres.sh) and gunicorn with several workers.
# With VARNISH_PORT, Varnish in front of it on that port (scripts/varnish.sh),
# purged by the hub on every change. Used by `make prod-demo` and bench/load.py.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?run through scripts/with-postgres.sh}"
PORT=${PORT:-8000}
WORKERS=${WORKERS:-4}

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1 || {
      apt-get update -q >/dev/null 2>&1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null
    }
  else
    echo "prod-stack: redis-server is needed (apt-get install redis-server)" >&2; exit 1
  fi
fi
tmp=$(mktemp -d /tmp/almenhub-redis.XXXXXX)
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$tmp" --save "" --appendonly no --daemonize yes --pidfile "$tmp/redis.pid" --logfile "$tmp/redis.log"
cleanup() { kill "$(cat "$tmp/redis.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=almenhub.settings.production
export SECRET_KEY=${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export ALMENHUB_LOCAL_HTTP=1   # plain http on loopback: no TLS redirect, no secure-only cookies
export ALMENHUB_DATA_DIR=${ALMENHUB_DATA_DIR:-$tmp/data}
if [ -n "${VARNISH_PORT:-}" ]; then
  export VARNISH_URL="http://127.0.0.1:$VARNISH_PORT"
  scripts/ensure-varnish.sh
fi
mkdir -p "$ALMENHUB_DATA_DIR"

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_demo --if-empty
.venv/bin/python manage.py rebuild_search_index -v0
# The demo's first load leaves hundreds of tasks (reference index, the
# proxy's purges): done now, in one batch, not while the first visitors
# come (their purges would empty Varnish's cache again and again).
.venv/bin/python manage.py db_worker --batch --no-reload >"$tmp/worker-first.log" 2>&1
# The task worker and the scheduler beside the web server, stopped with it.
PYTHONPATH=src .venv/bin/python manage.py db_worker --interval 0.5 --no-reload >"$tmp/worker.log" 2>&1 &
worker_pid=$!
PYTHONPATH=src .venv/bin/python manage.py run_scheduler >"$tmp/scheduler.log" 2>&1 &
scheduler_pid=$!
varnish_pid=
if [ -n "${VARNISH_PORT:-}" ]; then
  BACKEND_PORT=$PORT VARNISH_WORKDIR="$tmp/varnish" scripts/varnish.sh >"$tmp/varnish.log" 2>&1 &
  varnish_pid=$!
  echo "prod-stack: Varnish on http://127.0.0.1:$VARNISH_PORT in front of gunicorn" >&2
fi
cleanup() {
  kill $varnish_pid "$worker_pid" "$scheduler_pid" 2>/dev/null || true
  wait $varnish_pid "$worker_pid" "$scheduler_pid" 2>/dev/null || true
  kill "$(cat "$tmp/redis.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$tmp"
}
echo "prod-stack: gunicorn with $WORKERS workers on http://127.0.0.1:$PORT (PostgreSQL, Redis, worker, scheduler)" >&2
exec_args=(.venv/bin/gunicorn almenhub.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --access-logfile - --log-level warning)
if [ -n "${GUNICORN_PIDFILE:-}" ]; then exec_args+=(--pid "$GUNICORN_PIDFILE"); fi
# Not exec: the trap must outlive gunicorn to stop the worker and scheduler.
PYTHONPATH=src "${exec_args[@]}" &
web_pid=$!
trap 'kill -TERM $web_pid 2>/dev/null || true; wait $web_pid 2>/dev/null || true; cleanup' EXIT INT TERM
wait "$web_pid"
