"""Migrated test databases for the test runs (scripts/run-tests.sh); the
logic lives in src/almenhub/core/tests/databases.py.

    test_db.py template DIR       migrate a template (SQLite file or PG database)
    test_db.py clone DIR NAME     a copy of it; prints the environment to use
    test_db.py drop DIR NAME      remove a copy
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from almenhub.core.tests import databases  # noqa: E402

if __name__ == "__main__":
    command, directory, *rest = sys.argv[1:]
    if command == "template":
        databases.template(Path(directory))
    elif command == "clone":
        sys.stdout.write(
            "".join(f"{line}\n" for line in databases.clone(Path(directory), *rest))
        )
    elif command == "drop":
        databases.drop(Path(directory), *rest)
    else:
        sys.exit(f"test_db.py: unknown command {command!r} (template, clone or drop)")
