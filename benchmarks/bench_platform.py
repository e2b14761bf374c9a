"""Load test of the platform's public pages on SQLite and PostgreSQL (issue 4, requirement 10).

Run with ``uv run python benchmarks/bench_platform.py`` (about 10 minutes on 2 cores;
``--quick`` seeds 10 % of the records and loads each page for 5 s).  For each database:

1. a fresh database (SQLite in a temporary data directory; PostgreSQL from the
   ``pgserver`` package, a throw-away server) is migrated and seeded with
   ``python -m clusterdialog.web seed_scale`` at full size: 1,000 initiatives, 50,000
   organisations, 200,000 memberships, 5,000 events;
2. ``clusterdialog serve`` starts gunicorn on loopback (``--workers`` processes ×
   ``--threads`` threads; default 2 × 4 for the 2 cores), with debug off and no access log;
3. each page kind is warmed up for ``--warmup`` seconds, then loaded by ``--clients``
   concurrent keep-alive clients for ``--duration`` seconds.  The clients cycle through
   many URLs of the kind (list pages, search terms, profiles of published records, API
   offsets), so no single cached row decides the result.

The load generator is Debian's ``wrk`` when installed (``apt-get install wrk``; C, two
threads, the least CPU taken from the server), otherwise Python threads with
``http.client`` keep-alive connections (``--tool python`` forces them).  The server and the
load generator share the machine's cores, as in the issue's setting.

The table gives requests, requests per second, the 50th/95th/99th latency percentiles in
milliseconds and failed requests (status ≥ 400 or socket errors) per page and database, and
whether p95 meets the target of 150 ms.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

TARGET_P95_MS = 150.0
PAGES = (
    "initiative list",
    "search",
    "organisation list",
    "initiative profile",
    "organisation profile",
    "atlas data",
    "API list",
)
SEARCH_TERMS = (
    "Photonik", "Mobilität", "Holz", "Software", "Biotechnologie", "Ulm", "Karlsruhe",
    "Textil", "Energie", "Netzwerk", "Cluster", "Medizintechnik", "Bodensee", "Logistik",
)  # fmt: skip

SAMPLE = r"""
import json, django
django.setup()
from clusterdialog.web.directory.models import Initiative, Organisation
initiatives = list(Initiative.objects.filter(published=True).order_by("?")
                   .values_list("slug", flat=True)[:300])
organisations = list(Organisation.objects.filter(published=True).order_by("?")
                     .values_list("slug", flat=True)[:300])
print(json.dumps({"initiatives": initiatives, "organisations": organisations,
                  "initiative_count": Initiative.objects.count(),
                  "organisation_count": Organisation.objects.count()}))
"""


@dataclass
class Result:
    database: str
    page: str
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    failed: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def note(text: str) -> None:
    sys.stderr.write(f"{text}\n")
    sys.stderr.flush()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(data_dir: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERDIALOG_")}
    env.update(
        CLUSTERDIALOG_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="clusterdialog.web.settings",
        CLUSTERDIALOG_DEBUG="0",
    )
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def postgresql_url(root: Path) -> str:
    """A fresh database on a throw-away pgserver in ``root``."""
    import pgserver
    import psycopg

    pg_dir = root / "pg"
    pg_dir.mkdir()
    server = pgserver.get_server(str(pg_dir), cleanup_mode="stop")
    atexit.register(server.cleanup)
    base = "postgres://postgres@" + str(pg_dir).replace("/", "%2F")
    with psycopg.connect(base.replace("postgres://", "postgresql://") + "/postgres") as c:
        c.autocommit = True
        c.execute("create database bench")
    return base + "/bench"


def urls(kind: str, sample: dict, rng: random.Random) -> list[str]:
    pages_i = max(1, sample["initiative_count"] // 25)
    pages_o = max(1, sample["organisation_count"] // 25)
    if kind == "initiative list":
        return [f"/verzeichnis/initiativen/?page={rng.randint(1, pages_i)}" for _ in range(200)]
    if kind == "search":
        return [f"/verzeichnis/initiativen/?q={urllib.request.quote(t)}" for t in SEARCH_TERMS]
    if kind == "organisation list":
        # most visitors stay on the first pages; some page deep
        deepest = [20 if rng.random() < 0.8 else pages_o for _ in range(200)]
        return [f"/verzeichnis/organisationen/?page={rng.randint(1, n)}" for n in deepest]
    if kind == "initiative profile":
        return [f"/verzeichnis/initiativen/{slug}/" for slug in sample["initiatives"]]
    if kind == "organisation profile":
        return [f"/verzeichnis/organisationen/{slug}/" for slug in sample["organisations"]]
    if kind == "atlas data":
        return ["/verzeichnis/atlas/daten.json"]
    if kind == "API list":
        return [
            f"/api/initiatives?limit=25&offset={25 * rng.randrange(pages_i)}" for _ in range(200)
        ]
    raise ValueError(kind)


WRK_SCRIPT = """
local paths = {%s}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    failed, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def load_wrk(base: str, paths: list[str], clients: int, seconds: float, folder: Path):
    script = folder / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    done = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
         "-s", str(script), base],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    requests, micros, failed, p50, p95, p99 = (int(x) for x in line.split()[1:])
    return requests, micros / 1e6, p50 / 1e3, p95 / 1e3, p99 / 1e3, failed


