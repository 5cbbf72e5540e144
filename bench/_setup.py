"""Shared set-up for the benchmarks: a fresh, throw-away database and data
folder, configured before Django starts."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup(*, database_url: str | None = None) -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    data_dir = Path(tempfile.mkdtemp(prefix="almenhub-bench-"))
    os.environ["ALMENHUB_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = (
        database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almenhub.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return data_dir


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[position]


def run_on_postgres(script: str, args: list[str]) -> dict:
    """Run a bench script again on a throw-away PostgreSQL server (through
    scripts/with-postgres.sh) and read the JSON object it prints last."""
    import json
    import subprocess

    completed = subprocess.run(
        [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, script, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(completed.stderr[-3000:])
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": "failed"}
