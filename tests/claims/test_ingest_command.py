"""``manage.py ingest``: many inputs in, a progress bar on stderr, a summary on stdout.

These tests commit for real (transactional database), because the summary reports what the
tasks did, and without a broker they run on commit, in process. ``serialized_rollback``
brings back the groups and ratings of the data migrations afterwards.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.ingestion.fetch import ADDRESS_REFUSED
from claims.management.commands.ingest import Command as IngestCommand
from claims.models import Article
from tests.claims.ingestion import conftest as ingestion_fixtures
from tests.claims.ingestion.conftest import ARTICLE_HTML

server = ingestion_fixtures.server
loopback = ingestion_fixtures.loopback
no_loopback = ingestion_fixtures.no_loopback

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STORY = (
    "The unemployment rate rose to 7.4 percent in March, according to the national "
    "statistics office.\n\nOfficials said exports fell by 12 percent compared with last "
    "year, the steepest drop since 2009."
)


def ingest(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def test_text_and_html_files_are_ingested_with_a_summary(tmp_path):
    story = write(tmp_path / "story.txt", STORY)
    page = write(tmp_path / "page.html", ARTICLE_HTML)

    out, err, error = ingest(story, page)

    assert error is None, out
    text_article = Article.objects.get(origin=Article.Origin.TEXT)
    html_article = Article.objects.get(origin=Article.Origin.HTML)
    assert text_article.status == html_article.status == Article.Status.DONE
    assert html_article.outlet == "The Daily Planet"
    assert text_article.claims.exists() and html_article.claims.exists()
    assert f"created    {story}: article {text_article.pk}, " in out
    assert f"{text_article.claims.count()} claim(s)" in out
    assert "Summary: 2 created, 0 updated, 0 unchanged, 0 failed (2 input(s))." in out
    assert f"[1/2] {story}" in err and f"[2/2] {page}" in err


def test_the_same_inputs_twice_are_unchanged(tmp_path):
    story = write(tmp_path / "story.txt", STORY)
    ingest(story)
    claims = Article.objects.get().claims.count()

    out, _, error = ingest(story, story)

    assert error is None
    assert "Summary: 0 created, 0 updated, 2 unchanged, 0 failed" in out
    assert Article.objects.count() == 1
    assert Article.objects.get().claims.count() == claims


def test_flags_override_the_extension(tmp_path):
    page = write(tmp_path / "export.dat", ARTICLE_HTML)
    markup = write(tmp_path / "markup.html", "<p>The budget grew by 40 percent in 2023.</p>")

    ingest("--html", page)
    ingest("--text", markup)

    assert Article.objects.get(origin=Article.Origin.HTML).outlet == "The Daily Planet"
    as_text = Article.objects.get(origin=Article.Origin.TEXT)
    assert as_text.text.startswith("<p>")


HEADLINE = (
    "Exports fell by 12 percent last year as the unemployment rate rose to 7.4 percent, "
    "the statistics office says"
)


def test_a_text_files_headline_is_its_title_and_not_a_claim(tmp_path):
    story = write(tmp_path / "story.txt", f"{HEADLINE}\n\n{STORY}\n")

    out, _, error = ingest("--text", story)

    assert error is None, out
    article = Article.objects.get()
    assert article.title == HEADLINE
    # The headline is left out of the text: a statistic with a claimant, it would be a claim.
    assert article.text.startswith("The unemployment rate rose to 7.4 percent in March")
    assert "statistics office says" not in article.text
    assert article.claims.exists()
    assert not article.claims.filter(text__contains="statistics office says").exists()
    assert all(article.text[c.span_start : c.span_end] == c.text for c in article.claims.all())


def test_a_first_line_that_is_a_sentence_is_no_title(tmp_path):
    story = write(tmp_path / "story.txt", STORY)

    ingest(story)

    article = Article.objects.get()
    assert article.title == ""  # the desk shows "Untitled article"
    assert article.text == STORY


def test_the_title_option_wins_over_the_headline(tmp_path):
    story = write(tmp_path / "story.txt", f"{HEADLINE}\n\n{STORY}\n")

    out, _, error = ingest(story, "--title", "Exports and jobs, March")

    assert error is None, out
    article = Article.objects.get()
    assert article.title == "Exports and jobs, March"
    assert "statistics office says" not in article.text
    # The same file again without --title is the same article: the text does not depend on it.
    out, _, _ = ingest(story)
    assert "0 created, 0 updated, 1 unchanged" in out


def test_the_title_option_names_one_text_file(tmp_path):
    story = write(tmp_path / "story.txt", STORY)
    page = write(tmp_path / "page.html", ARTICLE_HTML)
    with pytest.raises(CommandError, match="one text file"):
        call_command("ingest", story, page, "--title", "T", stdout=io.StringIO())
    with pytest.raises(CommandError, match="one text file"):
        call_command("ingest", "https://example.org/a", "--title", "T", stdout=io.StringIO())
    with pytest.raises(CommandError, match="HTML page has its own title"):
        call_command("ingest", page, "--title", "T", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Article.objects.exists()


def test_unknown_extensions_are_sniffed(tmp_path):
    write(tmp_path / "page", "  <!DOCTYPE html>" + ARTICLE_HTML.split(">", 1)[1])
    ingest(str(tmp_path / "page"))
    assert Article.objects.get().origin == Article.Origin.HTML


def test_inputs_can_come_from_a_list_file(tmp_path):
    story = write(tmp_path / "story.txt", STORY)
    page = write(tmp_path / "page.html", ARTICLE_HTML)
    listing = write(tmp_path / "list.txt", f"# articles to load\n{story}\n\n  {page}  \n")

    out, _, error = ingest("--from-file", listing)

    assert error is None
    assert "2 created" in out
    assert Article.objects.count() == 2


def test_urls_are_fetched_and_extracted(loopback, server):
    out, _, error = ingest(server.url("/article"))

    assert error is None, out
    article = Article.objects.get()
    assert article.status == Article.Status.DONE
    assert article.claims.exists()
    assert f"created    {server.url('/article')}: article {article.pk}" in out


def test_bad_inputs_are_lines_in_the_summary_and_the_rest_still_runs(
    tmp_path, settings, no_loopback, server
):
    settings.INGEST_MAX_BYTES = 4096
    good = write(tmp_path / "good.txt", STORY)
    missing = str(tmp_path / "missing.txt")
    binary = write(tmp_path / "scan.txt", b"%PDF-1.7\n\x00\x01binary")
    nul = write(tmp_path / "blob.txt", b"text\x00\x00\x00\x00 with NULs")
    latin1 = write(tmp_path / "latin1.txt", "Café crème".encode("latin-1"))
    large = write(tmp_path / "large.txt", "The rate rose to 7 percent. " * 400)
    empty = write(tmp_path / "empty.txt", "")
    scripts = write(tmp_path / "scripts.html", "<html><body>" + "<script>x()</script>" * 9)
    local = server.url("/article", host="localhost")
    inputs = [
        good,
        missing,
        str(tmp_path),
        binary,
        nul,
        latin1,
        large,
        empty,
        scripts,
        "file:///etc/passwd",
        "ftp://example.org/story.txt",
        "http://169.254.169.254/latest/meta-data/",
        "news.example/story",
        local,
    ]

    out, err, error = ingest(*inputs)

    assert error is not None and error.returncode == 1
    assert str(error) == "13 of 14 input(s) failed."
    assert "Traceback" not in out + err
    lines = {line.split(": ", 1)[0].split(None, 1)[1]: line for line in out.splitlines()[:-1]}
    assert lines[good].startswith("created")
    expected = {
        missing: "No such file.",
        str(tmp_path): "Not a regular file.",
        binary: "This looks like a PDF document",
        nul: "NUL bytes",
        latin1: "not valid utf-8 text",
        large: "more than the limit of 4 KB",
        empty: "The content is empty.",
        scripts: "No article text was found",
        "file:///etc/passwd": "Only http and https",
        "ftp://example.org/story.txt": "Only http and https",
        "http://169.254.169.254/latest/meta-data/": ADDRESS_REFUSED,
        "news.example/story": "start it with https://",
        local: ADDRESS_REFUSED,
    }
    for source, reason in expected.items():
        assert lines[source].startswith("failed"), lines[source]
        assert reason in lines[source], lines[source]
    assert "Summary: 1 created, 0 updated, 0 unchanged, 13 failed (14 input(s))." in out
    # Every one refused before writing: the host name for a loopback address too.
    assert list(Article.objects.values_list("status", flat=True)) == [Article.Status.DONE]
    assert server.requests == []


def test_a_redirect_loop_fails_with_its_reason(loopback, server):
    out, _, error = ingest(server.url("/loop/a"))
    assert error is not None
    assert "redirects in a loop" in out
    assert Article.objects.get().status == Article.Status.FAILED


def test_no_inputs_is_an_error():
    with pytest.raises(CommandError, match="at least one"):
        call_command("ingest", stdout=io.StringIO(), stderr=io.StringIO())


def test_an_unreadable_list_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the list"):
        call_command(
            "ingest",
            "--from-file",
            str(tmp_path / "nope.txt"),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_the_exit_code_is_non_zero_when_anything_failed(tmp_path, capsys):
    # run_from_argv is what manage.py calls (without django.setup() again, which would
    # point the logging handlers at pytest's captured streams).
    with pytest.raises(SystemExit) as exited:
        IngestCommand().run_from_argv(["manage.py", "ingest", str(tmp_path / "missing.txt")])
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert "failed     " in captured.out
    assert "CommandError: 1 of 1 input(s) failed." in captured.err
    assert "Traceback" not in captured.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_progress_is_a_bar(tmp_path):
    story = write(tmp_path / "story.txt", STORY)
    err = _Terminal()
    call_command("ingest", story, stdout=io.StringIO(), stderr=err)
    assert "\r[" + "-" * 30 + "] 0/1" in err.getvalue()
    assert "\r[" + "#" * 30 + "] 1/1" in err.getvalue()
