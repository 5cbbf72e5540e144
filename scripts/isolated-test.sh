#!/usr/bin/env bash
# One isolated test in a process of its own, on a copy of the migrated
# template database that scripts/test_db.py made (run by run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 test=$2
name="j$$"
env_lines=$(.venv/bin/python scripts/test_db.py clone "$dir" "$name")
trap '.venv/bin/python scripts/test_db.py drop "$dir" "$name"' EXIT
# shellcheck disable=SC2046
env $env_lines .venv/bin/pytest -q --reuse-db -m isolated "$test"
