"""Load benchmark: a realistic mix against what `make run` starts (granian,
settings/embedded.py, SQLite, worker and scheduler: scripts/run.sh), directly
and through Varnish in front of it (scripts/varnish.sh, the VCL in deploy/),
in the same run; with --production also the production-like stack
(PostgreSQL + Redis, scripts/prod-stack.sh) and a database fault during load.

    .venv/bin/python bench/load.py [--users 50] [--seconds 10] [--rounds 3]
                                   [--production] [--skip-fault]
                                   [--data DIR] [--baseline COMMIT]

The load generator is wrk (Debian's package, installed when missing): 70 %
cached pages, 20 % search, 10 % API, `--users` connections, every request
asking for `Accept-Encoding: br, gzip` as browsers do. Direct and Varnish
runs alternate for `--rounds` rounds; each stack's figures are the medians
over its rounds of requests/s, median (p50) and p95 latency. Also printed:
the bytes a page of the mix takes compressed (br) and plain, and Varnish as
a multiple of direct (requests/s) and as a fraction (p95). The fault phase
(--production) stops PostgreSQL during a load run and starts it again: it
counts 503s while it is down, 500s (which must be 0), and how long the site
takes to answer 200 again.

The upper limit: Debian's nginx, started here on loopback (a config of its
own in a temporary folder, so no root is needed), serving a saved copy of
every URL of the mix (each body fetched once as wrk asks for it, kept with
its compression) as static files, measured with the same mix in the same
rounds; every stack's requests/s are also given as a fraction of it. One
cached project page alone is measured through the proxy and from nginx
(the issue asks for at least 1/3 of the limit). With --production the
production stack is measured through its Varnish (as `make prod-demo` runs
it), alternating with nginx again. The last line is one JSON object with
the figures. With --baseline COMMIT, `make run`'s stack from that commit's
code (on a copy of the same data) is measured in the same alternating rounds
and the current one given as a multiple of it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCH_WORDS = [
    "biodiversitet", "græsslåning", "unge fritidsjob", "affald", "tryghed",
    "energi", "renovering", "beboerdemokrati", "klimatilpasning", "trappevask",
]  # fmt: skip

LUA = r"""
local pages, searches, apis = {}, {}, {}
bust = %(bust)s
%(tables)s
c200, c503, c500, cother = 0, 0, 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
request = function()
  local r = math.random(100)
  local path
  if r <= 70 then path = pages[math.random(#pages)]
  elseif r <= 90 then path = searches[math.random(#searches)]
  else path = apis[math.random(#apis)] end
  if bust then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "r=" .. math.random(1000000000)
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "br, gzip"})
end
statuses = {}
response = function(status, headers, body)
  if status == 200 then c200 = c200 + 1
  elseif status == 503 then c503 = c503 + 1
  elseif status >= 500 then c500 = c500 + 1
  else cother = cother + 1 end
  if status ~= 200 then
    local retry = headers["Retry-After"] and "+retry" or ""
    local key = tostring(status) .. retry
    statuses[key] = (statuses[key] or 0) + 1
  end
end
done = function(summary, latency, requests)
  local t200, t503, t500, tother = 0, 0, 0, 0
  local all, seen = {}, ""
  for _, thread in ipairs(threads) do
    t200 = t200 + thread:get("c200"); t503 = t503 + thread:get("c503")
    t500 = t500 + thread:get("c500"); tother = tother + thread:get("cother")
    for key, n in pairs(thread:get("statuses")) do all[key] = (all[key] or 0) + n end
  end
  for key, n in pairs(all) do
    seen = seen .. (seen == "" and "" or ", ") .. string.format('"%%s": %%d', key, n)
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%.3f, "p95_ms": %%.2f, "p50_ms": %%.2f, ' ..
    '"socket_errors": %%d, "s200": %%d, "s503": %%d, "s5xx": %%d, "other": %%d, ' ..
    '"statuses": {%%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(95) / 1000,
    latency:percentile(50) / 1000, e.connect + e.read + e.write + e.timeout,
    t200, t503, t500, tother, seen))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, check=False
        )
        found = shutil.which("wrk")
    if not found:
        sys.exit("bench/load.py needs wrk: apt-get install wrk")
    return found


def ensure_nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "nginx-light"],
            capture_output=True,
            check=False,
        )
        found = shutil.which("nginx") or "/usr/sbin/nginx"
    if found is None or not Path(found).exists():
        sys.exit("bench/load.py needs nginx for the upper limit: apt-get install nginx")
    return found


