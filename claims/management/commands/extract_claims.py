"""Dry run of claim extraction on a text file or stdin; writes nothing to the database.

    python manage.py extract_claims [PATH|-] [--format jsonl|table] [--only-checkworthy]

Prints one JSON object per segment of the text, in order: start, end, text, checkworthy,
score, claimant, sourcing, flags, kind and duplicate_of, and the claim itself: ``claim``
(the statement without its attribution frame), ``claim_start``/``claim_end`` (its offsets
when contiguous), ``claimant_role`` and ``cue``. Offsets are Python string offsets into the
decoded input. ``--format table`` shows the claim rather than the sentence.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction import extract, unique_claims


def _read_limited(stream, cap: int) -> bytes:
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise CommandError(f"input is larger than the {cap}-byte limit (INGEST_MAX_BYTES)")
    return data


def decode_input(data: bytes) -> str:
    """UTF-8 text from raw bytes, or a CommandError saying what is wrong with them."""
    if b"\x00" in data:
        raise CommandError("input looks binary (it contains NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"input is not valid UTF-8 (bad byte at offset {exc.start}); expected UTF-8 text"
        ) from None
    # Other control characters (not tab/newline/CR/form feed) do not occur in article text.
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise CommandError("input looks binary (many control characters); expected text")
    if not text.strip():
        raise CommandError("input is empty")
    return text


class Command(BaseCommand):
    help = "Segment a text and print every sentence with its check-worthiness and attribution."
    # A dry run: no database access, so no system or migration checks either.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    # call_command(..., stdin=stream) in tests; the command line reads sys.stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default="-", help="a UTF-8 text file, or - for stdin"
        )
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
        parser.add_argument(
            "--only-checkworthy",
            action="store_true",
            help="print only the unique check-worthy sentences",
        )

    def handle(self, *args, **options):
        cap = int(settings.INGEST_MAX_BYTES)
        path = options["path"]
        if path == "-":
            stream = options.get("stdin") or sys.stdin
            data = _read_limited(getattr(stream, "buffer", stream), cap)
            if isinstance(data, str):
                data = data.encode("utf-8")
        else:
            file = Path(path)
            if not file.exists():
                raise CommandError(f"no such file: {path}")
            if not file.is_file():
                raise CommandError(f"not a regular file: {path}")
            if file.stat().st_size > cap:
                raise CommandError(f"{path} is larger than the {cap}-byte limit (INGEST_MAX_BYTES)")
            try:
                with file.open("rb") as fh:
                    data = _read_limited(fh, cap)
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
        text = decode_input(data)
        sentences = extract(text)
        shown = unique_claims(sentences) if options["only_checkworthy"] else sentences
        try:
            if options["format"] == "jsonl":
                for sentence in shown:
                    self.stdout.write(json.dumps(sentence.as_dict(), ensure_ascii=False))
            else:
                self._table(shown)
            self.stdout.flush()
        except BrokenPipeError:
            # `extract_claims ... | head`: the reader left; stop quietly, like other CLI tools.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return
        claims = unique_claims(sentences)
        self.stderr.write(
            f"{len(sentences)} segments, "
            f"{sum(1 for s in sentences if s.kind == 'sentence')} sentences, "
            f"{len(claims)} unique check-worthy claims"
        )

    def _table(self, sentences) -> None:
        self.stdout.write(
            f"{'span':>13}  {'cw':2} {'score':>5}  {'kind':<9} {'sourcing':<12} "
            f"{'claimant':<28} {'flags':<24} claim (the sentence less its frame)"
        )
        for s in sentences:
            claimant = (s.claimant or "-")[:28]
            flags = ",".join(s.flags) or "-"
            claim = s.claim or s.text
            text = claim if len(claim) <= 90 else claim[:87] + "..."
            self.stdout.write(
                f"{s.start:>6}-{s.end:<6}  {'Y' if s.checkworthy else '-':2} {s.score:5.2f}  "
                f"{s.kind:<9} {s.sourcing:<12} {claimant:<28} {flags[:24]:<24} {text}"
            )
