"""Every claim with its verdict history, as plain records, for ``manage.py export_claims``.

Claims are read in id order, ``chunk_size`` at a time, by keyset (``id > last id``), with
``values()`` rather than model instances: each chunk costs at most four queries (claims with
their article, verdict revisions, citations, source links) however many rows it holds, and
only one chunk is in memory at a time, so an export of a million claims runs in flat memory.

Each claim carries its sentence (``text``) and its claim text (``claim_text``: the
statement checked, as the API names it), with the claimant, its role and the cue.

The records hold the internal record, not the public one: every verdict revision (proposed,
sent back, withdrawn, superseded), internal notes and reviewers' user names. An export is
for backups and research by the desk itself; do not publish it as it is.

CSV has one row per claim: the claim's own fields in columns, and the verdict history and
the source links as JSON arrays in the ``verdicts`` and ``sources`` columns (the same
objects as in JSONL), so a spreadsheet sees one line per claim and a program loses nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from claims.models import Citation, Claim, SourceLink, Verdict, statement_of

DEFAULT_CHUNK_SIZE = 2000

_CLAIM_FIELDS = {
    "id": "id",
    "text": "text",
    # Claim.statement, as the API's claim_text: the claim text, or the sentence for a row
    # without one (see _records).
    "claim_text": "claim_text",
    "status": "status",
    "claimant": "claimant",
    "claimant_role": "claimant_role",
    "cue": "cue",
    "sourcing": "sourcing",
    "checkworthiness": "checkworthiness",
    "flags": "flags",
    "span_start": "span_start",
    "span_end": "span_end",
    "canonical_id": "canonical_id",
    "published_verdict_id": "published_verdict_id",
    "created_by": "created_by__username",
    "created_at": "created_at",
    "updated_at": "updated_at",
}
_ARTICLE_FIELDS = {
    "id": "article_id",
    "url": "article__url",
    "canonical_url": "article__canonical_url",
    "title": "article__title",
    "outlet": "article__outlet",
    "published_at": "article__published_at",
}
_VERDICT_FIELDS = {
    "version": "version",
    "state": "state",
    "rating": "rating__slug",
    "rating_label": "rating__label",
    "headline": "headline",
    "summary": "summary",
    "rationale": "rationale",
    "author": "author__username",
    "created_at": "created_at",
    "decided_by": "decided_by__username",
    "decided_at": "decided_at",
    "decision_note": "decision_note",
    "published_at": "published_at",
}
_SOURCE_FIELDS = {
    "id": "id",
    "url": "url",
    "title": "title",
    "kind": "kind",
    "stance": "stance",
    "added_by": "added_by__username",
    "added_at": "added_at",
    "removed_at": "removed_at",
}

CSV_COLUMNS = [
    *(k for k in _CLAIM_FIELDS if k != "published_verdict_id"),
    *(f"article_{k}" for k in _ARTICLE_FIELDS),
    "published_version",
    "published_rating",
    "verdict_count",
    "verdicts",
    "sources",
]


def count_claims() -> int:
    return Claim.objects.count()


def iter_claim_records(*, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """Every claim, by ascending id, with ``article``, ``verdicts`` and ``sources``."""
    last_id = 0
    while True:
        rows = list(
            Claim.objects.filter(id__gt=last_id)
            .order_by("id")
            .values(*_CLAIM_FIELDS.values(), *_ARTICLE_FIELDS.values())[:chunk_size]
        )
        if not rows:
            return
        yield from _records(rows)
        if len(rows) < chunk_size:
            return
        last_id = rows[-1]["id"]


def _records(rows: list[dict]) -> Iterator[dict[str, Any]]:
    ids = [row["id"] for row in rows]
    first, last = ids[0], ids[-1]
    # A range, not IN (...): the same index scan for any chunk size.
    verdicts = list(
        Verdict.objects.filter(claim_id__gte=first, claim_id__lte=last)
        .order_by("claim_id", "version")
        .values("id", "claim_id", *_VERDICT_FIELDS.values())
    )
    cited: dict[int, list[int]] = defaultdict(list)
    if verdicts:
        for verdict_id, source_id in (
            Citation.objects.filter(verdict__claim_id__gte=first, verdict__claim_id__lte=last)
            .order_by("verdict_id", "source_id")
            .values_list("verdict_id", "source_id")
        ):
            cited[verdict_id].append(source_id)
    by_claim: dict[int, list[dict]] = defaultdict(list)
    for verdict in verdicts:
        record = {"id": verdict["id"]}
        record.update((key, _plain(verdict[field])) for key, field in _VERDICT_FIELDS.items())
        record["cited_source_ids"] = cited.get(verdict["id"], [])
        by_claim[verdict["claim_id"]].append(record)
    sources: dict[int, list[dict]] = defaultdict(list)
    for source in (
        SourceLink.objects.filter(claim_id__gte=first, claim_id__lte=last)
        .order_by("claim_id", "added_at", "id")
        .values("claim_id", *_SOURCE_FIELDS.values())
    ):
        sources[source["claim_id"]].append(
            {key: _plain(source[field]) for key, field in _SOURCE_FIELDS.items()}
        )
    for row in rows:
        record = {key: _plain(row[field]) for key, field in _CLAIM_FIELDS.items()}
        record["claim_text"] = statement_of(row["claim_text"], row["text"])
        article = {key: _plain(row[field]) for key, field in _ARTICLE_FIELDS.items()}
        record["article"] = article if article["id"] is not None else None
        record["verdicts"] = by_claim.get(row["id"], [])
        record["sources"] = sources.get(row["id"], [])
        yield record


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def to_json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """The CSV columns for one record (histories as JSON text; empty cells for None)."""
    row = {key: record[key] for key in _CLAIM_FIELDS if key != "published_verdict_id"}
    row["flags"] = json.dumps(record["flags"], ensure_ascii=False)
    article = record["article"] or {}
    for key in _ARTICLE_FIELDS:
        row[f"article_{key}"] = article.get(key)
    published = next(
        (v for v in record["verdicts"] if v["id"] == record["published_verdict_id"]), None
    )
    row["published_version"] = published["version"] if published else None
    row["published_rating"] = published["rating"] if published else None
    row["verdict_count"] = len(record["verdicts"])
    row["verdicts"] = json.dumps(record["verdicts"], ensure_ascii=False)
    row["sources"] = json.dumps(record["sources"], ensure_ascii=False)
    return {key: "" if value is None else value for key, value in row.items()}
