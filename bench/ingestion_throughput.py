"""Ingestion throughput: articles per minute through a real Celery worker on Redis.

    .venv/bin/python bench/ingestion_throughput.py [--processes 1 2 4] [--articles 30] \\
        [--database-url postgres://postgres@127.0.0.1:5432/bench_ingest] [--redis-port 6390]

Starts its own redis-server (on ``--redis-port``, no persistence; stopped at the end), so
nothing else's broker is touched. For each worker size it starts ``celery worker
--concurrency N`` (prefork: N worker processes), warms every process up with one article
each, then submits ``--articles`` x N plain-text articles through the ingestion service
(``claims.ingestion.pipeline.ingest_text``, as the API does: the extraction task is enqueued
on commit) and waits until every one is done. Articles are generated text (claims with
numbers, named and anonymous attributions, filler), different every time; no network.

Prints and records articles/minute in total and per worker process, claims extracted, and
the speed-up over one process. The database is the one given (default ``bench_ingest``,
created and migrated if missing); on a bigger one, matching each new claim costs more.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.api_load import CpuMeter
from bench.generate_data import ensure_database
from bench.report import OUT_DIR, ROOT, django_env, machine, record

WHO = ["the finance minister", "Witkoff", "a company spokesperson", "the mayor", "Dr. Ortiz"]
ANON = ["according to EU sources", "diplomatic sources said", "officials familiar with the talks"]
WHAT = [
    ("unemployment", "fell to {n}.{m} percent last quarter"),
    ("the company", "can process {n} million records a day"),
    ("exports", "grew by {n} percent in {y}"),
    ("the border", "was crossed by {n},{m}00 people in {y}"),
    ("the budget", "includes {n} billion euros for defence"),
    ("the ceasefire", "has held for {n} days without a violation"),
]
FILLER = [
    "The talks resumed on Monday after a short break.",
    "Reporters waited outside the building for most of the afternoon.",
    "Several delegations declined to comment on the schedule.",
    "The weather delayed some of the arrivals.",
    "A final statement is expected later this week.",
]


def article_text(rng: random.Random, serial: int) -> str:
    sentences = []
    for _ in range(rng.randint(10, 16)):
        subject, claim = rng.choice(WHAT)
        n, m, y = rng.randint(2, 95), rng.randint(1, 9), rng.randint(2015, 2025)
        body = f"{subject.capitalize()} {claim.format(n=n, m=m, y=y)}"
        roll = rng.random()
        if roll < 0.35:
            sentences.append(f"{body}, {rng.choice(WHO)} said.")
        elif roll < 0.6:
            sentences.append(f"{body}, {rng.choice(ANON)}.")
        else:
            sentences.append(rng.choice(FILLER))
    sentences.append(f"This is report number {serial}.")
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


class Redis:
    def __init__(self, port: int):
        self.port = port

    def __enter__(self) -> Redis:
        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("redis-server is not installed: apt-get install -y redis-server")
        self.dir = tempfile.mkdtemp(prefix="bench-redis-")
        self.proc = subprocess.Popen(
            [server, "--port", str(self.port), "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port)
        for _ in range(50):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.1)
        raise SystemExit(f"redis-server did not start on port {self.port}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


class Worker:
    def __init__(self, processes: int, env: dict, log: Path):
        self.processes, self.env, self.log = processes, env, log

    def __enter__(self) -> Worker:
        celery = Path(sys.executable).with_name("celery")
        self.proc = subprocess.Popen(
            [
                str(celery),
                "-A",
                "factcheck",
                "worker",
                "--pool=prefork",
                f"--concurrency={self.processes}",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        return self

    def __exit__(self, *exc) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def submit_and_wait(rng, count: int, serial: int, timeout: float) -> tuple[float, int, int]:
    """Submit ``count`` articles; seconds until all are finished, claims made, failures."""
    from claims.ingestion.pipeline import ingest_text
    from claims.models import Article, Claim

    started = time.perf_counter()
    ids = [
        ingest_text(
            text=article_text(rng, serial + i), title=f"Bench report {serial + i}"
        ).article.pk
        for i in range(count)
    ]
    waiting = Article.objects.filter(pk__in=ids, status__in=["pending", "running"])
    while waiting.exists():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"{waiting.count()} articles still not done after {timeout:.0f} s")
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    failed = Article.objects.filter(pk__in=ids, status="failed").count()
    return elapsed, Claim.objects.filter(article_id__in=ids).count(), failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--articles", type=int, default=30, help="per worker process")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_ingest")
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    broker = f"redis://127.0.0.1:{args.redis_port}/0"
    ensure_database(args.database_url, fresh=False)
    django_env(
        args.database_url,
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        REDIS_URL=broker,
        CELERY_BROKER_URL=broker,
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    rng = random.Random(time.time_ns())
    serial = time.time_ns() // 1000
    base_rate = None
    print(f"ingestion through a Celery worker on Redis :{args.redis_port}; {args.database_url}")
    print(
        f"{'processes':>9} | {'articles':>8} | {'seconds':>7} | {'art/min':>7} | "
        f"{'per proc':>8} | {'speed-up':>8} | claims | failed | cores used | load avg"
    )
    with Redis(args.redis_port):
        for processes in args.processes:
            env = {**os.environ, "DATABASE_URL": args.database_url}
            with Worker(processes, env, OUT_DIR / "celery-worker.log") as worker:
                # Warm-up: every process imports the extractor and opens its connection.
                submit_and_wait(rng, processes * 2, serial, args.timeout)
                serial += processes * 2
                count = args.articles * processes
                # CPU the pool processes and the database spend: on a shared machine, how
                # many cores the worker actually got says whether it could scale.
                with CpuMeter(worker.proc.pid, args.database_url) as meter:
                    elapsed, claims, failed = submit_and_wait(rng, count, serial, args.timeout)
                cores = (meter.app_s + meter.db_s) / elapsed
                serial += count
            connection.close()
            per_minute = count / elapsed * 60
            base_rate = base_rate or per_minute
            load = machine()["loadavg_1_5_15"]
            print(
                f"{processes:>9} | {count:>8} | {elapsed:>7.1f} | {per_minute:>7.0f} | "
                f"{per_minute / processes:>8.0f} | {per_minute / base_rate:>7.2f}x | "
                f"{claims:>6} | {failed:>6} | {cores:>10.2f} | {load}",
                flush=True,
            )
            record(
                "ingestion_throughput",
                f"{processes} worker process{'es' if processes > 1 else ''}",
                {
                    "articles": count,
                    "seconds": round(elapsed, 1),
                    "articles_per_min": round(per_minute, 1),
                    "per_process_per_min": round(per_minute / processes, 1),
                    "speedup_vs_1": round(per_minute / base_rate, 2),
                    "claims_extracted": claims,
                    "failed": failed,
                    "worker_and_db_cores_used": round(cores, 2),
                    "cpu_ms_per_article": round((meter.app_s + meter.db_s) * 1000 / count, 1),
                },
            )


if __name__ == "__main__":
    main()
