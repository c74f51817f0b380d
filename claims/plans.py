"""Statements planned for their own values: lists whose filters decide the plan.

With prepared statements on (``DATABASE_PREPARED_STATEMENTS``), PostgreSQL may plan a
statement once for any values after its fifth run. For a list narrowed by a filter that
generic plan guesses what the filter matches; at 1M claims it walked the whole "newest"
index of the desk's claims list testing every row for a rare word, hundreds of times slower
than the plan made for that word (``bench/claims_list.py``, "q, rare words"; README,
"Benchmarks"). The consumer list's filters (a rare site, a week of verdicts) are the same
kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def custom_plans(connection) -> Iterator[None]:
    """Statements run inside are planned for their own values, never prepared."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        yield
        return
    threshold, raw.prepare_threshold = raw.prepare_threshold, None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
