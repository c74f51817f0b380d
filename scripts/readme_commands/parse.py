"""Find the shell commands a README shows a reader: in its fenced code blocks and in its
inline code spans.

Only the text is read here; what each command means (run it, start it as a server, skip
it and why) is decided in ``plan.py``.

- A fenced block marked ``sh``/``bash``/``shell``/``console`` holds commands: every line
  that is not blank or a ``#`` comment is one (a trailing ``\\`` joins the next line, a
  leading ``$`` prompt and a trailing `` # comment`` are dropped).
  A block with shell control flow (``while``, ``for``, ``if`` ...) is one script, found
  whole: its lines are not commands on their own.
- A fenced block with no language holds commands only on lines that start with a command
  word (such blocks are also used for diagrams and the source tree). Blocks in any other
  language (``python``, ...) are code to read, not to run.
- An inline span is a command when it starts with a command word (``make run``,
  ``python manage.py ...``, ``.venv/bin/...``, ``curl``, ``docker``), or, at the start
  of a list item, with a script path (``bench/extraction.py [--retrain]``): elsewhere
  ``bench/urls.py`` is a file named in prose.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SHELL_LANGUAGES = {"sh", "bash", "shell", "console", "zsh"}
# Programs whose name alone makes a line a command.
PROGRAMS = {"make", "curl", "docker", "pg_dump", "pg_restore", "createdb", "dropdb", "psql"}
# `python` only counts with what a checkout runs with it: `python -m factcheck.probe` in
# prose is the compose health check, run inside a container.
PYTHON_TARGETS = ("manage.py", "bench/", "scripts/")
SCRIPT_PATH = re.compile(r"^(bench|scripts)/\w+\.py(\s|$)")
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=\S*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+$")


@dataclass(frozen=True)
class Found:
    """One command as the README writes it."""

    text: str  # continuation lines joined, comment and prompt dropped
    source: str  # "README.md:42"
    fenced: bool  # from a fenced block (False: an inline span)
    script: bool = False  # a whole block with shell control flow (a loop), shown as one


def program_words(text: str) -> list[str]:
    """The words of ``text`` after any leading ``NAME=value`` assignments."""
    words = text.split()
    while words and ASSIGNMENT.match(words[0]):
        words = words[1:]
    return words


def is_command(text: str, *, list_item: bool = False) -> bool:
    words = program_words(text)
    if not words:
        return False
    first = words[0]
    if first.startswith(".venv/bin/python"):
        return len(words) > 1  # alone, it names the interpreter
    if first in PROGRAMS or first.startswith(".venv/bin/"):
        return True
    if first in ("python", "python3"):
        return len(words) > 1 and words[1].startswith(PYTHON_TARGETS)
    return list_item and bool(SCRIPT_PATH.match(" ".join(words)))


def strip_comment(line: str) -> str:
    """``line`` without a shell comment (a ``#`` after a blank, outside quotes)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line.rstrip()


CONTROL = re.compile(r"^\s*(?:while|until|for|if|case)\b")


def _block_commands(lines: list[str], first_number: int, language: str, name: str):
    shell = language in SHELL_LANGUAGES
    if shell and any(CONTROL.match(line) for line in lines):
        # A loop is one script, not a list of commands: its lines mean nothing alone.
        first = next(line.strip() for line in lines if line.strip())
        yield Found(text=f"{first} …", source=f"{name}:{first_number}", fenced=True, script=True)
        return
    pending: list[str] = []
    start = 0
    for offset, raw in enumerate(lines):
        line = raw.strip()
        if not pending:
            start = first_number + offset
            line = line.removeprefix("$ ")
            if not line or line.startswith("#"):
                continue
        if line.endswith("\\"):
            pending.append(line[:-1].strip())
            continue
        text = " ".join([*pending, strip_comment(line)]).strip()
        pending = []
        if text and (shell or is_command(text)):
            yield Found(text=text, source=f"{name}:{start}", fenced=True)


def find_commands(markdown: str, name: str = "README.md") -> list[Found]:
    """Every command in ``markdown``, in the order it appears."""
    lines = markdown.splitlines()
    found: list[tuple[int, Found]] = []
    prose = list(lines)  # fenced lines blanked, so inline spans keep their line numbers
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        marker, language = fence.group(2), fence.group(3).lower()
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(marker):
            end += 1
        body = lines[index + 1 : end]
        if language in SHELL_LANGUAGES or not language:
            for item in _block_commands(body, index + 2, language, name):
                found.append((index, item))
        for blank in range(index, min(end + 1, len(lines))):
            prose[blank] = ""
        index = end + 1

    text = "\n".join(prose)
    line_starts = [0]
    for line in prose:
        line_starts.append(line_starts[-1] + len(line) + 1)
    for match in re.finditer(r"(?<!`)`([^`]+)`(?!`)", text):
        span = " ".join(match.group(1).split())
        number = bisect.bisect_right(line_starts, match.start()) - 1
        before = text[line_starts[number] : match.start()]
        if is_command(span, list_item=bool(LIST_ITEM.match(before))):
            found.append((number, Found(text=span, source=f"{name}:{number + 1}", fenced=False)))
    found.sort(key=lambda pair: pair[0])
    return [item for _, item in found]
