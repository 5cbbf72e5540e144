#!/usr/bin/env bash
# The whole suite on the configured database: everything in one process, then
# each transactional ("isolated") test in a process of its own, because such a
# test flushes the database and would take the migrations' seed data (home
# page, themes, indicators) away from the tests after it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=.venv/bin/pytest
"$PYTEST" -q -m "not isolated" "$@"
mapfile -t isolated < <("$PYTEST" --collect-only -q -m isolated 2>/dev/null | grep '::')
echo "run-tests: ${#isolated[@]} isolated tests" >&2
# Two at a time: most of each one is its own database set-up and a browser,
# and the machine has two cores. xargs fails if any of them fails.
# Each starts from a copy of one migrated template database (scripts/test_db.py).
templates=$(mktemp -d /tmp/almenhub-testdb.XXXXXX)
trap 'rm -rf "$templates"' EXIT
.venv/bin/python scripts/test_db.py template "$templates"
printf '%s\n' "${isolated[@]}" | xargs -d "\n" -P "${ISOLATED_JOBS:-2}" -I{} scripts/isolated-test.sh "$templates" {}
