"""A stored claim's wording, as the candidate bound reads it: no analysis per candidate.

``retrieval.rank`` bounds every retrieved candidate's score first (``score.best_score``) and
drops the ones that cannot reach "suggest" (most of them) without running the detectors.
The bound needs the candidate's ``features.Wording`` (its content stems, its stem pairs, its
character 3-grams), and analyzing a text from scratch (``normalize.analyze``: the number,
currency and alias rules, then the stems and the place names) was most of a cold lookup's
re-ranking time. So it is computed once, when the claim is saved (``fill_match_text``), and
kept in ``Claim.match_wording``; the rows retrieval loads carry it.

A stored wording is used only if it is exactly what ``wording(statement)`` gives now:

- ``VERSION``, a hash of the source of the modules the wording is computed by
  (``features.py`` and every module of this package it imports, directly or not: found by
  reading their imports, so a new import is covered). Any change to them makes every stored
  wording stale; it is then computed afresh, as before, until ``manage.py
  fill_match_wording`` writes it again;
- the hash of the statement it was computed from, so a row whose text changed without a
  ``save`` (``update``, ``bulk_update``) is not read with an old wording.

What is stored is the content stems, the stems as written (the pairs are made from them)
and the content words joined (the 3-grams are made from them): the similarity computed from
them is the same float, so the bound, and every decision, are unchanged. Since session 18
also the claim's figures as the quantity rules read them (``features.quantities``): the
figures both claims state raise the cosine lift (``figure_lift``), and the bound reads them.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from .features import char_ngrams, features, wording
from .quantities import Quantity

_PACKAGE = Path(__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    """The modules of this package that ``path`` imports (relative imports, any depth)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:  # "from . import x"
                found.update(alias.name for alias in node.names)
    return {name for name in found if (_PACKAGE / f"{name}.py").exists()}


@cache
def version() -> str:
    """Hash of the source of ``features.py`` and the package modules it depends on."""
    todo, seen = ["features"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imports(_PACKAGE / f"{name}.py"))
    digest = hashlib.sha1()
    for name in sorted(seen):
        digest.update(name.encode())
        digest.update((_PACKAGE / f"{name}.py").read_bytes())
    return digest.hexdigest()[:12]


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class StoredWording:
    """The attributes of ``features.Wording`` that ``score.best_score`` reads."""

    lower: bool  # the text has tokens (``Wording.lower`` is not empty)
    content_set: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    grams: frozenset[str]
    grams_norm: float
    figures: tuple[Quantity, ...]  # ``features(statement).quantities``


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _figure(q: Quantity) -> list:
    return [str(q.value), q.kind, q.unit, _text(q.high), _text(q.reach)]


def _quantity(value: str, kind: int, unit: str, high: str | None, reach: str | None) -> Quantity:
    return Quantity(Decimal(value), kind, unit, _decimal(high), _decimal(reach))


def encode(statement: str) -> str:
    """What ``Claim.match_wording`` holds for ``statement``."""
    w = wording(statement)
    figures = [_figure(q) for q in features(statement).quantities]
    return json.dumps(
        [
            version(),
            text_hash(statement),
            bool(w.lower),
            list(w.content),
            list(w.written),
            w.kept,
            figures,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(stored: str, statement: str) -> StoredWording | None:
    """The stored wording of ``statement``, or None if there is none that is current."""
    if not stored:
        return None
    try:
        data: list[Any] = json.loads(stored)
        ver, hashed, lower, content, written, kept, figures = data
        if ver != version() or hashed != text_hash(statement):
            return None
        quantities = tuple(_quantity(*f) for f in figures)
    except (ValueError, TypeError, ArithmeticError):
        return None
    grams = char_ngrams(kept)
    return StoredWording(
        lower=lower,
        content_set=frozenset(content),
        bigrams=frozenset(pairwise(written)),
        grams=grams,
        grams_norm=math.sqrt(len(grams)),
        figures=quantities,
    )


def of(claim) -> StoredWording | None:
    """``claim``'s stored wording if it is current (never a query: a deferred column is
    not read)."""
    if "match_wording" in claim.get_deferred_fields():
        return None
    return decode(claim.match_wording, claim.statement)


def is_current(claim) -> bool:
    return decode(claim.match_wording, claim.statement) is not None


def backfill(claims, *, batch: int = 1000) -> int:
    """Write the wording of every claim of ``claims`` (rows with ``text``, ``claim_text``
    and ``match_wording`` loaded) whose stored one is missing or stale; returns how many."""
    model = None
    done = 0
    chunk = []
    for claim in claims:
        model = type(claim)
        statement = claim.claim_text or claim.text  # ``Claim.statement``, historical models too
        if decode(claim.match_wording, statement) is None:
            claim.match_wording = encode(statement)
            chunk.append(claim)
        if len(chunk) >= batch:
            model.objects.bulk_update(chunk, ["match_wording"])
            done += len(chunk)
            chunk = []
    if chunk:
        model.objects.bulk_update(chunk, ["match_wording"])
        done += len(chunk)
    return done
