"""The extract_claims dry-run command. No test here has database access: it must need none."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_claims", *args, stdout=out, stderr=err, stdin=stdin)
    return out.getvalue(), err.getvalue()


def test_jsonl_has_one_object_per_segment_with_offsets(tmp_path):
    text = "MADRID — Prices rose 4% in May, the statistics office said.\n\nWhat now\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    out, err = run(str(path))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["kind"] for r in rows] == ["dateline", "sentence", "heading"]
    for row in rows:
        assert {
            "start",
            "end",
            "text",
            "checkworthy",
            "score",
            "claimant",
            "sourcing",
            "flags",
            "claim",
            "claim_start",
            "claim_end",
            "claimant_role",
            "cue",
        } <= (row.keys())
        assert text[row["start"] : row["end"]] == row["text"]
    claim = rows[1]
    assert claim["checkworthy"] is True
    assert (claim["claimant"], claim["sourcing"]) == ("the statistics office", "named")
    assert (claim["claim"], claim["cue"]) == ("Prices rose 4% in May", "said")
    assert text[claim["claim_start"] : claim["claim_end"]] == claim["claim"]
    assert "statistic" in claim["flags"]
    assert "3 segments" in err


def test_reads_stdin_and_prints_a_table():
    stdin = io.BytesIO(b"Exports fell 12% last year, officials said.")
    out, _ = run("-", "--format", "table", stdin=stdin)
    assert "anonymous" in out and "Exports fell 12% last year" in out
    assert "officials said" not in out  # the table shows the claim, not its frame


def test_offsets_are_string_offsets_for_non_ascii(tmp_path):
    text = "Zürich — Der “Preis” stieg. Prices in Zürich rose 5% in 2024, the bank said."
    path = tmp_path / "u.txt"
    path.write_text(text, encoding="utf-8")
    out, _ = run(str(path))
    for row in map(json.loads, out.splitlines()):
        assert text[row["start"] : row["end"]] == row["text"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\xff\xfe\x00a\x00b", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nope.txt"))
    with pytest.raises(CommandError, match="not a regular file"):
        run(str(tmp_path))


def test_input_over_the_size_cap(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 1024
    path = tmp_path / "big.txt"
    path.write_text("Prices rose. " * 200, encoding="utf-8")
    with pytest.raises(CommandError, match="limit"):
        run(str(path))
    with pytest.raises(CommandError, match="limit"):
        run("-", stdin=io.BytesIO(b"Prices rose. " * 200))
