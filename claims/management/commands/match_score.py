"""Score claim pairs from JSON lines on stdin; touches no database.

    echo '{"a": "Unemployment rose to 3.4%", "b": "Unemployment fell to 3.4 percent"}' \
        | python manage.py match_score

Prints one JSON object per input line, in order: ``score``, ``decision`` ("auto", "suggest" or
"none", with ``MATCH_SUGGEST_THRESHOLD`` / ``MATCH_AUTO_THRESHOLD`` from settings or the
defaults in ``claims.matching.score``), and ``reasons``. A line that is not an object with
string fields "a" and "b" prints ``{"line": N, "error": "..."}`` instead; the command then exits
non-zero after the last line. Blank lines are skipped.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.matching import match_score, thresholds
from claims.matching.claimants import same_claimant
from claims.matching.query import framed

MAX_FIELD_CHARS = 20_000


def _parse(raw: str | bytes) -> tuple[str, str]:
    """The pair on one input line, or ValueError with a message fit for the user."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not valid UTF-8 (bad byte at offset {exc.start})") from None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError('expected a JSON object like {"a": "...", "b": "..."}')
    for key in ("a", "b"):
        if key not in obj:
            raise ValueError(f'missing field "{key}"')
        if not isinstance(obj[key], str):
            raise ValueError(f'field "{key}" must be a string')
        if len(obj[key]) > MAX_FIELD_CHARS:
            raise ValueError(f'field "{key}" is longer than {MAX_FIELD_CHARS} characters')
    return obj["a"], obj["b"]


class Command(BaseCommand):
    help = 'Read JSON lines {"a": ..., "b": ...} on stdin; print score and decision for each.'
    # Pure computation: no system or migration checks, no database connection.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin.buffer
        suggest, auto = thresholds()
        errors = total = 0
        for number, raw in enumerate(stdin, start=1):
            if not raw.strip():
                continue
            total += 1
            try:
                a, b = _parse(raw)
            except ValueError as exc:
                errors += 1
                self.stdout.write(json.dumps({"line": number, "error": str(exc)}))
                continue
            # Each side as its claim: an attribution frame ("..., the minister said") is not
            # part of what is compared, as for stored claims; the speakers the frames name
            # are compared apart (the same claimant raises the score, never vetoes).
            (claim_a, who_a), (claim_b, who_b) = framed(a), framed(b)
            result = match_score(
                claim_a,
                claim_b,
                suggest_threshold=suggest,
                auto_threshold=auto,
                same_claimant=same_claimant(who_a, who_b),
            )
            self.stdout.write(
                json.dumps(
                    {
                        "score": round(result.score, 4),
                        "decision": result.decision,
                        "reasons": list(result.reasons),
                    },
                    ensure_ascii=False,
                )
            )
        if errors:
            raise CommandError(f"{errors} of {total} input lines were invalid")
