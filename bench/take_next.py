"""Take-next throughput: assignments per second at 1, 4 and 16 concurrent reviewers.

Runs against PostgreSQL in a scratch database it creates and drops (factcheck_bench by
default). Each round fills one queue with N claims, then R reviewer threads (each with
its own connection) call ``assign_next`` until the queue is empty.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_bench \\
        .venv/bin/python bench/take_next.py --claims 2000

The baseline printed beside it is the same loop taking claims with a bare
``SELECT ... FOR UPDATE SKIP LOCKED`` + ``UPDATE`` (no services, no history, no lease),
which is the ceiling the workflow's bookkeeping is measured against.

After each round the script checks that every claim was handed out exactly once (one
in-review claim per claim, and for ``assign_next`` one open Assignment and one
``assigned`` event each) and prints how many takes lost a race in the baseline.

With ``--generated`` it runs instead against a database filled by bench/generate_data.py
(not dropped; 1,000,000 claims for the issue's figure) and measures latency per operation:
16 reviewers (``--reviewers``) each loop take-next, add a source, propose a verdict, and
have an editor approve it, ``--rounds`` times; the baseline, in the same run, is the bare
``SELECT ... FOR UPDATE SKIP LOCKED`` + ``UPDATE`` rolled back (so it changes nothing),
once in the service's query shape (the reviewer's queues by membership) and once with the
queue given (``bare_take_queue``, which the take-next index can serve without a sort).
Prints p50/p95/p99 per operation; the target is p95 under 20 ms for take-next. ``--think
S`` pauses a random 0..2S seconds before each step, as a reviewer reading would. ``--take
orm`` measures the ORM take that PostgreSQL used before ``reviewers.take.take_in_one_statement``.

    .venv/bin/python bench/generate_data.py --claims 1000000
    .venv/bin/python bench/take_next.py --generated \
        --database-url postgres://postgres@127.0.0.1:5432/bench_load --reviewers 16

Why the first draft hung outside pytest: the baseline's ``take`` returned False when the
queue was empty, and the worker loop stops only on None, so every worker spun on an
empty queue for ever (BEGIN, SELECT, COMMIT: "idle in transaction" between statements in
pg_stat_activity) while main waited in join(). The test in
tests/reviewers/test_concurrency.py only calls ``assign_next``, which returns None, so
the pattern looked fine there. The draft's UPDATE was also unconditional, so a worker
whose statement snapshot predated another's commit could take the same claim twice.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_bench")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ["AUTO_QUEUE_THRESHOLD"] = "off"


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    if os.environ.get("BENCH_DEBUG"):
        import faulthandler

        faulthandler.dump_traceback_later(20, exit=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--timeout", type=float, default=600.0, help="per worker, seconds")
    parser.add_argument("--generated", action="store_true", help="latency on generated data")
    parser.add_argument("--database-url", help="with --generated; default BENCH_DATABASE_URL")
    parser.add_argument("--rounds", type=int, default=40, help="with --generated, per reviewer")
    parser.add_argument(
        "--think", type=float, default=0.0, help="with --generated: mean pause before each step, s"
    )
    parser.add_argument(
        "--take",
        choices=("service", "orm"),
        default="service",
        help="with --generated: assign_next as shipped (one statement on PostgreSQL), or the "
        "ORM path it replaced there (queues.take_with_orm), for comparison",
    )
    args = parser.parse_args()
    if args.generated:
        return run_generated(args)

    ensure_database()
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from claims.models import Claim, ClaimEvent
    from claims.workflow import text_fingerprint
    from reviewers.models import Assignment, QueueEntry, ReviewQueue
    from reviewers.take import assign_next

    call_command("migrate", verbosity=0)
    group = Group.objects.get(name="fact-checkers")
    users = []
    for i in range(max(args.reviewers)):
        user = User.objects.create_user(f"bench{i}")
        user.groups.add(group)
        users.append(user)

    def fill(queue: ReviewQueue) -> None:
        now = timezone.now()
        claims = Claim.objects.bulk_create(
            Claim(
                text=f"{queue.slug} claim {n}",
                text_hash=text_fingerprint(f"{queue.slug} claim {n}"),
                status="queued",
                checkworthiness=(n % 100) / 100,
            )
            for n in range(args.claims)
        )
        ClaimEvent.objects.bulk_create(
            ClaimEvent(claim=c, kind="triaged", from_status="candidate", to_status="queued")
            for c in claims
        )
        QueueEntry.objects.bulk_create(
            QueueEntry(claim=c, queue=queue, entered_at=now, due_at=now, priority_at=now)
            for c in claims
        )

    def run(workers: int, take) -> tuple[float, int]:
        """take(user) -> 1 taken, 0 lost a race (try again), None when the queue is empty.

        Returns (assignments per second, races lost)."""
        barrier = threading.Barrier(workers + 1)
        counts = [0] * workers
        lost = [0] * workers
        errors: list[BaseException] = []

        def work(i: int) -> None:
            try:
                barrier.wait()
                while (result := take(users[i])) is not None:
                    counts[i] += result
                    lost[i] += 1 - result
            except BaseException as exc:  # reported by main, not swallowed by the thread
                errors.append(exc)
                barrier.abort()
            finally:
                connection.close()  # each thread opened its own connection

        threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(workers)]
        for t in threads:
            t.start()
        barrier.wait()
        started = time.perf_counter()
        for t in threads:
            t.join(timeout=args.timeout)
            if t.is_alive():
                raise SystemExit(f"a worker did not finish within {args.timeout}s")
        elapsed = time.perf_counter() - started
        if errors:
            raise errors[0]
        assert sum(counts) == args.claims, (sum(counts), args.claims)
        return sum(counts) / elapsed, sum(lost)

    def check_handed_out_once(queue: ReviewQueue, *, with_bookkeeping: bool) -> None:
        claims = Claim.objects.filter(queue_entry__queue=queue)
        assert claims.exclude(status="in_review").count() == 0
        assert claims.filter(assignee__isnull=True).count() == 0
        if with_bookkeeping:
            open_ = Assignment.objects.filter(queue=queue, ended_at__isnull=True)
            assert open_.count() == args.claims
            assert open_.values("claim_id").distinct().count() == args.claims
            assigned = ClaimEvent.objects.filter(claim__in=claims, kind="assigned")
            assert assigned.count() == args.claims

    def bare_take(queue: ReviewQueue):
        def take(user) -> int | None:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(
                    "SELECT e.claim_id FROM reviewers_queueentry e "
                    "JOIN claims_claim c ON c.id = e.claim_id "
                    "WHERE e.queue_id = %s AND c.status = 'queued' "
                    "ORDER BY e.priority_at, e.id LIMIT 1 FOR UPDATE OF e SKIP LOCKED",
                    [queue.pk],
                )
                row = cur.fetchone()
                if row is None:
                    # None, not False: the worker loop stops on None only. Returning False
                    # here was the hang: every worker spun on an empty queue forever (a
                    # BEGIN/SELECT/COMMIT loop, seen as "idle in transaction" between
                    # statements) and main waited in join().
                    return None
                # Conditional: the entry lock does not cover the claim row. A statement
                # whose snapshot predates another worker's commit can lock the same,
                # now unlocked, entry and still see the claim as queued; the status check
                # makes that a lost race (0) instead of a second assignment.
                cur.execute(
                    "UPDATE claims_claim SET status = 'in_review', assignee_id = %s "
                    "WHERE id = %s AND status = 'queued'",
                    [user.pk, row[0]],
                )
                return cur.rowcount

        return take

    print(f"take-next on PostgreSQL, {args.claims} queued claims per round")
    print(
        f"{'reviewers':>9} | {'assign_next /s':>14} | {'bare SKIP LOCKED /s':>19} | "
        f"{'ratio':>5} | bare races lost"
    )
    for workers in args.reviewers:
        queue = ReviewQueue.objects.create(name=f"bench {workers}", slug=f"bench-{workers}")
        queue.members.add(*users[:workers])
        fill(queue)
        service_rate, _ = run(
            workers, lambda u, q=queue: None if assign_next(u, queue=q) is None else 1
        )
        check_handed_out_once(queue, with_bookkeeping=True)
        base_queue = ReviewQueue.objects.create(name=f"base {workers}", slug=f"base-{workers}")
        fill(base_queue)
        bare_rate, lost = run(workers, bare_take(base_queue))
        check_handed_out_once(base_queue, with_bookkeeping=False)
        print(
            f"{workers:>9} | {service_rate:>14.0f} | {bare_rate:>19.0f} | "
            f"{service_rate / bare_rate:>5.2f} | {lost}"
        )


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"n": len(ordered), "p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def run_generated(args) -> None:
    """Latency per operation with concurrent reviewers, on a generated (large) database."""
    url = args.database_url or os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_load"
    )
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from bench.report import machine, record
    from claims.models import Claim
    from claims.workflow import claim_add_source, claim_propose_verdict, verdict_approve
    from reviewers.take import assign_next, take_with_orm, takeable_entries

    take = take_with_orm if args.take == "orm" else assign_next

    workers = max(args.reviewers)
    checkers = list(User.objects.filter(username__startswith="bench-checker-").order_by("id"))
    editors = list(User.objects.filter(username__startswith="bench-editor-").order_by("id"))
    if len(checkers) < workers or not editors:
        raise SystemExit("No generated reviewers: run bench/generate_data.py first.")
    # The tables the loop writes, vacuumed and analyzed as autovacuum keeps them in
    # production: it is off on the machine the figures come from, so earlier runs' rows
    # would otherwise leave stale statistics and dead entries at the head of the queue.
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "VACUUM (ANALYZE) claims_claim, claims_claimevent, claims_sourcelink, "
            "claims_verdict, claims_citation, reviewers_queueentry, reviewers_assignment"
        )
    print(f"VACUUM (ANALYZE) of the written tables: {time.perf_counter() - started:.1f} s")
    claims = Claim.objects.count()
    waiting = takeable_entries(checkers[0]).count()
    print(
        f"take-next / propose / approve on generated data: {claims:,} claims, {waiting:,} "
        f"waiting; {workers} reviewers x {args.rounds} rounds; take-next: {args.take}; "
        f"load {machine()['loadavg_1_5_15']}"
    )
    ops = ("take_next", "add_source", "propose", "approve", "bare_take", "bare_take_queue")
    timings: dict[str, list[float]] = {op: [] for op in ops}
    # One process per reviewer, as behind a web server: threads would also measure the
    # wait for Python's GIL, which a reviewer's request never shares with another's.
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(workers + 1)
    results = ctx.Queue()
    rng = random.Random(os.getpid())

    def timed(op: str, fn, *args, **kwargs):
        if args_think := args_ns.think:
            time.sleep(rng.uniform(0, 2 * args_think))  # the reviewer reads, then acts
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        timings[op].append(time.perf_counter() - started)
        return result

    def bare_take(user) -> None:
        # The ceiling: lock the most urgent queued entry and take its claim, rolled back.
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "SELECT e.claim_id FROM reviewers_queueentry e "
                "JOIN claims_claim c ON c.id = e.claim_id "
                "JOIN reviewers_reviewqueue_members m ON m.reviewqueue_id = e.queue_id "
                "WHERE m.user_id = %s AND e.waiting AND c.status = 'queued' "
                "ORDER BY e.priority_at, e.id LIMIT 1 FOR UPDATE OF e, c SKIP LOCKED",
                [user.pk],
            )
            row = cur.fetchone()
            if row is not None:
                cur.execute(
                    "UPDATE claims_claim SET status = 'in_review', assignee_id = %s "
                    "WHERE id = %s AND status = 'queued'",
                    [user.pk, row[0]],
                )
            transaction.set_rollback(True)

    queue_ids = list(checkers[0].review_queues.values_list("id", flat=True)[:1])

    def bare_take_queue(user) -> None:
        # The same take with the queue given (as when a reviewer has one queue): the
        # (queue, priority_at, id) WHERE waiting index gives the order, with no sort.
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "SELECT e.claim_id FROM reviewers_queueentry e "
                "JOIN claims_claim c ON c.id = e.claim_id "
                "WHERE e.queue_id = %s AND e.waiting AND c.status = 'queued' "
                "ORDER BY e.priority_at, e.id LIMIT 1 FOR UPDATE OF e, c SKIP LOCKED",
                queue_ids,
            )
            cur.fetchone()
            transaction.set_rollback(True)

    def work(i: int) -> None:
        user, editor = checkers[i], editors[i % len(editors)]
        error = None
        try:
            barrier.wait()
            for n in range(args.rounds):
                timed("bare_take", bare_take, user)
                if queue_ids:
                    timed("bare_take_queue", bare_take_queue, user)
                claim = timed("take_next", take, user)
                if claim is None:
                    break
                url = f"https://evidence.example.org/b/{claim.pk}/{n}"
                source = timed("add_source", claim_add_source, claim=claim, actor=user, url=url)
                verdict = timed(
                    "propose",
                    claim_propose_verdict,
                    claim=claim,
                    actor=user,
                    rating="mostly_true",
                    headline="Broadly accurate",
                    summary="Checked against the published figures.",
                    sources=[source],
                )
                timed("approve", verdict_approve, verdict=verdict, actor=editor)
        except BaseException as exc:
            error = repr(exc)
            barrier.abort()
        finally:
            connection.close()
            results.put((timings, error))

    args_ns = args
    connection.close()  # not shared with the children
    procs = [ctx.Process(target=work, args=(i,), daemon=True) for i in range(workers)]
    for proc in procs:
        proc.start()
    barrier.wait()
    started = time.perf_counter()
    for _ in procs:
        part, error = results.get(timeout=args.timeout)
        if error:
            raise SystemExit(f"a reviewer failed: {error}")
        for op, samples in part.items():
            timings[op].extend(samples)
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.join(timeout=10)
    print(f"{'operation':<11} | {'n':>5} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7}")
    for op, samples in timings.items():
        if not samples:
            continue
        figures = percentiles(samples)
        print(
            f"{op:<11} | {figures['n']:>5} | {figures['p50_ms']:>7.1f} | "
            f"{figures['p95_ms']:>7.1f} | {figures['p99_ms']:>7.1f}"
        )
        if op == "take_next":
            figures["p95_lt_20ms"] = figures["p95_ms"] < 20
            ok = "pass" if figures["p95_lt_20ms"] else "FAIL"
            print(f"{'':<11}   take-next p95 target < 20 ms: {ok}")
        record(
            "take_next_generated",
            f"{op} @ {claims:,} claims, {workers} reviewers, think {args.think:g} s"
            + (", ORM take" if args.take == "orm" else ""),
            {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()},
        )
    done = len(timings["approve"])
    print(f"{done} claims taken, proposed and approved in {elapsed:.1f} s ({done / elapsed:.1f}/s)")
    print(f"load average after: {machine()['loadavg_1_5_15']}")


if __name__ == "__main__":
    main()