NGINX_CONF = """
daemon off;
worker_processes auto;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path %(dir)s/tmp/body;
    proxy_temp_path %(dir)s/tmp/proxy;
    fastcgi_temp_path %(dir)s/tmp/fastcgi;
    uwsgi_temp_path %(dir)s/tmp/uwsgi;
    scgi_temp_path %(dir)s/tmp/scgi;
    types { text/html html; application/json json; }
    default_type application/octet-stream;
    sendfile on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    map_hash_bucket_size 256;
    map_hash_max_size 8192;
    # The saved body of each URL of the mix, by the request line's target.
    map $request_uri $copy { default ""; %(files)s }
    map $request_uri $copy_encoding { default ""; %(encodings)s }
    server {
        listen 127.0.0.1:%(port)d;
        root %(dir)s/copies;
        location / {
            try_files $copy =404;
            add_header Content-Encoding $copy_encoding;
            add_header Vary Accept-Encoding;
        }
    }
}
"""


def save_copies(base: str, mix, folder: Path) -> tuple[list[str], list[str]]:
    """Each URL of the mix fetched once as wrk asks for it, its body saved as
    sent (compressed); the nginx map lines naming the files and encodings."""
    copies = folder / "copies"
    copies.mkdir(parents=True)
    files, encodings = [], []
    for number, path in enumerate(p for paths in mix for p in paths):
        request = urllib.request.Request(
            base + path, headers={"Accept-Encoding": "br, gzip"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            encoding = response.headers.get("Content-Encoding", "")
        name = f"/{number}." + ("json" if "json" in kind else "html")
        (copies / name.lstrip("/")).write_bytes(body)
        files.append(f'"{path}" "{name}";')
        if encoding:
            encodings.append(f'"{path}" "{encoding}";')
    return files, encodings


def start_nginx(
    nginx: str, base: str, mix, folder: Path
) -> tuple[subprocess.Popen, str]:
    """Debian's nginx on loopback serving saved copies of the mix (the upper
    limit). Its own config and folders, so it runs as any user; as root its
    workers run as nobody, hence the readable folder."""
    files, encodings = save_copies(base, mix, folder)
    (folder / "tmp").mkdir()
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(
        NGINX_CONF
        % {
            "dir": folder,
            "port": port,
            "files": "\n        ".join(files),
            "encodings": "\n        ".join(encodings),
        }
    )
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    process = start(
        [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
        dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, process, seconds=30)
    return process, url


def get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


def size(url: str, encoding: str) -> int:
    """Bytes of the body as sent with `Accept-Encoding: encoding`."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return len(response.read())
    except (urllib.error.URLError, OSError):
        return 0


def wait_ready(base: str, process: subprocess.Popen, seconds: int = 600) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped while starting (exit {process.returncode})")
        if get(base + "/", timeout=5)[0] == 200:
            return
        time.sleep(1)
    sys.exit(f"{base} did not answer within {seconds} s")


def discover(base: str) -> tuple[list[str], list[str], list[str]]:
    pages = {"/", "/tema/", "/soeg/projekter/"}
    _, html = get(base + "/soeg/projekter/")
    pages.update(re.findall(r'href="(/[a-z0-9\-/]+/)"', html))
    _, html = get(base + "/tema/")
    pages.update(re.findall(r'href="(/tema/[a-z0-9\-]+/)"', html))
    pages = {p for p in pages if not p.startswith(("/admin", "/static", "/dokumenter"))}
    searches = [
        "/soeg/?q=" + urllib.request.quote(word) + (f"&aar={year}" if year else "")
        for word in SEARCH_WORDS
        for year in (None, 2023)
    ]
    apis = ["/api/v1/projects/", "/api/v1/projects/?page=2", "/api/v1/themes/"]
    if get(base + apis[0])[0] != 200:
        apis = ["/soeg/forslag/?q=" + w[:4] for w in SEARCH_WORDS]
    ok_pages = sorted(p for p in pages if get(base + p)[0] == 200)  # warms the cache
    ok_searches = [p for p in searches if get(base + p)[0] == 200]
    ok_apis = [p for p in apis if get(base + p)[0] == 200]
    dropped = (
        len(pages)
        + len(searches)
        + len(apis)
        - len(ok_pages)
        - len(ok_searches)
        - len(ok_apis)
    )
    if dropped:
        note = f"{dropped} discovered URLs did not answer 200 and were left out"
        print(note, file=sys.stderr)  # noqa: T201
    return ok_pages, ok_searches, ok_apis


def run_wrk(
    wrk: str, base: str, mix, users: int, seconds: int, *, bust: bool = False
) -> dict:
    pages, searches, apis = mix
    tables = "\n".join(
        f'table.insert({name}, "{path}")'
        for name, paths in (("pages", pages), ("searches", searches), ("apis", apis))
        for path in paths
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"tables": tables, "bust": "true" if bust else "false"})
    completed = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{users}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            base,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next(
        (x for x in completed.stdout.splitlines() if x.startswith("RESULT ")), None
    )
    if line is None:
        return {"error": completed.stdout[-500:] + completed.stderr[-500:]}
    raw = json.loads(line[len("RESULT ") :])
    errors = raw["socket_errors"] + raw["s5xx"] + raw["s503"] + raw["other"]
    return {
        "rps": round(raw["requests"] / raw["seconds"], 1),
        "p95_ms": raw["p95_ms"],
        "p50_ms": raw["p50_ms"],
        "errors": errors,
        "requests": raw["requests"],
        "_raw": raw,
    }


def start(command: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def pg_control(info_file: Path, action: str) -> None:
    runas, pg_ctl, data, port, tmp = info_file.read_text().splitlines()[:5]
    prefix = runas.split() if runas else []
    if action == "stop":
        command = [*prefix, pg_ctl, "-D", data, "-m", "fast", "-w", "stop"]
    else:
        options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        command = [
            *prefix,
            pg_ctl,
            "-D",
            data,
            "-l",
            f"{tmp}/server.log",
            "-w",
            "start",
            "-o",
            options,
        ]  # noqa: E501
    subprocess.run(command, capture_output=True, check=False)


def fault_phase(wrk: str, base: str, mix, info_file: Path, users: int) -> dict:
    pages, searches, apis = mix
    dynamic = (searches, searches, apis)  # uncached: every request needs the database
    holder: dict = {}
    import threading

    runner = threading.Thread(
        target=lambda: holder.update(run_wrk(wrk, base, dynamic, users, 16, bust=True))
    )
    runner.start()
    time.sleep(4)
    pg_control(info_file, "stop")
    down_status = get(base + searches[0] + f"&r={random.random()}")[0]
    time.sleep(4)
    pg_control(info_file, "start")
    restarted = time.time()
    recovered = None
    while time.time() - restarted < 30:
        if get(base + searches[1], timeout=5)[0] == 200:
            recovered = round(time.time() - restarted, 2)
            break
        time.sleep(0.1)
    runner.join()
    raw = holder.get("_raw", {})
    return {
        "status_while_down": down_status,
        "recovered_after_s": recovered,
        "responses_503": raw.get("s503"),
        "responses_5xx_other": raw.get("s5xx"),
        "responses_200": raw.get("s200"),
        "socket_errors": raw.get("socket_errors"),
        # Every answer but 200 by status ("+retry": with Retry-After).
        "statuses": raw.get("statuses"),
    }


def page_sizes(base: str, pages: list[str]) -> dict:
    br = [size(base + p, "br") for p in pages]
    plain = [size(base + p, "identity") for p in pages]
    return {
        "pages": len(pages),
        "median_bytes_br": int(statistics.median(br)),
        "median_bytes_plain": int(statistics.median(plain)),
    }


def medians(runs: list[dict]) -> dict:
    good = [r for r in runs if "error" not in r]
    if not good:
        return {"error": runs[-1].get("error", "no run")}
    return {
        "rps": round(statistics.median(r["rps"] for r in good), 1),
        "p50_ms": round(statistics.median(r["p50_ms"] for r in good), 2),
        "p95_ms": round(statistics.median(r["p95_ms"] for r in good), 2),
        "errors": sum(r["errors"] for r in good),
        "rounds": len(good),
    }


def project_page(base: str, pages: list[str]) -> str:
    """A project page of the mix (the first project the API lists)."""
    _, body = get(base + "/api/v1/projects/")
    try:
        url = json.loads(body)["results"][0]["url"]
        path = "/" + url.split("/", 3)[3]
    except (ValueError, KeyError, IndexError):
        path = ""
    return path if path in pages else pages[0]


def one_page(wrk: str, base: str, path: str, args) -> dict:
    """One URL alone: what a cached page costs."""
    return run_wrk(wrk, base, ([path], [path], [path]), args.users, args.seconds)


def measure(wrk: str, bases: dict[str, str], mix, args) -> dict[str, dict]:
    """The stacks in `bases` with the same mix, alternating for the rounds."""
    runs: dict[str, list[dict]] = {name: [] for name in bases}
    for _ in range(args.rounds):
        for name, base in bases.items():
            result = run_wrk(wrk, base, mix, args.users, args.seconds)
            print(f"{name}: {result}", file=sys.stderr)  # noqa: T201
            runs[name].append(result)
    return {name: medians(r) for name, r in runs.items()}


def limit_fractions(stacks: dict, limit: dict) -> dict:
    if "error" in limit:
        return {}
    return {
        name: round(figures["rps"] / limit["rps"], 4)
        for name, figures in stacks.items()
        if "rps" in figures
    }


def page_alone(wrk: str, proxy: str, nginx: str, path: str, args) -> dict:
    """A cached project page through the proxy against the same saved page
    from nginx, alternating (the issue: at least 1/3 of the limit)."""
    runs: dict[str, list[dict]] = {"proxy": [], "nginx": []}
    for _ in range(args.rounds):
        runs["proxy"].append(one_page(wrk, proxy, path, args))
        runs["nginx"].append(one_page(wrk, nginx, path, args))
    proxied, limit = medians(runs["proxy"]), medians(runs["nginx"])
    result = {"path": path, "proxy": proxied, "nginx": limit}
    if "error" not in proxied and "error" not in limit:
        result["fraction_of_limit"] = round(proxied["rps"] / limit["rps"], 3)
    print(f"project page alone: {result}", file=sys.stderr)  # noqa: T201
    return result


def start_baseline(
    commit: str, env: dict, data: Path
) -> tuple[subprocess.Popen, str, Path, Path]:
    """`make run`'s stack from `commit`'s code (git archive, this venv) on a
    copy of the same prepared data, measured beside the current code."""
    tree = Path(tempfile.mkdtemp(prefix="almenhub-baseline-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    (tree / ".venv").symlink_to((ROOT / ".venv").resolve())
    copy = Path(tempfile.mkdtemp(prefix="almenhub-baseline-data-"))
    skip = shutil.ignore_patterns("page-cache", "varnish", "logs")
    shutil.copytree(data, copy, ignore=skip, dirs_exist_ok=True)
    port = free_port()
    process = start(
        [str(tree / "scripts/run.sh")],
        # Its own static files: collecting into the shared folder at the same
        # time as the current code's would mix the two.
        dict(
            env,
            PORT=str(port),
            ALMENHUB_DATA_DIR=str(copy),
            ALMENHUB_STATIC_ROOT=str(copy / "static"),
        ),
    )
    return process, f"http://127.0.0.1:{port}", tree, copy


def embedded_and_varnish(wrk: str, nginx: str, args) -> dict:
    """`make run`'s stack (scripts/run.sh) directly and through Varnish, and
    nginx's saved copies of the same mix (kept running for --production)."""
    port, varnish_port = free_port(), free_port()
    data = Path(args.data or tempfile.mkdtemp(prefix="almenhub-load-"))
    env = dict(
        os.environ,
        HOST="127.0.0.1",
        PORT=str(port),
        ALMENHUB_DATA_DIR=str(data),
        # Collected once for every run (scripts/run.sh collects when changed).
        ALMENHUB_STATIC_ROOT=str(Path(tempfile.gettempdir()) / "almenhub-static"),
        DJANGO_SETTINGS_MODULE="almenhub.settings.embedded",
        VARNISH_URL=f"http://127.0.0.1:{varnish_port}",
        # One load generator is one client: the API's per-client limit is lifted.
        OPENDATA_RATE_LIMIT="0",
    )
    env.pop("DATABASE_URL", None)
    # The demo's first load leaves hundreds of tasks (search index, reference
    # index, purges) that the worker would run during the measurement: run
    # them first, in one batch.
    python = str(ROOT / ".venv/bin/python")
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--if-empty"],
        ["db_worker", "--batch", "--no-reload"],
    ):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=dict(env, PYTHONPATH="src"),
            capture_output=True,
            check=True,
        )
    baseline = start_baseline(args.baseline, env, data) if args.baseline else None
    server = start([str(ROOT / "scripts/run.sh")], env)
    varnish = start(
        [str(ROOT / "scripts/varnish.sh")],
        dict(
            os.environ,
            BACKEND_PORT=str(port),
            VARNISH_PORT=str(varnish_port),
            VARNISH_WORKDIR=str(data / "varnish"),
        ),
    )
    direct, proxied = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{varnish_port}"
    limit_folder = Path(tempfile.mkdtemp(prefix="almenhub-limit-"))
    static = None
    try:
        wait_ready(direct, server)
        wait_ready(proxied, varnish, seconds=60)
        mix = discover(direct)
        for path in (p for paths in mix for p in paths):
            size(proxied + path, "br, gzip")  # fills Varnish's cache as wrk asks
        sizes = page_sizes(direct, mix[0])
        static, limit = start_nginx(nginx, direct, mix, limit_folder)
        bases = {"embedded": direct, "varnish": proxied, "nginx": limit}
        if baseline is not None:
            wait_ready(baseline[1], baseline[0])
            # Its page cache as warm as the current one's (filled through
            # Varnish above): once per URL of the mix.
            for path in (p for paths in mix for p in paths):
                size(baseline[1] + path, "br, gzip")
            bases = {"embedded": direct, "baseline": baseline[1], **bases}
        stacks = measure(wrk, bases, mix, args)
        project = project_page(direct, mix[0])
        alone = page_alone(wrk, proxied, limit, project, args)
    except BaseException:
        if static is not None:
            stop(static)
        raise
    finally:
        stop(varnish)
        stop(server)
        if baseline is not None:
            stop(baseline[0])
            for folder in baseline[2:]:
                shutil.rmtree(folder, ignore_errors=True)
        if not args.data:
            shutil.rmtree(data, ignore_errors=True)
    e, v = stacks["embedded"], stacks["varnish"]
    b = stacks.get("baseline", {})
    if "rps" in b and "rps" in e:
        stacks["embedded_vs_baseline"] = {
            "rps_ratio": round(e["rps"] / b["rps"], 2),
            "p95_ratio": round(e["p95_ms"] / b["p95_ms"], 3),
        }
    if "error" not in e and "error" not in v:
        stacks["varnish_vs_embedded"] = {
            "rps_ratio": round(v["rps"] / e["rps"], 2),
            "p95_ratio": round(v["p95_ms"] / e["p95_ms"], 3),
        }
    return {
        "stacks": stacks,
        "fraction_of_limit": limit_fractions(
            {"embedded": e, "varnish": v}, stacks["nginx"]
        ),
        "project_page_alone": {"varnish": alone},
        "page_bytes": sizes,
        "_mix": mix,
        "_nginx": (static, limit, limit_folder),
    }


def production(wrk: str, limit: str, args) -> dict:
    """`make prod-demo`'s stack (PostgreSQL, Redis, gunicorn, worker,
    scheduler) measured through its Varnish, alternating with nginx; then
    the fault phase against gunicorn itself (every request uncached)."""
    port, varnish_port = free_port(), free_port()
    info_file = Path(tempfile.mkdtemp()) / "pg-info"
    env = dict(
        os.environ,
        PORT=str(port),
        VARNISH_PORT=str(varnish_port),
        WORKERS="4",
        PG_INFO_FILE=str(info_file),
        OPENDATA_RATE_LIMIT="0",
    )
    env.pop("DATABASE_URL", None)
    server = start(
        [str(ROOT / "scripts/with-postgres.sh"), str(ROOT / "scripts/prod-stack.sh")],
        env,
    )
    direct, proxied = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{varnish_port}"
    result: dict = {}
    try:
        wait_ready(direct, server)
        wait_ready(proxied, server, seconds=60)
        mix = discover(direct)
        for path in (p for paths in mix for p in paths):
            size(proxied + path, "br, gzip")
        stacks = measure(wrk, {"production": proxied, "nginx_again": limit}, mix, args)
        result["stacks"] = stacks
        result["fraction_of_limit"] = {
            "production": limit_fractions(
                {"production": stacks["production"]}, stacks["nginx_again"]
            ).get("production")
        }
        project = project_page(direct, mix[0])
        result["project_page_alone"] = page_alone(wrk, proxied, limit, project, args)
        if not args.skip_fault:
            result["fault"] = fault_phase(wrk, direct, mix, info_file, args.users)
            print(f"fault: {result['fault']}", file=sys.stderr)  # noqa: T201
    finally:
        stop(server)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--production", action="store_true")
    parser.add_argument(
        "--data", help="data folder for the embedded stack, kept for the next run"
    )
    parser.add_argument("--skip-fault", action="store_true")
    parser.add_argument(
        "--baseline",
        metavar="COMMIT",
        help="also measure make run's stack from this commit, in the same rounds",
    )
    args = parser.parse_args()
    wrk, nginx = ensure_wrk(), ensure_nginx()
    random.seed(1)
    summary: dict = {"users": args.users, "seconds": args.seconds}
    summary["load_average_start"] = os.getloadavg()[0]
    first = embedded_and_varnish(wrk, nginx, args)
    static, limit, limit_folder = first.pop("_nginx")
    first.pop("_mix")
    summary.update(first)
    try:
        if args.production:
            prod = production(wrk, limit, args)
            summary["stacks"].update(prod.get("stacks", {}))
            summary["fraction_of_limit"].update(prod.get("fraction_of_limit", {}))
            if "project_page_alone" in prod:
                summary["project_page_alone"]["production"] = prod["project_page_alone"]
            if "fault" in prod:
                summary["fault"] = prod["fault"]
    finally:
        stop(static)
        shutil.rmtree(limit_folder, ignore_errors=True)
    summary["load_average_end"] = os.getloadavg()[0]
    for name, figures in summary["stacks"].items():
        print(f"{name:>20}: {figures}")  # noqa: T201
    for name in ("fraction_of_limit", "project_page_alone", "page_bytes"):
        print(f"{name:>20}: {summary[name]}")  # noqa: T201
    if "fault" in summary:
        print(f"{'fault':>20}: {summary['fault']}")  # noqa: T201
    print(json.dumps(summary))  # noqa: T201


if __name__ == "__main__":
    main()
