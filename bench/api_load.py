"""Consumer API under load: gunicorn + PostgreSQL + Redis cache, driven by wrk on loopback.

    apt-get install -y wrk      # Debian's wrk 4.x
    .venv/bin/python bench/api_load.py --claims 10000 100000 1000000 \\
        [--database-url postgres://postgres@127.0.0.1:5432/bench_load] \\
        [--redis-url redis://127.0.0.1:6379/12] [--duration 10] [--connections 8]

For each size the database is topped up first (``bench/generate_data.py``), then one
gunicorn (``bench.settings``: production settings plus the baseline views of
``bench.urls``) serves four consumer endpoints, each measured beside its bare baseline (the
same rows through ``.values()`` and ``JsonResponse``), API and baseline alternating, in
two modes: ``uncached`` (API_READ_CACHE_SECONDS=0: every request runs its queries) and
``cached`` (the read cache of ``claims.api.readcache`` on, each sampled URL asked for once
just before, as popular pages and repeated polls are):

- list: ``/api/v1/claims/?updated_since=T``, a page of 50 at a random place in the feed
- detail: ``/api/v1/claims/<id>/`` of random published claims
- article: ``/api/v1/articles/lookup/?url=U`` of random articles
- feed: ``/api/v1/claimreview/?updated_since=T``, 50 ClaimReviews
- filtered: ``/api/v1/claims/?updated_since=T&rating=false,misleading&language=en&domain=D``,
  the list as a platform syncing one site's debunks asks for it
- newest: ``/api/v1/claims/?ordering=-published_at&published_before=V``, newest verdicts
  first from a random moment (a page at a random place of that order)
- counted (only if asked for with ``--endpoints``): the list with ``count=true``, beside a
  baseline that counts the same rows too

Requests carry a read token (Bearer); wrk's Lua ``done()`` hook prints p50/p95/p99.
Printed and recorded (var/bench/results.json): req/s, p50, p95, the ratio to the baseline
and, across sizes (this run and earlier ones), the p95 growth from the smallest to the
largest size. Targets: at least 70% of the baseline's throughput, p95 under 50 ms at 1M
claims, p95 growth under 1.5x. Beside them, the CPU time per request of the gunicorn workers
and their PostgreSQL backends (from /proc): on a machine other jobs share, wall-clock
figures mostly measure the neighbours, and "baseline CPU / API CPU" is the throughput ratio
the same code would reach on a dedicated CPU-bound box. ``--modes cached`` or ``uncached``
runs one mode only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate_data import DEFAULT_URL, OUTLETS, generate
from bench.report import OUT_DIR, ROOT, machine, record

PATHS = 200  # distinct URLs per endpoint, drawn at random
LUA = """
local paths = {%(paths)s}
local i = math.random(#paths)
wrk.headers["Authorization"] = "Bearer %(token)s"
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
"""


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (Debian/Ubuntu)")
    return wrk


def samples(token_user: str) -> tuple[str, dict[str, tuple[list[str], list[str]]]]:
    """A read token and, per endpoint, (API paths, baseline paths) over the same rows."""
    from urllib.parse import quote

    from django.contrib.auth.models import User
    from django.db.models import Max, Min

    from claims.api.tokens import token_issue
    from claims.models import Article, Claim
    from claims.selectors import DATED, PUBLIC, PUBLISHED

    rng = random.Random(1)
    _, token = token_issue(user=User.objects.get(username=token_user), scopes=["read"])
    bounds = Claim.objects.aggregate(lo=Min("synced_at"), hi=Max("synced_at"))
    span = (bounds["hi"] - bounds["lo"]) * 0.98
    stamps = [(bounds["lo"] + span * rng.random()).isoformat() for _ in range(PATHS)]
    stamps = [s.replace("+00:00", "Z") for s in stamps]
    dated = Claim.objects.filter(DATED).aggregate(
        lo=Min("verdict_published_at"), hi=Max("verdict_published_at")
    )
    # Not within the oldest 2%, so a page of the newest-first order is full.
    vspan = dated["hi"] - dated["lo"]
    befores = [
        (dated["lo"] + vspan * (0.02 + 0.98 * rng.random())).isoformat().replace("+00:00", "Z")
        for _ in range(PATHS)
    ]
    hosts = [rng.choice(OUTLETS).lower().replace(" ", "") + ".example" for _ in range(PATHS)]
    filters = [
        f"updated_since={s}&rating=false,misleading&language=en&domain={h}"
        for s, h in zip(stamps, hosts, strict=True)
    ]
    top = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    published: list[int] = []
    while len(published) < PATHS:
        picks = [rng.randint(1, top) for _ in range(PATHS * 3)]
        published += list(
            Claim.objects.filter(PUBLISHED, pk__in=picks).values_list("id", flat=True)
        )
    published = published[:PATHS]
    articles = list(
        Article.objects.filter(claims__in=Claim.objects.filter(PUBLIC, pk__in=published))
        .values_list("url", flat=True)
        .distinct()[:PATHS]
    )
    return token, {
        "list": (
            [f"/api/v1/claims/?updated_since={s}" for s in stamps],
            [f"/bench/baseline/claims/?after={s}" for s in stamps],
        ),
        "detail": (
            [f"/api/v1/claims/{pk}/" for pk in published],
            [f"/bench/baseline/claims/{pk}/" for pk in published],
        ),
        "article": (
            [f"/api/v1/articles/lookup/?url={quote(u, safe='')}" for u in articles],
            [f"/bench/baseline/articles/lookup/?url={quote(u, safe='')}" for u in articles],
        ),
        "feed": (
            [f"/api/v1/claimreview/?updated_since={s}" for s in stamps],
            [f"/bench/baseline/claimreview/?after={s}" for s in stamps],
        ),
        "filtered": (
            [f"/api/v1/claims/?{f}" for f in filters],
            [
                f"/bench/baseline/claims/filtered/?{f.replace('updated_since', 'after')}"
                for f in filters
            ],
        ),
        "newest": (
            [f"/api/v1/claims/?ordering=-published_at&published_before={b}" for b in befores],
            [f"/bench/baseline/claims/newest/?before={b}" for b in befores],
        ),
        "counted": (
            [f"/api/v1/claims/?updated_since={s}&count=true" for s in stamps],
            [f"/bench/baseline/claims/?after={s}&count=1" for s in stamps],
        ),
    }


class Server:
    def __init__(self, *, port: int, workers: int, env: dict, log: Path):
        self.port, self.workers, self.env, self.log = port, workers, env, log
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.proc = subprocess.Popen(
            [
                str(gunicorn),
                "factcheck.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                "--worker-class=sync",
                "--backlog=2048",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return self
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"gunicorn exited; see {self.log}") from None
                time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer within 30 s; see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks


def _children(pid: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


def _db_backends(database_url: str) -> list[int]:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
    return [row[0] for row in rows]


class CpuMeter:
    """CPU seconds the web workers and their database backends spend during a run: per
    request, it does not depend on what else the (shared) machine is doing."""

    def __init__(self, server_pid: int, database_url: str):
        self.server_pid, self.database_url = server_pid, database_url

    def __enter__(self) -> CpuMeter:
        self.app = {p: _ticks(p) for p in _children(self.server_pid)}
        self.db = {p: _ticks(p) for p in _db_backends(self.database_url)}
        return self

    def __exit__(self, *exc) -> None:
        hz = os.sysconf("SC_CLK_TCK")

        def spent(before: dict) -> float:
            total = 0
            for pid, start in before.items():
                end = _ticks(pid)
                if start is not None and end is not None:
                    total += end - start
            return total / hz

        self.app_s, self.db_s = spent(self.app), spent(self.db)


def run_wrk(wrk, port, paths, token, *, duration, connections, threads, meter=None) -> dict:
    quoted = ", ".join(f'"{p}"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": quoted, "token": token})
    try:
        meter = meter or contextlib.nullcontext()
        with meter:
            out = subprocess.run(
                [
                    wrk,
                    f"-t{threads}",
                    f"-c{connections}",
                    f"-d{duration}s",
                    "--latency",
                    "-s",
                    script.name,
                    f"http://127.0.0.1:{port}",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    requests, duration_us, p50, p95, p99, bad_status, socket_errors = map(int, line.split()[1:])
    cpu = {}
    if isinstance(meter, CpuMeter) and requests:
        cpu = {
            "app_cpu_ms": round(meter.app_s * 1000 / requests, 2),
            "db_cpu_ms": round(meter.db_s * 1000 / requests, 2),
        }
    return {
        **cpu,
        "req_s": round(requests / (duration_us / 1e6), 1),
        "p50_ms": round(p50 / 1000, 2),
        "p95_ms": round(p95 / 1000, 2),
        "p99_ms": round(p99 / 1000, 2),
        "non_2xx": bad_status,
        "socket_errors": socket_errors,
    }


def fetch_all(port: int, token: str, paths: list[str]) -> None:
    """Ask for every sampled URL once: the cached mode measures pages asked for before
    (within API_READ_CACHE_SECONDS), as popular pages and repeated polls are."""
    for path in paths:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()


def check_paths(port: int, token: str, paths: list[str]) -> None:
    """Fail loudly if the sample URLs do not answer 200 (a load test of 404s measures nothing)."""
    for path in paths[:3]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=18_731)
    parser.add_argument(
        "--endpoints",
        nargs="+",
        default=["list", "detail", "article", "feed", "filtered", "newest"],
        choices=["list", "detail", "article", "feed", "filtered", "newest", "counted"],
    )
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=["cached", "uncached"],
        default=["cached", "uncached"],
        help="uncached: API_READ_CACHE_SECONDS=0, every request queries",
    )
    args = parser.parse_args()
    modes = args.modes
    # A SIGTERM unwinds like Ctrl-C, so the gunicorn this started is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = require_wrk()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    p95: dict[str, dict[str, dict[int, float]]] = {mode: {} for mode in modes}
    for size in sorted(args.claims):
        generate(args.database_url, size)
        from django.db import connection

        token, endpoints = samples("bench-consumer")
        connection.close()
        for mode in modes:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DATABASE_URL": args.database_url,
                "REDIS_URL": args.redis_url,
                "CELERY_BROKER_URL": args.redis_url,
                "API_READ_CACHE_SECONDS": "0" if mode == "uncached" else "30",
            }
            print(
                f"\n{size:,} claims; gunicorn {args.workers} workers; wrk -c{args.connections}; "
                f"API read cache {'off' if mode == 'uncached' else 'on'}"
            )
            print(f"load average before: {machine()['loadavg_1_5_15']}")
            print(
                f"{'endpoint':<8} | {'API req/s':>9} {'p50 ms':>7} {'p95 ms':>7} | "
                f"{'base req/s':>10} {'p50 ms':>7} {'p95 ms':>7} | {'ratio':>5} | target       "
                f"| CPU ms/req: API   base ratio"
            )
            with Server(
                port=args.port, workers=args.workers, env=env, log=OUT_DIR / "gunicorn.log"
            ) as server:

                def meter() -> CpuMeter:
                    return CpuMeter(server.proc.pid, args.database_url)

                for name in args.endpoints:
                    api_paths, base_paths = endpoints[name]
                    check_paths(args.port, token, api_paths)
                    check_paths(args.port, token, base_paths)
                    opts = {
                        "duration": args.duration,
                        "connections": args.connections,
                        "threads": args.threads,
                    }
                    # Warm both (workers' connections, PostgreSQL's cache), then measure.
                    run_wrk(wrk, args.port, api_paths, token, **{**opts, "duration": 2})
                    run_wrk(wrk, args.port, base_paths, token, **{**opts, "duration": 2})
                    if mode == "cached":
                        fetch_all(args.port, token, api_paths)
                    api = run_wrk(wrk, args.port, api_paths, token, **opts, meter=meter())
                    base = run_wrk(wrk, args.port, base_paths, token, **opts, meter=meter())
                    ratio = api["req_s"] / base["req_s"] if base["req_s"] else 0.0
                    ok = ratio >= 0.7
                    verdict = "pass" if ok else "FAIL"
                    # On a dedicated CPU-bound box throughput goes as 1 / CPU per request.
                    api_cpu = api.get("app_cpu_ms", 0) + api.get("db_cpu_ms", 0)
                    base_cpu = base.get("app_cpu_ms", 0) + base.get("db_cpu_ms", 0)
                    cpu_ratio = base_cpu / api_cpu if api_cpu else 0.0
                    print(
                        f"{name:<8} | {api['req_s']:>9.0f} {api['p50_ms']:>7.1f} "
                        f"{api['p95_ms']:>7.1f} | {base['req_s']:>10.0f} {base['p50_ms']:>7.1f} "
                        f"{base['p95_ms']:>7.1f} | {ratio:>5.2f} | {verdict} >= 0.70"
                        f" | {api_cpu:>6.1f} {base_cpu:>7.1f} {cpu_ratio:>5.2f}",
                        flush=True,
                    )
                    p95[mode].setdefault(name, {})[size] = api["p95_ms"]
                    record(
                        "api_load",
                        f"{name} @ {size:,} ({mode})",
                        {
                            "api_req_s": api["req_s"],
                            "api_p50_ms": api["p50_ms"],
                            "api_p95_ms": api["p95_ms"],
                            "base_req_s": base["req_s"],
                            "base_p50_ms": base["p50_ms"],
                            "base_p95_ms": base["p95_ms"],
                            "ratio": round(ratio, 2),
                            "ratio_ge_0_7": ok,
                            "p95_lt_50ms": api["p95_ms"] < 50,
                            "api_cpu_ms_per_req": round(api_cpu, 2),
                            "base_cpu_ms_per_req": round(base_cpu, 2),
                            "cpu_ratio": round(cpu_ratio, 2),
                            "errors": api["non_2xx"] + api["socket_errors"] + base["non_2xx"],
                            "claims": size,
                        },
                    )
            print(f"load average after: {machine()['loadavg_1_5_15']}")
    for mode in modes:
        summarize(p95[mode], mode)


def summarize(p95_by_size: dict[str, dict[int, float]], mode: str) -> None:
    """p95 growth per endpoint from the smallest to the largest size measured, in this run
    or earlier ones (results.json), in the same mode."""
    import re

    from bench.report import load_results

    for case, figures in load_results().get("api_load", {}).items():
        match = re.fullmatch(r"(\w+) @ ([\d,]+) \((\w+)\)", case)
        if match and match[3] == mode:
            size = int(match[2].replace(",", ""))
            p95_by_size.setdefault(match[1], {}).setdefault(size, figures["api_p95_ms"])
    print(f"\np95 growth ({mode}), smallest -> largest size: target < 1.5x, p95 < 50 ms at 1M")
    for name, by_size in p95_by_size.items():
        small, large = min(by_size), max(by_size)
        growth = by_size[large] / by_size[small] if by_size[small] else float("inf")
        print(
            f"{name:<8} {small:>9,} -> {large:>9,}: {by_size[small]:.1f} -> {by_size[large]:.1f}"
            f" ms = {growth:.2f}x {'pass' if growth < 1.5 else 'FAIL'}; "
            f"p95 {by_size[large]:.1f} ms {'pass' if by_size[large] < 50 else 'FAIL'}"
        )
        if large != small:
            record(
                "api_load_growth",
                f"{name} {small:,} -> {large:,} ({mode})",
                {
                    "p95_small_ms": by_size[small],
                    "p95_large_ms": by_size[large],
                    "growth": round(growth, 2),
                    "growth_lt_1_5": growth < 1.5,
                    "p95_large_lt_50ms": by_size[large] < 50,
                },
            )


if __name__ == "__main__":
    main()
