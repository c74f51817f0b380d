"""``manage.py export_claims``: every claim with its verdict history, streamed in id order."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims import export
from claims.models import Claim
from claims.workflow import (
    claim_merge,
    claim_propose_verdict,
    verdict_approve,
    verdict_request_changes,
)

AWKWARD = 'He said, "the truce\nheld" — for 70 years,\r\nand "nobody", not once, broke it.'


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_claims", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def published_after_revision(claim_in_review, fact_checker, editor, rating) -> Claim:
    """Version 1 sent back, version 2 approved: a history of two revisions."""
    source = claim_in_review.sources.get()
    first = claim_propose_verdict(
        claim=claim_in_review,
        actor=fact_checker,
        rating="mixed",
        headline="Partly right",
        summary="First try.",
        sources=[source],
    )
    verdict_request_changes(verdict=first, actor=editor, note="Cite the armistice text.")
    second = claim_propose_verdict(
        claim=claim_in_review,
        actor=fact_checker,
        rating=rating,
        headline="Mostly right",
        summary="The armistice of 1953 still holds.",
        rationale="Primary document.",
        sources=[source],
    )
    verdict_approve(verdict=second, actor=editor, note="Good.")
    claim_in_review.refresh_from_db()
    return claim_in_review


def test_jsonl_has_every_verdict_revision_with_its_decision(published_after_revision):
    out, _ = run("--format", "jsonl", "--quiet")
    [record] = jsonl(out)
    claim = published_after_revision
    source = claim.sources.get()
    assert record["id"] == claim.pk
    assert record["status"] == "published"
    assert record["article"]["url"] == claim.article.url
    assert record["article"]["title"] == claim.article.title
    assert [(v["version"], v["state"], v["rating"]) for v in record["verdicts"]] == [
        (1, "changes_requested", "mixed"),
        (2, "approved", "mostly_true"),
    ]
    first, second = record["verdicts"]
    assert (first["author"], first["decided_by"]) == ("checker", "editor")
    assert first["decision_note"] == "Cite the armistice text."
    assert first["published_at"] is None
    assert second["published_at"] is not None
    assert second["cited_source_ids"] == [source.pk]
    assert record["published_verdict_id"] == second["id"]
    assert record["sources"] == [
        {
            "id": source.pk,
            "url": source.url,
            "title": source.title,
            "kind": "primary_document",
            "stance": "supports",
            "added_by": "checker",
            "added_at": source.added_at.isoformat(),
            "removed_at": None,
        }
    ]


def test_a_claim_without_verdicts_or_article_is_exported_with_empty_history(make_claim):
    bare = make_claim(text="Exports grew by 4 percent.", article=None, claimant="The ministry")
    out, _ = run("--quiet")  # jsonl is the default
    [record] = jsonl(out)
    assert record["id"] == bare.pk
    assert record["verdicts"] == [] and record["sources"] == []
    assert record["article"] is None
    assert record["claimant"] == "The ministry"
    assert record["published_verdict_id"] is None


def test_a_claim_carries_its_sentence_claim_text_role_and_cue(make_claim, article):
    framed = make_claim(
        text="Exports grew by 4 percent, trade minister Ana Ruiz said on Monday.",
        claim_text="Exports grew by 4 percent",
        claimant="Ana Ruiz",
        claimant_role="trade minister",
        cue="said",
        sourcing="named",
    )
    unfilled = make_claim(text="Imports fell by 2 percent.")
    Claim.objects.filter(pk=unfilled.pk).update(claim_text="")
    records = {r["id"]: r for r in jsonl(run("--quiet")[0])}
    record = records[framed.pk]
    assert record["text"] == "Exports grew by 4 percent, trade minister Ana Ruiz said on Monday."
    assert record["claim_text"] == "Exports grew by 4 percent"
    assert (record["claimant"], record["claimant_role"], record["cue"]) == (
        "Ana Ruiz",
        "trade minister",
        "said",
    )
    # A row stored before claim texts and not filled names its sentence, as the API does.
    assert records[unfilled.pk]["claim_text"] == "Imports fell by 2 percent."
    [row] = [
        r
        for r in csv.DictReader(io.StringIO(run("--format", "csv", "--quiet")[0], newline=""))
        if r["id"] == str(framed.pk)
    ]
    assert (row["text"], row["claim_text"], row["claimant_role"], row["cue"]) == (
        record["text"],
        "Exports grew by 4 percent",
        "trade minister",
        "said",
    )
    assert export.CSV_COLUMNS[:8] == [
        "id",
        "text",
        "claim_text",
        "status",
        "claimant",
        "claimant_role",
        "cue",
        "sourcing",
    ]


def test_claims_come_in_ascending_id_order_across_chunks(make_claim):
    ids = [make_claim().pk for _ in range(7)]
    out, _ = run("--chunk-size", "3", "--quiet")
    assert [r["id"] for r in jsonl(out)] == sorted(ids)


def test_a_duplicate_names_its_canonical_claim(make_claim, editor):
    canonical = make_claim(text="The truce has held for 70 years.")
    repeat = make_claim(text="The truce held for seventy years.")
    claim_merge(claim=repeat, canonical=canonical, actor=editor)
    records = {r["id"]: r for r in jsonl(run("--quiet")[0])}
    assert records[repeat.pk]["status"] == "duplicate"
    assert records[repeat.pk]["canonical_id"] == canonical.pk
    assert records[canonical.pk]["canonical_id"] is None


def test_csv_round_trips_commas_quotes_and_newlines_in_claim_text(make_claim, article):
    awkward = make_claim(text=AWKWARD, claimant='Envoy "K", retired')
    out, _ = run("--format", "csv", "--quiet")
    [row] = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(row) == export.CSV_COLUMNS
    assert row["id"] == str(awkward.pk)
    assert row["text"] == AWKWARD
    assert row["claimant"] == 'Envoy "K", retired'
    assert row["article_url"] == article.url
    assert row["verdict_count"] == "0"
    assert json.loads(row["verdicts"]) == []
    assert row["published_version"] == ""


def test_csv_carries_the_history_as_json_in_one_row_per_claim(published_after_revision):
    out, _ = run("--format", "csv", "--quiet")
    [row] = list(csv.DictReader(io.StringIO(out, newline="")))
    assert row["verdict_count"] == "2"
    assert (row["published_version"], row["published_rating"]) == ("2", "mostly_true")
    assert [v["state"] for v in json.loads(row["verdicts"])] == ["changes_requested", "approved"]
    [source] = json.loads(row["sources"])
    assert source["url"] == "https://stats.example.org/korea-armistice"


def test_progress_goes_to_stderr_and_quiet_silences_it(make_claim):
    for _ in range(3):
        make_claim()
    out, err = run("--format", "jsonl")
    assert len(jsonl(out)) == 3, "stdout holds the data only"
    assert "3/3 claims (100.0%)" in err
    assert "Exported 3 claims to stdout." in err
    _, err = run("--quiet")
    assert err == ""


def test_output_file_is_written_whole(make_claim, tmp_path):
    make_claim()
    target = tmp_path / "claims.jsonl"
    out, _ = run("--output", str(target), "--quiet")
    assert out == ""
    assert len(jsonl(target.read_text(encoding="utf-8"))) == 1
    assert not (tmp_path / "claims.jsonl.partial").exists()


def test_a_bad_chunk_size_is_refused(db):
    with pytest.raises(CommandError, match="chunk-size"):
        run("--chunk-size", "0")


def test_query_count_does_not_grow_with_the_number_of_claims(
    make_claim, published_after_revision, django_assert_num_queries
):
    # One count, then per chunk: claims (+ article), verdicts (+ rating, users),
    # citations, source links.
    with django_assert_num_queries(5):
        out, _ = run("--quiet", "--chunk-size", "100")
    assert len(jsonl(out)) == 1
    for _ in range(30):
        make_claim()
    with django_assert_num_queries(5):
        out, _ = run("--quiet", "--chunk-size", "100")
    assert len(jsonl(out)) == 31


def test_queries_are_bounded_by_chunks_not_rows(make_claim, django_assert_max_num_queries):
    for _ in range(25):
        make_claim()
    # 25 claims in chunks of 10: three chunks, at most four queries each, and the count.
    with django_assert_max_num_queries(1 + 3 * 4):
        out, _ = run("--quiet", "--chunk-size", "10")
    assert len(jsonl(out)) == 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_export_reads_one_snapshot(article):
    # On PostgreSQL this runs the repeatable-read, read-only transaction for real.
    from claims.workflow import claim_create

    claim = claim_create(text="Imports doubled in a year.", article=article)
    out, err = run("--format", "jsonl")
    assert [r["id"] for r in jsonl(out)] == [claim.pk]
    assert "1/1 claims (100.0%)" in err
