#!/usr/bin/env bash
# `make test`: the whole suite on SQLite and on a throw-away PostgreSQL server,
# the two side by side (the machine has two cores, and each run is one Python
# process most of the time). Each run writes its own log, which is printed
# whole when it ends; the exit status is failure if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d /tmp/almenhub-test-logs.XXXXXX)
export DJANGO_SETTINGS_MODULE=almenhub.settings.test
start=$(date +%s)

DATABASE_URL= scripts/run-tests.sh "$@" >"$logs/sqlite.log" 2>&1 &
sqlite=$!
scripts/with-postgres.sh scripts/run-tests.sh "$@" >"$logs/postgres.log" 2>&1 &
postgres=$!

report() {  # name pid
  wait "$2"
  local status=$?
  echo "======== $1: $( [ $status = 0 ] && echo passed || echo FAILED ) after $(( $(date +%s) - start )) s ========"
  cat "$logs/$1.log"
  echo "======== end of $1 ========"
  return $status
}
# Whichever ends first is printed first, so a failure shows early.
while kill -0 "$sqlite" 2>/dev/null && kill -0 "$postgres" 2>/dev/null; do sleep 5; done
if ! kill -0 "$sqlite" 2>/dev/null; then
  report sqlite "$sqlite"; s1=$?; report postgres "$postgres"; s2=$?
else
  report postgres "$postgres"; s2=$?; report sqlite "$sqlite"; s1=$?
fi
rm -rf "$logs"
echo "make test: SQLite $( [ $s1 = 0 ] && echo passed || echo FAILED ), PostgreSQL $( [ $s2 = 0 ] && echo passed || echo FAILED ), $(( $(date +%s) - start )) s in all"
[ $s1 = 0 ] && [ $s2 = 0 ]