def load_python(base: str, paths: list[str], clients: int, seconds: float, folder: Path):
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = HTTPConnection(host, int(port), timeout=10)
        mine, errors = [], 0
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                connection.request("GET", rng.choice(paths))
                answer = connection.getresponse()
                answer.read()
                errors += answer.status >= 400
            except OSError:
                errors += 1
                connection.close()
                connection = HTTPConnection(host, int(port), timeout=10)
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)
            failed[0] += errors

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    latencies.sort()

    def pick(q: float) -> float:
        return (
            1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0
        )

    return len(latencies), took, pick(0.50), pick(0.95), pick(0.99), failed[0]


def wait_for(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped:\n{server.stdout.read()}")
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer within 120 s")


def settle(base: str, limit: float = 120.0) -> None:
    """Wait until the server has worked off the previous page's requests.

    Slow requests still running when a load phase ends would otherwise be
    counted against the next page: a probe of the home page must come back
    within half a second, twice in a row.
    """
    deadline = time.monotonic() + limit
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        began = time.monotonic()
        try:
            urllib.request.urlopen(base + "/", timeout=limit).read()
        except OSError:
            time.sleep(1)
            continue
        quick = quick + 1 if time.monotonic() - began < 0.5 else 0


def bench_database(name: str, options, root: Path) -> list[Result]:
    folder = root / name
    folder.mkdir()
    url = f"sqlite:///{folder / 'bench.sqlite3'}" if name == "sqlite" else postgresql_url(folder)
    env = environment(folder, url)
    note(f"[{name}] migrate")
    run(["-m", "clusterdialog.web", "migrate", "-v0"], env)
    note(f"[{name}] seed_scale --scale {options.scale}")
    began = time.perf_counter()
    out = run(["-m", "clusterdialog.web", "seed_scale", "--scale", str(options.scale)], env)
    note(f"[{name}] {out.strip().splitlines()[-1]} (wall {time.perf_counter() - began:.1f} s)")
    sample = json.loads(run(["-c", SAMPLE], env).strip().splitlines()[-1])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "clusterdialog.cli", "serve", "--no-migrate", "--no-access-log",
         "--port", str(port), "--workers", str(options.workers), "--threads", str(options.threads)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    results = []
    try:
        wait_for(base, server)
        load = load_wrk if options.tool == "wrk" else load_python
        rng = random.Random(2026)
        for page in options.pages:
            paths = urls(page, sample, rng)
            settle(base)
            note(f"[{name}] {page}: warm-up {options.warmup:g} s, load {options.duration:g} s")
            load(base, paths, 4, options.warmup, folder)
            requests, seconds, p50, p95, p99, failed = load(
                base, paths, options.clients, options.duration, folder
            )
            results.append(Result(name, page, requests, seconds, p50, p95, p99, failed))
            settle(base)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return results


def table(results: list[Result], options) -> str:
    lines = [
        f"clients {options.clients}, {options.duration:g} s per page, gunicorn "
        f"{options.workers} × {options.threads} threads, {os.cpu_count()} cores, "
        f"load generator: {options.tool}, scale {options.scale:g}",
        "",
        f"{'database':<10} {'page':<21} {'requests':>9} {'req/s':>7} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'failed':>7}  p95 ≤ {TARGET_P95_MS:g} ms",
    ]
    for r in results:
        met = "yes" if r.p95 <= TARGET_P95_MS else "NO"
        lines.append(
            f"{r.database:<10} {r.page:<21} {r.requests:>9,} {r.rate:>7.1f} {r.p50:>8.1f} "
            f"{r.p95:>8.1f} {r.p99:>8.1f} {r.failed:>7,}  {met}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])  # fmt: skip
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds per page")
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full seed size")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--quick", action="store_true", help="--scale 0.1 --duration 5")
    options = parser.parse_args()
    if options.quick:
        options.scale, options.duration, options.warmup = 0.1, 5.0, 1.0
    if options.tool == "auto":
        options.tool = "wrk" if shutil.which("wrk") else "python"
    root = Path(tempfile.mkdtemp(prefix="clusterdialog-bench-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    results: list[Result] = []
    for database in options.databases:
        results += bench_database(database, options, root)
    print(table(results, options))


if __name__ == "__main__":
    main()
