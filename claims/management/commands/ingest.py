"""Ingest articles from URLs and files, then print what happened to each.

    python manage.py ingest URL|PATH ... [--text|--html] [--from-file LIST] [--refetch]
    python manage.py ingest PATH --title TITLE

URLs (anything with a scheme, ``https://...``) go through ``submit_url``; files through
``ingest_text`` or ``ingest_html``, chosen by ``--text``/``--html`` or else by extension
(.html, .htm, .xhtml are HTML; .txt, .text, .md are text; anything else is sniffed).
``--from-file LIST`` reads more inputs, one per line (``-`` for stdin; blank lines and
``#`` comments skipped; relative paths are relative to the current directory).

A text file's first line is its title when it looks like a headline (short, one phrase, no
full stop, set apart from the text: ``claims.extraction.boilerplate.leading_headline``); it
is then left out of the article's text, so it never becomes a claim. ``--title`` names the
title of a single text file instead (the headline line is still left out of the text).

A progress bar goes to stderr; the summary (created, updated, unchanged, failed with the
reason) to stdout. Bad input is a line in the summary, never a traceback. The exit code is
1 if any input failed. With a broker configured, fetching and extraction happen in the
workers (the summary says "queued"); without one they run here, in process.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.ingestion import IngestionError
from claims.ingestion.pipeline import IngestResult, ingest_html, ingest_text, submit_url
from claims.ingestion.text import check_size
from claims.models import Article
from claims.workflow import WorkflowError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LOOKS_LIKE_HOST = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", re.IGNORECASE)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
OUTCOMES = ("created", "updated", "unchanged", "failed")
BAR_WIDTH = 30


@dataclass(frozen=True)
class Outcome:
    source: str
    kind: str  # one of OUTCOMES
    detail: str


class Command(BaseCommand):
    help = "Ingest articles from URLs or files (text or HTML) and print a summary."

    def add_arguments(self, parser) -> None:
        parser.add_argument("inputs", nargs="*", metavar="URL|PATH", help="URLs and file paths")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument(
            "--text",
            dest="kind",
            action="store_const",
            const="text",
            help="treat every file as plain text",
        )
        kind.add_argument(
            "--html", dest="kind", action="store_const", const="html", help="treat files as HTML"
        )
        parser.add_argument(
            "--from-file",
            metavar="LIST",
            help="read more URLs/paths from LIST, one per line ('-' for stdin)",
        )
        parser.add_argument(
            "--title",
            help="the article's title, for one text file (default: its first line, if that "
            "is a headline)",
        )
        parser.add_argument(
            "--refetch",
            action="store_true",
            help="fetch URLs that were already ingested again (their new sentences are added)",
        )

    def handle(self, *args, **options) -> None:
        inputs = list(options["inputs"])
        if options["from_file"]:
            inputs.extend(self._read_list(options["from_file"]))
        if not inputs:
            raise CommandError("Give at least one URL or file path, or --from-file LIST.")
        if options["title"] is not None and (len(inputs) != 1 or _URL.match(inputs[0])):
            raise CommandError("--title names the title of one text file: give just that file.")

        outcomes: list[Outcome] = []
        for index, source in enumerate(inputs, start=1):
            self._progress(index - 1, len(inputs), source)
            outcomes.append(self._ingest_one(source, options))
        self._progress(len(inputs), len(inputs), "done", last=True)
        self._summary(outcomes, verbosity=options["verbosity"])

        failed = sum(1 for o in outcomes if o.kind == "failed")
        if failed:
            raise CommandError(f"{failed} of {len(outcomes)} input(s) failed.", returncode=1)

    # --- one input ----------------------------------------------------------------------

    def _ingest_one(self, source: str, options: dict) -> Outcome:
        try:
            if _URL.match(source) and not Path(source).exists():
                result = submit_url(url=source, refetch=options["refetch"])
            else:
                result = self._ingest_file(source, options["kind"], title=options["title"])
        except CommandError:
            raise
        except (IngestionError, WorkflowError, OSError) as exc:
            return Outcome(source, "failed", _reason(exc))
        except Exception as exc:
            if options.get("traceback"):
                raise
            return Outcome(source, "failed", f"internal error ({type(exc).__name__}: {exc})")
        return _describe(source, result)

    def _ingest_file(self, source: str, kind: str | None, *, title: str | None) -> IngestResult:
        path = Path(source)
        if not path.exists():
            hint = ""
            if _LOOKS_LIKE_HOST.match(source):
                hint = " (for a web address, start it with https://)"
            raise FileNotFoundError(f"No such file{hint}.")
        if not path.is_file():
            raise IsADirectoryError("Not a regular file.")
        check_size(path.stat().st_size)  # refuse before reading a huge file into memory
        data = path.read_bytes()
        check_size(data)  # it may have grown since
        if (kind or _kind_of(path, data)) == "html":
            if title is not None:
                raise CommandError("--title is for a text file: an HTML page has its own title.")
            return ingest_html(html=data)
        return ingest_text(text=data, title=title or "", headline_first=True)

    def _read_list(self, name: str) -> list[str]:
        try:
            if name == "-":
                lines = sys.stdin.read().splitlines()
            else:
                lines = Path(name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the list {name}: {_reason(exc)}") from None
        items = (line.strip() for line in lines)
        return [item for item in items if item and not item.startswith("#")]

    # --- output -------------------------------------------------------------------------

    def _progress(self, done: int, total: int, label: str, *, last: bool = False) -> None:
        plain = lambda text: text  # noqa: E731 - no error colouring for the bar
        if self.stderr.isatty():
            filled = BAR_WIDTH * done // total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            line = f"\r[{bar}] {done}/{total} {_shorten(label, 40):<40}"
            self.stderr.write(line, style_func=plain, ending="\n" if last else "")
            self.stderr.flush()
        elif not last:
            self.stderr.write(f"[{done + 1}/{total}] {label}", style_func=plain)

    def _summary(self, outcomes: list[Outcome], *, verbosity: int) -> None:
        counts = Counter(o.kind for o in outcomes)
        for outcome in outcomes:
            if verbosity >= 1 or outcome.kind == "failed":
                self.stdout.write(f"{outcome.kind:<10} {outcome.source}: {outcome.detail}")
        parts = [f"{counts[kind]} {kind}" for kind in OUTCOMES]
        self.stdout.write(f"Summary: {', '.join(parts)} ({len(outcomes)} input(s)).")


def _kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = data[:1024].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def _describe(source: str, result: IngestResult) -> Outcome:
    article = Article.objects.get(pk=result.article.pk)  # tasks may have run meanwhile
    if article.status == Article.Status.FAILED:
        return Outcome(source, "failed", f"article {article.pk}: {article.error}")
    if result.created:
        kind = "created"
    elif result.updated:
        kind = "updated"
    else:
        kind = "unchanged"
    if article.status in (Article.Status.PENDING, Article.Status.RUNNING):
        state = "queued for the workers"
    else:
        state = f"{article.claims.count()} claim(s)"
    return Outcome(source, kind, f"article {article.pk}, {state}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, IngestionError | WorkflowError):
        return exc.message
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}."
    return str(exc) or type(exc).__name__


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else "..." + text[-(width - 3) :]
