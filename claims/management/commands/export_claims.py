"""Stream every claim with its verdict history, for backups and research.

    python manage.py export_claims --format jsonl|csv [--output PATH] [--quiet]

JSONL: one JSON object per claim, by ascending id: its sentence (``text``), claim text,
claimant, claimant role, cue and the rest of its row, with ``article``, ``sources`` and
``verdicts`` (every revision: version, state, rating, headline, summary, rationale, author,
decision, dates, cited source ids). CSV: one row per claim, the same history as JSON text in
the ``verdicts`` and ``sources`` columns (see ``claims.export``). Output goes to stdout, or
to PATH (written as PATH.partial and renamed when complete, so an interrupted export never
looks finished). Progress goes to stderr. On PostgreSQL the export reads one consistent
snapshot (a read-only repeatable-read transaction), whatever the desk writes meanwhile.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from contextlib import contextmanager, nullcontext
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from claims import export

PROGRESS_EVERY_SECONDS = 2.0


class Command(BaseCommand):
    help = "Stream every claim with its verdict history as JSON lines or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
        parser.add_argument("--output", "-o", help="a file to write (default: stdout)")
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=export.DEFAULT_CHUNK_SIZE,
            help="claims read per round of queries (default %(default)s)",
        )
        parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")

    def handle(self, *args, **options):
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1")
        path = options["output"]
        with self._snapshot(), self._open(path) as out:
            total = export.count_claims()
            written = self._write(out, options["format"], total, options)
        if not options["quiet"]:
            where = path or "stdout"
            self.stderr.write(f"Exported {written} claims to {where}.")

    def _write(self, out: TextIO, fmt: str, total: int, options) -> int:
        records = export.iter_claim_records(chunk_size=options["chunk_size"])
        writer = None
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=export.CSV_COLUMNS)
            writer.writeheader()
        written = 0
        shown = time.monotonic()
        for record in records:
            if writer is None:
                out.write(export.to_json_line(record))
            else:
                writer.writerow(export.to_csv_row(record))
            written += 1
            if not options["quiet"] and time.monotonic() - shown >= PROGRESS_EVERY_SECONDS:
                shown = time.monotonic()
                self._progress(written, total)
        if not options["quiet"]:
            self._progress(written, total)
        return written

    def _progress(self, written: int, total: int) -> None:
        # Claims added during the export can take the count past the total read at the start.
        percent = 100.0 if total == 0 else min(100.0, 100.0 * written / total)
        self.stderr.write(f"{written}/{total} claims ({percent:.1f}%)")

    @contextmanager
    def _open(self, path: str | None):
        if path is None:
            # Straight to the underlying stream: OutputWrapper would style or add newlines.
            yield getattr(self.stdout, "_out", sys.stdout)
            return
        partial = f"{path}.partial"
        try:
            with open(partial, "w", encoding="utf-8", newline="") as handle:
                yield handle
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
        os.replace(partial, path)

    def _snapshot(self):
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            # SQLite's transactions here take the write lock (IMMEDIATE): read without one.
            # Inside a caller's transaction (call_command in a test) it is too late to
            # choose the isolation level; that transaction is the snapshot.
            return nullcontext()
        return _repeatable_read()


@contextmanager
def _repeatable_read():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield
