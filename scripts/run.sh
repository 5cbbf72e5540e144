#!/usr/bin/env bash
# The embedded deployment, as `make run` starts it on one machine: granian
# (DEBUG off, the hub's own error pages, WhiteNoise for static files), the
# task worker (django_tasks_db's db_worker) and the scheduler, on SQLite in
# the data folder (WAL, busy timeout: settings/base.py). One command: they
# start together, and when one stops (or Ctrl+C) all stop.
#
# Environment: HOST, PORT, ALMENHUB_DATA_DIR (default data/), WEB_WORKERS,
# WEB_THREADS, WEB_PIDFILE, ALMENHUB_DEMO=0 (no demo content on first start), and every
# setting that settings/embedded.py reads (ALLOWED_HOSTS, EMAIL_HOST, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-almenhub.settings.embedded}
ALMENHUB_DATA_DIR=$(realpath -m "${ALMENHUB_DATA_DIR:-data}")
export ALMENHUB_DATA_DIR
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://$HOST:$PORT}
export PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH}
BIN=${BIN:-.venv/bin}
# Sized for the machine: a process per core and one more, each with threads
# for requests that wait on the database or the disk. granian rather than
# gunicorn: its HTTP handling is Rust, outside the GIL; on the same code and
# data bench/load.py's mix got ~2x the requests/s of gunicorn's gthread
# workers of the same size (ops note, session 27). Production keeps gunicorn
# behind Varnish (scripts/prod-stack.sh), which answers most requests there.
cores=$(nproc 2>/dev/null || echo 2)
WEB_WORKERS=${WEB_WORKERS:-$((cores + 1))}
WEB_THREADS=${WEB_THREADS:-4}
logs="$ALMENHUB_DATA_DIR/logs"
mkdir -p "$logs"

"$BIN/python" manage.py migrate --noinput -v0
# Collecting (hashing and compressing 1,300 files) takes half a minute of
# CPU: only when the static files or the installed packages changed.
static_root=${ALMENHUB_STATIC_ROOT:-$ALMENHUB_DATA_DIR/static}
fingerprint=$({ "$BIN/python" -c 'import django, wagtail; print(django.__version__, wagtail.__version__)'
  find src -path '*/static/*' -type f -printf '%P %s %T@\n' | sort; } | sha256sum | cut -c1-32)
if [ "$(cat "$static_root/.collected" 2>/dev/null)" != "$fingerprint" ]; then
  "$BIN/python" manage.py collectstatic --noinput -v0
  echo "$fingerprint" >"$static_root/.collected"
fi
if [ "${ALMENHUB_DEMO:-1}" = 1 ]; then
  "$BIN/python" manage.py load_demo --if-empty | tee "$logs/demo.log"
fi

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# Access lines on stdout, its own and the hub's errors on stderr
# (deploy/granian/logging.json); a worker that dies is started again.
"$BIN/granian" --interface wsgi almenhub.wsgi:application \
  --host "$HOST" --port "$PORT" --workers "$WEB_WORKERS" --blocking-threads "$WEB_THREADS" \
  --backlog 2048 --respawn-failed-workers --workers-kill-timeout 10 --no-ws \
  --log-level warning --log-config deploy/granian/logging.json --access-log \
  ${WEB_PIDFILE:+--pid-file "$WEB_PIDFILE"} >>"$logs/access.log" 2>>"$logs/web.log" &
pids+=($!)
"$BIN/python" manage.py db_worker --interval 0.5 --no-reload >>"$logs/worker.log" 2>&1 &
pids+=($!)
"$BIN/python" manage.py run_scheduler >>"$logs/scheduler.log" 2>&1 &
pids+=($!)

processes=processer
[ "$WEB_WORKERS" = 1 ] && processes=proces
cat <<MSG
almenhub kører på http://$HOST:$PORT/  (granian: $WEB_WORKERS $processes × $WEB_THREADS tråde, baggrundsworker og planlægger)
Admin: http://$HOST:$PORT/admin/  (bruger og adgangskode: se linjen 'Admin:' ovenfor, første gang: admin / almenhub-admin)
Logs: $logs/ (web.log, access.log, worker.log, scheduler.log); e-mails uden mailserver: $ALMENHUB_DATA_DIR/mail/
Stop med Ctrl+C.
MSG
# When any of the three stops, the trap stops the others.
wait -n
