"""What to do with each README command: run it as written, with real values for its
placeholders, start it as a server or worker and stop it, or skip it with the reason.

Fields the runner fills at run time are written ``{{name}}``: ``{{port}}`` (a free port),
``{{base}}`` (the running server's address), ``{{claim_id}}`` and ``{{article_url}}`` (a
claim the check published through the staff API, and its article's address).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, replace

from readme_commands.parse import Found, program_words

# Files the runner writes into the copy before anything runs (paths relative to its root).
ARTICLE = "readme-check/article.txt"
LIST = "readme-check/list.txt"
OUTPUT = "readme-check/output"
PAIRS = "pairs.jsonl"

# A synopsis's placeholders: the value supplied and what it is, or why there is none.
PLACEHOLDERS: dict[str, tuple[str | None, str]] = {
    "PATH": (ARTICLE, "a text article the check writes"),
    "FILE": (ARTICLE, "a text article the check writes"),
    "LIST": (LIST, "a list of one more article the check writes"),
    "NAME": ("consumer", "a demo user `make run` creates"),
    "N": ("1", "the smallest count"),
    "URL": (None, "a web address: fetching it needs the outbound network, refused here"),
    "DIR": (None, "a directory of training data"),
    "F": (None, "a file name"),
    "S": (None, "seconds"),
    "TITLE": (None, "a title"),
}
OUTPUT_OPTIONS = {"--output", "-o"}
ASSIGNED = {"HOST": "127.0.0.1", "PORT": "{{port}}"}  # `make run HOST=… PORT=…`

# Commands too long for a check of the README: run with these arguments instead of the
# written ones, for the reason given. Key: the script, or "manage.py <command>".
SHORT_RUNS: dict[str, tuple[str, str]] = {
    "manage.py train_checkworthiness": ("--help", "retrains the shipped model: minutes"),
    "bench/extraction.py": ("--help", "trains its TF-IDF baseline on ClaimBuster: minutes"),
    "bench/attribution.py": ("--limit 1", "the first PolNeAR dev article only"),
    "bench/news_checkworthiness.py": ("", "25 articles, seconds"),
    "bench/hard_wrapped.py": ("", "84 articles at three widths, seconds"),
    "bench/matching_quality.py": ("--sentences 50", "50 sampled sentences instead of 3,000"),
    "bench/matching_pairs.py": ("", "283 pairs, seconds"),
    "bench/claimant_linking.py": ("", "276 strings, under a second"),
    "bench/embedding_speed.py": ("--sentences 5", "5 sentences instead of 500"),
    "bench/matching_speed.py": ("--help", "builds 100k-claim PostgreSQL databases"),
    "bench/matching_retrieval.py": ("--help", "stores and embeds 6,600 claims in PostgreSQL"),
    "bench/generate_data.py": ("--help", "fills PostgreSQL with 1M claims"),
    "bench/api_load.py": ("--help", "gunicorn and wrk on a generated PostgreSQL database"),
    "bench/api_export.py": ("--help", "streams a generated 1M-claim PostgreSQL database"),
    "bench/take_next.py": ("--help", "16 reviewer processes on PostgreSQL"),
    "bench/ingestion_throughput.py": ("--help", "Celery workers on their own redis-server"),
    "bench/claims_list.py": ("--help", "needs the generated 1M-claim database"),
}
# Data the bench runs above read, beside the checkout (../shared/...).
SHARED_DATA = {
    "bench/attribution.py": "data/attribution",
    "bench/news_checkworthiness.py": "data/attribution",
    "bench/hard_wrapped.py": "data/attribution",
    "bench/matching_quality.py": "data/claim-detection",
}
# Commands that rewrite the copy's files: run after everything else.
LATE = {"make format", "make lock"}
# Run in the copy even though .ci/run runs them too: `make install` writes the copy's .env.
ALWAYS_RUN = {"make install"}


@dataclass(frozen=True)
class Context:
    """What the machine offers; the planner decides nothing else from the outside."""

    ci_lines: tuple[str, ...] = ()  # .ci/run, to recognise commands CI runs itself
    docker: bool = False  # a Docker daemon answers
    uv: bool = False
    shared: frozenset[str] = frozenset()  # SHARED_DATA entries present


@dataclass(frozen=True)
class Plan:
    found: Found
    kind: str  # run | server | worker | http | ci | skip
    line: str = ""  # the shell line to run, {{fields}} still to fill
    note: str = ""  # what the check supplied or changed; for ci/skip, why
    late: bool = False
    capture: str = ""  # `NAME=$(command)`: the variable its last line of stdout sets


class Unsupplied(Exception):
    """A placeholder this check cannot give a real value for."""


CAPTURE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=\$\((.+)\)$")


def plan_command(found: Found, context: Context) -> Plan:
    capture = CAPTURE.match(found.text)
    if capture:  # `TOKEN=$(... create_api_token ...)`: later lines use $TOKEN
        inner = plan_command(Found(capture.group(2), found.source, found.fenced), context)
        sets = f"sets ${capture.group(1)} to its last line of output"
        note = "; ".join(filter(None, [sets, inner.note]))
        return replace(inner, found=found, capture=capture.group(1), note=note)
    if found.script:
        return Plan(found, "skip", note="a shell script with a loop: run by hand, not line by line")
    text = found.text
    words = program_words(text)
    program = words[0]

    if "…" in words[1:2] or words[1:] == ["manage.py", "…"]:
        return Plan(found, "skip", note="stands for the commands listed below it")
    if program == "docker":
        why = "not started by this check" if context.docker else "no Docker engine here"
        return Plan(found, "skip", note=f"needs the production stack up, with data ({why})")
    example = re.search(r"[\w.-]*\.example\.(?:org|com|net)", text)
    if example and program != "curl":
        return Plan(found, "skip", note=f"a production server ({example.group(0)}), not ours")
    if example and "-d" in words:
        # A webhook subscription names the reader's own receiver; the address guard refuses
        # every local one, so this check has none to give.
        return Plan(found, "skip", note=f"sends the reader's own address ({example.group(0)})")
    ci_line = _ci_line(text, context.ci_lines)
    if ci_line and text not in ALWAYS_RUN:
        return Plan(found, "ci", note=f".ci/run line {ci_line} runs it as written")
    if program == ".venv/bin/pip":
        return Plan(found, "skip", note="installs into the checkout's own .venv")
    if program in ("pg_dump", "pg_restore", "createdb", "dropdb", "psql"):
        return Plan(found, "skip", note="needs a production PostgreSQL server")
    if words[:2] == ["make", "lock"] and not context.uv:
        return Plan(found, "skip", note="needs uv, not installed here")
    angle = re.search(r"<[A-Za-z_-]+>", text)
    if angle:  # `<name>`, `<id>`: for the reader to fill, and a redirection to the shell
        return Plan(found, "skip", note=f"{angle.group(0)} is for the reader to choose")
    if program == "curl":
        return _plan_curl(found)

    notes: list[str] = []
    # The README's Quick start: `.venv/bin/python manage.py …` (every command below); a
    # script named alone runs with the same interpreter.
    if program in ("python", "python3"):
        words = [".venv/bin/python", *words[1:]]
    elif program.startswith(("bench/", "scripts/")):
        words = [".venv/bin/python", *words]

    key = _short_run_key(words)
    if key in SHORT_RUNS:
        args, why = SHORT_RUNS[key]
        data = SHARED_DATA.get(key)
        if data and data not in context.shared:
            return Plan(found, "skip", note=f"needs ../shared/{data}, absent here")
        head = words[: words.index(key.split()[-1]) + 1]
        line = " ".join([*head, args]).strip()
        if line != " ".join(words):
            notes.append(f"{args or 'no options'}: {why}")
        return _finish(found, line, notes)

    try:
        line = expand_synopsis(words, notes)
    except Unsupplied as exc:
        return Plan(found, "skip", note=str(exc))
    return _finish(found, line, notes)


def _finish(found: Found, line: str, notes: list[str]) -> Plan:
    words = line.split()
    kind = "run"
    if words[:2] == ["make", "run"] or "runserver" in words:
        kind = "server"
    elif words[:2] == ["make", "worker"] or words[1:3] == ["-A", "factcheck"]:
        kind = "worker"
    late = any(line == c or line.startswith(c + " ") for c in LATE)
    return Plan(found, kind, line=line, note="; ".join(notes), late=late)


def _short_run_key(words: list[str]) -> str:
    for index, word in enumerate(words):
        if word == "manage.py" and index + 1 < len(words):
            return f"manage.py {words[index + 1]}"
        if word.startswith("bench/"):
            return word
    return ""


def _ci_line(text: str, ci_lines: tuple[str, ...]) -> int | None:
    """The number of the .ci/run line that runs ``text`` (quiet flags and an ``env -u``
    prefix aside), if any."""
    wanted = _bare(text)
    for number, line in enumerate(ci_lines, start=1):
        if wanted and _bare(line) == wanted:
            return number
    return None


def _bare(line: str) -> list[str]:
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return []
    if words[:1] == ["env"]:
        words = words[1:]
        while words[:1] == ["-u"]:
            words = words[2:]
    return [word for word in words if word not in ("--quiet", "-q")]


# --- synopses: `cmd REQUIRED [--optional VALUE] a|b ...` -----------------------------


def expand_synopsis(words: list[str], notes: list[str]) -> str:
    """One concrete command line for a synopsis.

    Alternatives (``URL|PATH``, ``jsonl|csv``, ``[--a | --b]``): the first one whose
    placeholders can be supplied. Optional groups: kept (with that alternative) when they
    can be supplied, so the run uses the options the README names; dropped otherwise.
    ``...`` (more of the same) is dropped. Raises Unsupplied when a required part cannot
    be supplied.
    """
    items = _parse(_tokens(" ".join(words)))
    out: list[str] = []
    _emit_sequence(items, out, notes, required=True)
    return " ".join(out)


def _tokens(text: str) -> list[str]:
    """Words, with ``[``, ``]`` and a bare ``|`` as tokens of their own (outside quotes)."""
    tokens: list[str] = []
    for word in shlex.split(text, posix=False):
        if word[:1] in "'\"":
            tokens.append(word)
            continue
        while word.startswith("["):
            tokens.append("[")
            word = word[1:]
        closing = len(word) - len(word.rstrip("]"))
        word = word.rstrip("]")
        if word:
            tokens.append(word)
        tokens.extend("]" * closing)
    return tokens


def _parse(tokens: list[str]) -> list:
    """Words, and for each ``[ ... ]`` a list of its alternatives (split at ``|``)."""
    branches, _ = _branches(tokens, 0)
    items = branches[0]
    for branch in branches[1:]:  # a bare | outside brackets: a shell pipe, kept
        items += ["|", *branch]
    return items


def _branches(tokens: list[str], start: int) -> tuple[list[list], int]:
    branches: list[list] = []
    current: list = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token == "[":
            inner, index = _branches(tokens, index + 1)
            current.append(inner)
            continue
        if token == "]":
            branches.append(current)
            return branches, index + 1
        if token == "|":
            branches.append(current)
            current = []
        else:
            current.append(token)
        index += 1
    branches.append(current)
    return branches, index


def _emit_sequence(items: list, out: list[str], notes: list[str], *, required: bool) -> None:
    for item in items:
        if isinstance(item, list):  # an optional group: its alternatives
            for branch in item:
                trial_out, trial_notes = list(out), []
                try:
                    _emit_sequence(branch, trial_out, trial_notes, required=True)
                except Unsupplied:
                    continue
                out[:] = trial_out
                notes.extend(trial_notes)
                break
            continue
        if item in ("...", "…"):
            continue
        out.append(_word(item, out[-1] if out else "", notes))


def _word(word: str, previous: str, notes: list[str]) -> str:
    if word[:1] in "'\"":
        return word
    name, equals, value = word.partition("=")
    if equals and value == "…" and name in ASSIGNED:
        notes.append(f"{name}={ASSIGNED[name].replace('{{port}}', 'a free port')}")
        return f"{name}={ASSIGNED[name]}"
    reasons = []
    for choice in word.split("|") if "|" in word.strip("|") else [word]:
        if choice not in PLACEHOLDERS:
            if previous == "<" and choice == PAIRS:
                notes.append(f"{PAIRS}: two pairs written by the check")
            return choice
        if previous in OUTPUT_OPTIONS:
            notes.append(f"{choice}={OUTPUT} (a new file)")
            return OUTPUT
        value, what = PLACEHOLDERS[choice]
        if value is not None:
            notes.append(f"{choice}={value} ({what})")
            return value
        reasons.append(f"{choice} is {what}, not supplied")
    raise Unsupplied("; ".join(reasons))


# --- curl against the running server --------------------------------------------------


def _plan_curl(found: Found) -> Plan:
    line = found.text
    notes = ["--fail: an HTTP error fails"]
    line = re.sub(r"http://(127\.0\.0\.1|localhost):8000", "{{base}}", line)
    if re.search(r"/claims/\d+/", line):
        line = re.sub(r"/claims/\d+/", "/claims/{{claim_id}}/", line)
        notes.append("the claim: one the check published through the staff API")
    if "https://…" in line:
        line = line.replace("https://…", "{{article_url}}")
        notes.append("https://…: that claim's article")
    line = re.sub(r"^curl\b", "curl --fail -sS", line)
    return Plan(found, "http", line=line, note="; ".join(notes))
