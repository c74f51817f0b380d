"""The match_score command: JSON lines in, one JSON line out per input line, no database."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(lines: list[str | bytes]) -> tuple[list[dict], CommandError | None]:
    stdin = [x if isinstance(x, bytes) else x.encode() for x in lines]
    out = io.StringIO()
    error = None
    try:
        call_command("match_score", stdin=iter(stdin), stdout=out)
    except CommandError as exc:
        error = exc
    return [json.loads(line) for line in out.getvalue().splitlines()], error


def pair(a: str, b: str) -> str:
    return json.dumps({"a": a, "b": b}) + "\n"


def test_prints_score_and_decision_per_line_without_the_database(settings):
    # No django_db mark: any query would fail the test.
    settings.MATCH_SUGGEST_THRESHOLD = 0.5
    settings.MATCH_AUTO_THRESHOLD = 0.9
    same = "The UK gave Ukraine $20m in military aid in 2023, the ministry said"
    reworded = "In 2023 Britain gave Ukraine 20 million dollars in military aid, the ministry said"
    negated = "The UK did not give Ukraine $20m in military aid in 2023, the ministry said"
    rows, error = run([pair(same, reworded), pair(same, negated), pair(same, "Cats purr.")])
    assert error is None
    assert [r["decision"] for r in rows] == ["auto", "suggest", "none"]  # negation: not auto
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)
    assert any("negation" in reason for reason in rows[1]["reasons"])


def test_uses_configured_thresholds(settings):
    settings.MATCH_SUGGEST_THRESHOLD = 0.01
    settings.MATCH_AUTO_THRESHOLD = 0.02
    rows, _ = run([pair("Cats purr loudly at night in the city", "Dogs bark at night")])
    assert rows[0]["decision"] == "suggest"  # short: never auto, whatever the thresholds


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json\n", "not valid JSON"),
        ('["a", "b"]\n', "expected a JSON object"),
        ('{"a": "x"}\n', 'missing field "b"'),
        ('{"a": 1, "b": "x"}\n', 'field "a" must be a string'),
        (b"\xff\xfe\n", "not valid UTF-8"),
    ],
)
def test_bad_line_gives_an_error_line_and_a_nonzero_exit(line, message):
    rows, error = run([pair("a b c", "a b c"), line, pair("d e f", "d e f")])
    assert len(rows) == 3  # output stays aligned with input
    assert rows[1]["line"] == 2
    assert message in rows[1]["error"]
    assert "score" in rows[0] and "score" in rows[2]
    assert error is not None and "1 of 3" in str(error)


def test_blank_lines_are_skipped():
    rows, error = run(["\n", pair("a b c", "a b c"), "   \n"])
    assert error is None
    assert len(rows) == 1
