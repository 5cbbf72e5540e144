"""Shared set-up for the benchmarks: a fresh, throw-away database and data
folder, configured before Django starts."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup(
    *, database_url: str | None = None, data_dir: Path | None = None
) -> Path:
    """Django on a fresh throw-away database, or on `data_dir`'s, kept from
    an earlier run. ALMENHUB_BENCH_SRC runs another checkout's code (a
    baseline commit) on the same data."""
    sys.path.insert(0, os.environ.get("ALMENHUB_BENCH_SRC") or str(ROOT / "src"))
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="almenhub-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
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


def commit_src(ref: str) -> Path:
    """A commit's `src/`, extracted once (git archive) into the temporary
    folder, to run a baseline's code on the same data."""
    import subprocess

    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = Path(tempfile.gettempdir()) / f"almenhub-src-{sha[:12]}"
    if not (target / "src").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", sha, "src"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"
