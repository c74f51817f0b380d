"""The desk's claims list (/desk/claims/) on a big database: p50/p95 of typical filtered pages.

    .venv/bin/python bench/generate_data.py --claims 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/claims_list_bench
    .venv/bin/python bench/claims_list.py \\
        --database-url postgres://postgres@127.0.0.1:5432/claims_list_bench [--rounds 30]

Runs on a database filled by ``bench/generate_data.py`` (migrated first if needed; nothing
is written but a session). Every case is a URL a desk would open, timed ``--rounds`` times
after one warm-up run, in process, with the production settings (``bench.settings``: DEBUG
off, PostgreSQL, prepared statements):

- ``view``: the whole request through Django's test client as a signed-in editor: session,
  permissions, the filter form and its choices, the page (``desk_claims_page``), the counts
  per status (``count_claims_by_status``), the template. The target: p95 < 200 ms.
- ``page`` and ``counts``: the two selectors alone, to show where the time goes.
- ``bare``: the baseline, in the same run: a plain ``.values()`` of the same page (the same
  filters, order and cursor position; no joins, no counts, no rendering).

And two baselines for the choices the list made: ``exact``, the count per status the page
does not do (``GROUP BY status`` over every matching claim), and for the deep page the same
rows read with ``OFFSET`` instead of the cursor. Each case also records its query count.
The load average is printed with the figures: the machine is shared, read them as upper
bounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.report import django_env, record

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claims_list_bench"
DEEP_PAGE = 10_000  # the deep-page case starts after this many pages of 50 (half the table)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn, rounds: int) -> tuple[float, float]:
    fn()  # warm-up: the plan, the caches
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), percentile(samples, 0.95)


def cases() -> dict[str, dict]:
    """Typical views, as query strings, built from what the generated data holds."""
    from django.contrib.auth.models import User

    from claims.models import Claim
    from reviewers.keyset import KEY
    from reviewers.selectors import CLAIM_ORDERS, CLAIM_PAGE_SIZE

    newest = Claim.objects.order_by("-created_at", "-id").values_list("created_at", "pk")
    middle = newest[Claim.objects.count() // 2][0]
    first_published = Claim.objects.filter(status="published").order_by("-created_at", "-id")
    page_1_end = first_published.values_list("created_at", "pk")[CLAIM_PAGE_SIZE - 1]
    deep = newest[DEEP_PAGE * CLAIM_PAGE_SIZE - 1]
    order = CLAIM_ORDERS["newest"]

    def cursor(position) -> str:
        row = SimpleNamespace(**{KEY: position[0]}, pk=position[1])
        return order.encode(row, "next")

    checker = User.objects.filter(username__startswith="bench-checker").order_by("pk").first()
    day = middle.date()
    return {
        "all, newest (landing)": {},
        "status filter": {"status": "queued"},
        "q, one common word": {"q": "unemployment"},
        "q, two words": {"q": "gas prices north"},
        "q, rare words": {"q": "4217 units"},
        "claimant filter": {"claimant": "EU sources"},
        "sort by score": {"sort": "score"},
        "status + sort by score": {"status": "queued", "sort": "score"},
        "status + sort by due": {"status": "in_review", "sort": "due"},
        "page 2 via cursor": {"status": "published", "cursor": cursor(page_1_end)},
        f"page {DEEP_PAGE + 1:,} via cursor": {"cursor": cursor(deep)},
        "date range (a week)": {
            "created_from": day.isoformat(),
            "created_to": (day + timedelta(days=6)).isoformat(),
        },
        "rating filter": {"rating": "false"},
        "assignee filter": {"assignee": checker.username},
    }


def form_of(params: dict):
    from django.http import QueryDict

    from reviewers.forms import ClaimListForm

    query = QueryDict(mutable=True)
    query.update(params)
    form = ClaimListForm(query)
    assert form.is_valid(), form.errors
    return form


def bare(form, cursor: str | None):
    """The baseline: the same filters, order and position, as a plain ``.values()``."""
    from django.db import connection

    from claims.models import Claim
    from reviewers import keyset
    from reviewers.selectors import CLAIM_ORDERS, CLAIM_PAGE_SIZE, custom_plans, filter_claims

    order = CLAIM_ORDERS[form.order()]
    qs = filter_claims(Claim.objects.all(), form.filters()).values(
        "id", "text", "claim_text", "claimant", "status", "checkworthiness", "created_at"
    )
    position = order.decode(cursor) if cursor else None
    with custom_plans(connection):  # as the list's own reads: see custom_plans
        return keyset._read(
            qs, order, keyset._after(order, position), CLAIM_PAGE_SIZE + 1, forward=True
        )


def exact_counts(form) -> dict:
    from django.db import connection
    from django.db.models import Count

    from claims.models import Claim
    from reviewers.selectors import custom_plans, filter_claims

    qs = filter_claims(Claim.objects.all(), form.filters(), statuses=False)
    with custom_plans(connection):
        return dict(qs.order_by().values_list("status").annotate(n=Count("id")))


def offset_page(start: int) -> list:
    from claims.models import Claim

    rows = Claim.objects.order_by("-created_at", "-id").values(
        "id", "text", "claim_text", "claimant", "status", "checkworthiness", "created_at"
    )
    return list(rows[start : start + 51])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--exact-rounds", type=int, default=5, help="rounds of the exact-count baseline"
    )
    parser.add_argument("--only", nargs="*", help="case names (substrings) to run")
    parser.add_argument(
        "--cap", type=int, help="count statuses exactly up to this many (default: the app's)"
    )
    args = parser.parse_args()

    # One access log line per request is production's too, but it would drown the table.
    django_env(args.database_url, LOG_ACCESS="false")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from claims.models import Claim
    from reviewers.selectors import claim_list as selectors  # its tunables, set below

    call_command("migrate", verbosity=0)
    if args.cap:
        selectors.STATUS_COUNT_CAP = args.cap
    # The manifest of hashed static names exists only after collectstatic; the plain
    # storage gives the same page (a dict look-up less).
    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES=storages).enable()
    size = Claim.objects.count()
    editor = User.objects.filter(username__startswith="bench-editor").order_by("pk").first()
    client = Client(SERVER_NAME="localhost")
    client.force_login(editor)
    editor.has_perm("claims.view_unpublished")  # the selectors' viewer, as in a request

    load = os.getloadavg()
    print(
        f"{size:,} claims; statuses counted up to {selectors.STATUS_COUNT_CAP:,}; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    header = (
        f"{'case':<26} {'view p50':>9} {'p95':>7} {'page p50':>9} {'p95':>7} "
        f"{'counts p50':>10} {'p95':>7} {'bare p50':>9} {'p95':>7} {'q':>3} {'exact p50':>10}"
    )
    print(header)
    worst = 0.0
    for name, params in cases().items():
        if args.only and not any(part in name for part in args.only):
            continue
        url = "/desk/claims/?" + urlencode(params)
        cursor = params.get("cursor")
        form = form_of({k: v for k, v in params.items() if k != "cursor"})
        filters, order = form.filters(), form.order()

        def view(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def page(filters=filters, order=order, cursor=cursor):
            return selectors.desk_claims_page(
                viewer=editor, filters=filters, sort=order, cursor=cursor
            )

        def counts(filters=filters):
            return selectors.count_claims_by_status(viewer=editor, filters=filters)

        with CaptureQueriesContext(connection) as captured:
            view()
        queries = len(captured)  # now: the next request empties the log
        rows = len(page().rows)
        view_p50, view_p95 = timed(view, args.rounds)
        page_p50, page_p95 = timed(page, args.rounds)
        counts_p50, counts_p95 = timed(counts, args.rounds)
        bare_p50, bare_p95 = timed(lambda form=form, cursor=cursor: bare(form, cursor), args.rounds)
        exact_p50, _ = timed(lambda form=form: exact_counts(form), args.exact_rounds)
        worst = max(worst, view_p95)
        print(
            f"{name:<26} {view_p50:>9.1f} {view_p95:>7.1f} {page_p50:>9.1f} {page_p95:>7.1f} "
            f"{counts_p50:>10.1f} {counts_p95:>7.1f} {bare_p50:>9.1f} {bare_p95:>7.1f} "
            f"{queries:>3} {exact_p50:>10.1f}",
            flush=True,
        )
        figures = {
            "claims": size,
            "count_cap": selectors.STATUS_COUNT_CAP,
            "rows": rows,
            "view_p50_ms": round(view_p50, 1),
            "view_p95_ms": round(view_p95, 1),
            "page_p50_ms": round(page_p50, 1),
            "page_p95_ms": round(page_p95, 1),
            "counts_p50_ms": round(counts_p50, 1),
            "counts_p95_ms": round(counts_p95, 1),
            "bare_p50_ms": round(bare_p50, 1),
            "bare_p95_ms": round(bare_p95, 1),
            "exact_counts_p50_ms": round(exact_p50, 1),
            "queries": queries,
            "p95_under_200_ms": view_p95 < 200,
        }
        if name.startswith(f"page {DEEP_PAGE + 1:,}"):
            offset_p50, offset_p95 = timed(
                lambda: offset_page(DEEP_PAGE * selectors.CLAIM_PAGE_SIZE), args.rounds
            )
            figures |= {
                "offset_p50_ms": round(offset_p50, 1),
                "offset_p95_ms": round(offset_p95, 1),
            }
            print(
                f"{'':<26} the same page by OFFSET: p50 {offset_p50:.1f}, p95 {offset_p95:.1f} ms"
            )
        cap = f", counted to {args.cap:,}" if args.cap else ""
        record("claims_list", f"{name} ({size:,} claims{cap})", figures)
    print(f"worst view p95: {worst:.1f} ms (target < 200 ms)")


if __name__ == "__main__":
    main()
