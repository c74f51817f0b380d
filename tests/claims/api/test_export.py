"""The bulk export: the change feed in one NDJSON stream, resumable from its cursor lines."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import datetime, timedelta

import pytest
from django.db.models import F
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from claims.api import export
from claims.api.ids import MAX_ID
from claims.models import Article, Claim
from claims.workflow import claim_assign, claim_merge, verdict_approve
from tests.claims.api.conftest import client_with_token
from tests.claims.api.test_claims import VISIBLE

EXPORT = "/api/v1/claims/export/"
LIST = "/api/v1/claims/"


@pytest.fixture(autouse=True)
def _no_settle_time(settings):
    # Claims made by a test are milliseconds old; the settle time has its own test below.
    settings.API_EXPORT_SETTLE_SECONDS = 0


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 3)


def lines(response) -> list[dict]:
    """The streamed body, parsed line by line (inflated first if it came gzipped)."""
    assert response.status_code == 200, response.content
    assert response.streaming
    assert response["Content-Type"] == "application/x-ndjson"
    body = b"".join(response.streaming_content)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    assert body.endswith(b"\n")
    return [json.loads(line) for line in body.split(b"\n")[:-1]]


def items(parsed: list[dict]) -> list[dict]:
    return [line for line in parsed if "cursor" not in line]


def the_feed(reader) -> list[dict]:
    return reader.get(LIST, {"page_size": 200}).json()["results"]


def the_mirror(reader) -> list[dict]:
    """What a consumer gets by reading the feed and each claim's detail: the feed's items in
    its order, every live claim replaced by its detail, tombstones as they are."""
    return [
        item if item.get("removed") else reader.get(f"{LIST}{item['id']}/").json()
        for item in the_feed(reader)
    ]


# --- what it sends ----------------------------------------------------------------------


def test_every_claim_comes_as_its_detail_and_every_tombstone_as_the_feed_lists_it(
    at, reader, editor
):
    for start in VISIBLE:
        at(start)
    leaves = at("queued")
    claim_merge(claim=leaves, canonical=at("candidate"), actor=editor)

    parsed = lines(reader.get(EXPORT))
    # The feed's items in its order, each claim as its detail: hidden claims left out.
    assert items(parsed) == the_mirror(reader)
    assert len(items(parsed)) == sum(1 for shown in VISIBLE.values() if shown) + 1
    assert items(parsed)[-1] == {**items(parsed)[-1], "id": leaves.pk, "removed": True}
    assert parsed[-1] == {"cursor": parsed[-1]["cursor"], "complete": True}


def test_the_items_are_the_details_bytes(at, reader):
    at("published", claimant="Ines Varga", claimant_role="transport director")
    at("queued", text="Zölle stiegen um 5 % – sagt „man“.")
    response = reader.get(EXPORT)
    body = b"".join(response.streaming_content).split(b"\n")
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    mirror = [json.dumps(item, **compact) for item in the_mirror(reader)]
    assert [line.decode() for line in body[:2]] == mirror


def test_a_mirror_gets_every_public_field_of_every_kind_of_claim_in_few_queries(
    every_public_kind, reader, django_assert_num_queries
):
    reader.get(LIST)  # records the token's use and caches the permission set
    # 1 the token with its user, 1 the record's version; then one chunk: where it ends (none
    # of its 2,000: the record is smaller), its rows, the sources its verdicts cite, and the
    # published revisions of the claims that speak for them. Not one query per claim.
    with django_assert_num_queries(6):
        parsed = lines(reader.get(EXPORT))
    assert items(parsed) == the_mirror(reader)
    claims = [item for item in items(parsed) if not item.get("removed")]
    assert len(claims) == len(every_public_kind)
    # Guards the fixture: rationales, cited sources and a corrections log of two came.
    with_verdict = [claim["verdict"] for claim in claims if claim["verdict"]]
    assert any(verdict["rationale"] for verdict in with_verdict)
    assert all(claim["sources"] for claim in claims if claim["verdict"])
    assert max(len(claim["corrections"]) for claim in claims) == 2


def test_an_empty_record_sends_only_the_closing_line_with_no_cursor(reader, db):
    assert lines(reader.get(EXPORT)) == [{"cursor": None, "complete": True}]


def test_a_cursor_line_follows_every_full_chunk(at, reader, small_chunks):
    claims = [at("queued") for _ in range(7)]
    parsed = lines(reader.get(EXPORT))
    shape = ["cursor" if "cursor" in line else line["id"] for line in parsed]
    ids = [c.pk for c in claims]
    assert shape == [*ids[:3], "cursor", *ids[3:6], "cursor", ids[6], "cursor"]
    assert parsed[-1]["complete"] is True
    assert not any(line.get("complete") for line in parsed[:-1])


# --- resuming ---------------------------------------------------------------------------


def test_every_cursor_resumes_exactly_after_the_item_before_it(at, reader, small_chunks):
    for _ in range(7):
        at("queued")
    parsed = lines(reader.get(EXPORT))
    for index, line in enumerate(parsed):
        if "cursor" not in line:
            continue
        rest = lines(reader.get(EXPORT, {"cursor": line["cursor"]}))
        assert items(rest) == items(parsed[index + 1 :])
        assert rest[-1]["complete"] is True


def test_a_transfer_cut_short_resumes_from_its_last_cursor_line(at, reader, small_chunks):
    claims = [at("queued") for _ in range(8)]
    response = reader.get(EXPORT)
    # The connection drops after the first chunk: the rest is never read.
    first_chunk = next(iter(response.streaming_content))
    received = [json.loads(line) for line in first_chunk.splitlines()]
    assert not any(line.get("complete") for line in received)
    cursor = [line["cursor"] for line in received if "cursor" in line][-1]

    rest = lines(reader.get(EXPORT, {"cursor": cursor}))
    assert [item["id"] for item in items(received) + items(rest)] == [c.pk for c in claims]


def test_a_response_at_its_time_limit_ends_with_a_cursor_to_go_on_from(
    at, reader, small_chunks, settings
):
    settings.API_EXPORT_MAX_SECONDS = 0  # every response ends after its first chunk
    claims = [at("queued") for _ in range(7)]
    received, params = [], {}
    for _ in range(5):
        parsed = lines(reader.get(EXPORT, params))
        received.append(["cursor" if "cursor" in line else line["id"] for line in parsed])
        if parsed[-1]["complete"]:
            break
        params = {"cursor": parsed[-1]["cursor"]}
    ids = [c.pk for c in claims]
    assert received == [[*ids[:3], "cursor"], [*ids[3:6], "cursor"], [ids[6], "cursor"]]


def test_the_final_cursor_later_gives_just_what_changed_with_tombstones(
    at, reader, editor, fact_checker
):
    stays, changes, leaves = at("queued"), at("queued"), at("queued")
    final = lines(reader.get(EXPORT))[-1]["cursor"]
    assert lines(reader.get(EXPORT, {"cursor": final})) == [{"cursor": final, "complete": True}]

    claim_assign(claim=changes, actor=fact_checker, assignee=fact_checker)
    claim_merge(claim=leaves, canonical=at("candidate"), actor=editor)
    new = at("published")
    later = lines(reader.get(EXPORT, {"cursor": final}))
    assert [(item["id"], item.get("removed", False)) for item in items(later)] == [
        (changes.pk, False),
        (leaves.pk, True),
        (new.pk, False),
    ]
    assert stays.pk not in {item["id"] for item in items(later)}
    # A duplicate that becomes public again, when its canonical is published, comes as itself.
    canonical = at("pending_approval")
    repeat = claim_merge(claim=at("queued"), canonical=canonical, actor=editor)
    before = lines(reader.get(EXPORT, {"cursor": later[-1]["cursor"]}))
    verdict_approve(verdict=canonical.verdicts.get(state="proposed"), actor=editor)
    after = lines(reader.get(EXPORT, {"cursor": before[-1]["cursor"]}))
    assert {item["id"]: item.get("duplicate_of") for item in items(after)} == {
        canonical.pk: None,
        repeat.pk: canonical.pk,
    }


def hour_ago() -> None:
    """Move every change an hour back (the sync-key triggers follow ``updated_at``)."""
    Article.objects.update(updated_at=F("updated_at") - timedelta(hours=1))
    Claim.objects.update(updated_at=F("updated_at") - timedelta(hours=1))


def test_changes_younger_than_the_settle_time_wait_for_the_next_request(at, reader, settings):
    settings.API_EXPORT_SETTLE_SECONDS = 60
    old = at("queued")
    hour_ago()
    fresh = at("queued")
    first = lines(reader.get(EXPORT))
    assert [item["id"] for item in items(first)] == [old.pk]
    assert lines(reader.get(EXPORT, {"cursor": first[-1]["cursor"]}))[:-1] == []
    hour_ago()  # the fresh claim's minute is over
    later = lines(reader.get(EXPORT, {"cursor": first[-1]["cursor"]}))
    assert [item["id"] for item in items(later)] == [fresh.pk]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.urlsafe_b64encode(b'["2026-01-01T00:00:00", 5]').decode(),  # no time zone
        base64.urlsafe_b64encode(b'["2026-01-01T00:00:00+00:00", 0]').decode(),
        base64.urlsafe_b64encode(b'["2026-01-01T00:00:00+00:00", 9223372036854775808]').decode(),
        base64.urlsafe_b64encode(b'["2026-01-01T00:00:00+00:00", true]').decode(),
        base64.urlsafe_b64encode(b'["0001-01-01T00:00:00+14:00", 5]').decode(),  # year 0 in UTC
        base64.urlsafe_b64encode(b'{"a": 1}').decode(),
        "x" * 201,
    ],
)
def test_a_cursor_that_is_not_one_is_a_field_error(cursor, reader, db):
    response = reader.get(EXPORT, {"cursor": cursor})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "cursor"


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cursor=st.from_regex(export.CURSOR_PATTERN))
def test_every_string_of_the_cursors_shape_is_a_cursor(cursor):
    """The schema's pattern is the whole rule: what it allows, the export takes. Moments no
    claim can have (before the year 1, after 9999) and ids past the range name the place
    before or after every claim."""
    position = export.Position.decode(cursor)
    assert 0 <= position.id <= MAX_ID
    assert position.synced_at.tzinfo is not None
    again = export.Position.decode(export.Position(position.synced_at, position.id).encode())
    assert again == position


@pytest.mark.parametrize("cursor", ["A" * 22, "f" + "_" * 20 + "w", "g" + "A" * 21, "_" * 21 + "w"])
def test_a_cursor_at_the_ends_of_its_range_is_answered(cursor, at, reader):
    claim = at("queued")
    parsed = lines(reader.get(EXPORT, {"cursor": cursor}))
    assert parsed[-1]["complete"] is True
    # 1970 or before the year 1: everything after; 9999 and past it: nothing.
    expected = [claim.pk] if cursor[0] in "Ag_" else []
    assert [item["id"] for item in items(parsed)] == expected


# --- transfer ---------------------------------------------------------------------------


def test_gzip_when_the_client_accepts_it_round_trips(at, reader, small_chunks):
    for start in ("published", "queued", "published", "in_review", "published"):
        at(start)
    plain = reader.get(EXPORT)
    assert "Content-Encoding" not in plain
    packed = reader.get(EXPORT, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert lines(packed) == lines(plain)


def test_the_database_is_read_a_chunk_at_a_time(
    at, reader, small_chunks, django_assert_num_queries
):
    for _ in range(7):
        at("queued")
    reader.get(LIST)  # records the token's use and caches the permission set
    # 1 the token with its user, 1 the record's version (the export's bound), then three
    # statements per chunk of 3 claims (3 + 3 + 1): where it ends, from the index (LIMIT 1
    # OFFSET 2), its public rows between the two bounds, and the published revisions of
    # its claims (none cites a source: pending). Never the whole table.
    with django_assert_num_queries(11) as captured:
        parsed = lines(reader.get(EXPORT))
    assert len(items(parsed)) == 7
    edges = [q["sql"] for q in captured.captured_queries if "LIMIT 1 OFFSET 2" in q["sql"]]
    assert len(edges) == 3


def test_cursors_name_only_claims_sent(at, reader, small_chunks):
    shown = [at("queued"), at("queued")]
    for _ in range(4):
        at("candidate")  # hidden: a whole chunk of them and more
    last = at("queued")
    for _ in range(2):
        at("dismissed")
    parsed = lines(reader.get(EXPORT))
    assert [item["id"] for item in items(parsed)] == [*(c.pk for c in shown), last.pk]
    sent = {
        export.Position(datetime.fromisoformat(i["updated_at"]), i["id"]) for i in items(parsed)
    }
    cursors = [export.Position.decode(line["cursor"]) for line in parsed if "cursor" in line]
    assert set(cursors) <= sent
    assert cursors[-1].id == last.pk


# --- who may, and how often ---------------------------------------------------------------


def test_a_read_token_may_export_and_other_callers_may_not(at, reader, api, consumer, fact_checker):
    at("published")
    assert len(items(lines(reader.get(EXPORT)))) == 1
    assert api.get(EXPORT).status_code == 401
    assert client_with_token(consumer, "ingest").get(EXPORT).status_code == 403
    assert client_with_token(fact_checker, "read").get(EXPORT).status_code == 200


def test_the_export_has_its_own_rate_limit_apart_from_other_reads(reader, settings, db):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "100/minute", "anon": "100/minute", "export": "2/hour"},
    }
    first = reader.get(EXPORT)
    assert (first["RateLimit-Limit"], first["RateLimit-Remaining"]) == ("2", "1")
    assert reader.get(EXPORT)["RateLimit-Remaining"] == "0"
    refused = reader.get(EXPORT)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == int(refused["RateLimit-Reset"]) > 3500
    # The token's other reads count in their own bucket, untouched by the exports.
    listed = reader.get(LIST)
    assert listed.status_code == 200
    assert (listed["RateLimit-Limit"], listed["RateLimit-Remaining"]) == ("100", "99")
