#!/usr/bin/env bash
# The whole suite on the configured database, in two processes:
# 1. everything but the isolated tests;
# 2. the isolated (transactional) tests, each on a fresh copy of the migrated
#    template: such a test flushes the database and would otherwise take the
#    migrations' seed data (home page, themes, indicators) away from the tests
#    after it (the root conftest restores the copy before each one).
# Both start from copies of one template that is migrated once
# (src/almenhub/core/tests/databases.py), so pytest migrates nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=.venv/bin/pytest
PYTHON=.venv/bin/python
templates=$(mktemp -d /tmp/almenhub-testdb.XXXXXX)
cleanup() {
  for name in main isolated; do "$PYTHON" scripts/test_db.py drop "$templates" "$name" || true; done
  rm -rf "$templates"
}
trap cleanup EXIT
started=$(date +%s)
"$PYTHON" scripts/test_db.py template "$templates"
echo "run-tests: template migrated in $(( $(date +%s) - started )) s" >&2

run() {  # NAME PYTEST-ARGS...: pytest on the copy NAME of the template
  local name=$1 env_lines
  shift
  env_lines=$("$PYTHON" scripts/test_db.py clone "$templates" "$name")
  # shellcheck disable=SC2086
  env $env_lines ALMENHUB_TEST_TEMPLATE_DIR="$templates" "$PYTEST" -q --reuse-db "$@"
}

passed() {  # pytest's status 5: none of the tests asked for is of this kind
  [ "$1" = 0 ] || [ "$1" = 5 ]
}
status=0
run main -m "not isolated" "$@" || status=$?
passed "$status" || exit "$status"
status=0
run isolated -m isolated "$@" || status=$?
passed "$status" || exit "$status"
