"""The bulk export (``GET /api/v1/claims/export/``) over HTTP: claims/s, bytes, peak memory.

    .venv/bin/python bench/api_export.py --claims 1000000 \\
        [--database-url postgres://postgres@127.0.0.1:5432/bench_load] [--gzip both]

The database is topped up first (``bench/generate_data.py``), then one gunicorn sync worker
(``bench.settings``: production settings; the export's rate limit raised for the run)
serves a read token's client, which follows the export from the start to the end of the
record: request after request, each going on from the previous one's closing cursor
(``complete: false`` after ``API_EXPORT_MAX_SECONDS``), counting lines and the bytes that
crossed the wire, gzip off and on. Printed per mode: items (claims and tombstones), claims/s
end to end, MB sent, requests; the web worker's resident memory (RSS) sampled every 0.2 s
during the run (start, at a quarter, half, three quarters of it, and its peak) and its
``VmHWM`` (the kernel's high-water mark: nothing between samples is missed); the CPU the
worker and its PostgreSQL backend spent per 1,000 items. Then the cost of resuming in the
middle: the time to the first line of an export asked from a cursor half-way through.

The client is on the same machine and parses nothing but line ends (gzip it inflates), so
the figures are the server's pace on a box the client shares.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
import urllib.request
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.api_load import CpuMeter, Server, _children, _ticks
from bench.generate_data import DEFAULT_URL, generate
from bench.report import OUT_DIR, machine, record

EXPORT = "/api/v1/claims/export/"
READ_BYTES = 256 * 1024


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


class Sampler(threading.Thread):
    """Every ``every`` seconds while the export runs: the worker's RSS, and the CPU ticks of
    each PostgreSQL backend of the database (the worker's connection is replaced when it
    is a minute old, so one read of the backends at the start would lose it)."""

    def __init__(self, pid: int, database_url: str, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.database_url, self.every = pid, database_url, every
        self.rss: list[int] = []
        self.ticks: dict[int, list[int]] = {}  # backend pid -> [first seen, last seen]
        self.stop = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as conn:
            while not self.stop.is_set():
                self.sample(conn)
                self.stop.wait(self.every)
            self.sample(conn)

    def sample(self, conn) -> None:
        self.rss.append(_status_kb(self.pid, "VmRSS"))
        backends = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type IN ('client backend', 'parallel worker') "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
        for (pid,) in backends:
            ticks = _ticks(pid)
            if ticks is not None:
                self.ticks.setdefault(pid, [ticks, ticks])[1] = ticks

    def db_cpu_s(self) -> float:
        return sum(last - first for first, last in self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> Sampler:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.join()


def one_request(port: int, token: str, cursor: str | None, *, gzip: bool) -> dict:
    """Read one export response to its end: counts, the closing line, the mid cursor."""
    url = f"http://127.0.0.1:{port}{EXPORT}"
    if cursor:
        url += f"?cursor={cursor}"
    headers = {"Authorization": f"Bearer {token}"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    inflate = zlib.decompressobj(wbits=31) if gzip else None
    wire = lines = cursor_lines = 0
    carry, last_line = b"", b""
    cursors: list[str] = []
    started = time.perf_counter()
    first_line_s = None
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        if r.status != 200:
            raise SystemExit(f"export answered {r.status}")
        if gzip and r.headers.get("Content-Encoding") != "gzip":
            raise SystemExit("asked for gzip, got none")
        while block := r.read1(READ_BYTES):
            wire += len(block)
            data = carry + (inflate.decompress(block) if inflate else block)
            cut = data.rfind(b"\n") + 1
            complete, carry = data[:cut], data[cut:]
            if complete:
                if first_line_s is None:
                    first_line_s = time.perf_counter() - started
                lines += complete.count(b"\n")
                found = complete.count(b'{"cursor":')
                cursor_lines += found
                if found:
                    # A cursor line: JSON escapes every quote inside a claim's strings, so
                    # this sequence only starts a line of its own.
                    start = complete.rfind(b'{"cursor":')
                    cursors.append(
                        json.loads(complete[start : complete.index(b"\n", start)])["cursor"]
                    )
                last_line = complete[complete.rstrip(b"\n").rfind(b"\n") + 1 :]
    closing = json.loads(last_line)
    if "complete" not in closing:
        raise SystemExit("the stream ended without its closing line")
    return {
        "items": lines - cursor_lines,
        "wire_bytes": wire,
        "seconds": time.perf_counter() - started,
        "first_line_s": first_line_s or 0.0,
        "closing": closing,
        "cursors": cursors,
    }


def follow(port: int, token: str, *, server_pid: int, worker: int, database_url: str, gzip: bool):
    """The whole export, request after request, with the worker's memory and CPU."""
    cursor, total, wire, requests, cursors, first = None, 0, 0, 0, [], 0.0
    started = time.perf_counter()
    with Sampler(worker, database_url) as sampler, CpuMeter(server_pid, database_url) as cpu:
        while True:
            got = one_request(port, token, cursor, gzip=gzip)
            first = first or got["first_line_s"]
            requests += 1
            total += got["items"]
            wire += got["wire_bytes"]
            cursors += got["cursors"]
            cursor = got["closing"]["cursor"]
            if got["closing"]["complete"]:
                break
    seconds = time.perf_counter() - started
    samples = [kb / 1024 for kb in sampler.rss]
    return {
        "items": total,
        "seconds": round(seconds, 1),
        "claims_per_s": round(total / seconds),
        "first_line_ms": round(first * 1000, 1),
        "wire_mb": round(wire / 1e6, 1),
        "requests": requests,
        "rss_start_mb": round(samples[0], 1),
        "rss_quarter_mb": round(samples[len(samples) // 4], 1),
        "rss_half_mb": round(samples[len(samples) // 2], 1),
        "rss_three_quarters_mb": round(samples[3 * len(samples) // 4], 1),
        "rss_peak_mb": round(max(samples), 1),
        "vmhwm_mb": round(_status_kb(worker, "VmHWM") / 1024, 1),
        "worker_cpu_ms_per_1k": round(cpu.app_s * 1e6 / max(total, 1), 1),
        "db_cpu_ms_per_1k": round(sampler.db_cpu_s() * 1e6 / max(total, 1), 1),
        "cursors": cursors,
    }


def read_token(user: str) -> str:
    from django.contrib.auth.models import User

    from claims.api.tokens import token_issue

    return token_issue(user=User.objects.get(username=user), scopes=["read"])[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="total claims wanted")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--gzip", choices=["off", "on", "both"], default="both")
    parser.add_argument("--port", type=int, default=18_741)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    generate(args.database_url, args.claims)
    from django.db import connection

    token = read_token("bench-consumer")
    connection.close()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": args.database_url,
        "API_RATE_EXPORT_PER_TOKEN": "1000/hour",
    }
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.gzip]
    print(f"\n{args.claims:,} claims; one gunicorn sync worker; load {machine()['loadavg_1_5_15']}")
    with Server(port=args.port, workers=1, env=env, log=OUT_DIR / "gunicorn.log") as server:
        (worker,) = _children(server.proc.pid)
        # Warm the worker (imports, its database connection) before measuring it.
        warm = urllib.request.Request(
            f"http://127.0.0.1:{args.port}/api/v1/claims/?page_size=1",
            headers={"Authorization": f"Bearer {token}"},
        )
        urllib.request.urlopen(warm, timeout=30).read()
        cursors: list[str] = []
        for gzip in modes:
            got = follow(
                args.port,
                token,
                server_pid=server.proc.pid,
                worker=worker,
                database_url=args.database_url,
                gzip=gzip,
            )
            cursors = got.pop("cursors") or cursors
            mode = "gzip" if gzip else "plain"
            print(
                f"{mode:<5} {got['items']:>9,} items in {got['seconds']:>6.1f} s = "
                f"{got['claims_per_s']:>6,} claims/s, {got['wire_mb']:>6.1f} MB on the wire, "
                f"{got['requests']} requests, first line {got['first_line_ms']} ms",
                flush=True,
            )
            print(
                f"      worker RSS MB start {got['rss_start_mb']}, 1/4 {got['rss_quarter_mb']}, "
                f"1/2 {got['rss_half_mb']}, 3/4 {got['rss_three_quarters_mb']}, peak "
                f"{got['rss_peak_mb']} (VmHWM {got['vmhwm_mb']}); CPU ms per 1,000 items: "
                f"worker {got['worker_cpu_ms_per_1k']}, PostgreSQL {got['db_cpu_ms_per_1k']}",
                flush=True,
            )
            record("api_export", f"{mode} @ {args.claims:,}", {**got, "claims": args.claims})
        if cursors:
            middle = cursors[len(cursors) // 2]
            got = one_request(args.port, token, middle, gzip=False)
            print(
                f"resume from the middle: first line after {got['first_line_s'] * 1000:.1f} ms, "
                f"{got['items']:,} items in {got['seconds']:.1f} s",
                flush=True,
            )
            record(
                "api_export",
                f"resume mid @ {args.claims:,}",
                {"first_line_ms": round(got["first_line_s"] * 1000, 1), "claims": args.claims},
            )
    print(f"load average after: {machine()['loadavg_1_5_15']}")


if __name__ == "__main__":
    main()
