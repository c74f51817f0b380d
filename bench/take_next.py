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
import os
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
    args = parser.parse_args()

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
    from reviewers.queues import assign_next

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


if __name__ == "__main__":
    main()
