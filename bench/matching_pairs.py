"""Claim matching on pairs written by people: "checked before?" in other words.

    .venv/bin/python bench/matching_pairs.py [--pairs JSONL] [--errors] [--lexical-only]

The pairs (``bench/labels/matching-pairs.jsonl``; how they were written and the labelling
rule are in ``bench/labels/matching-pairs.md``) were written by the team from real news
stories before the matcher was tuned on them, and are never edited to fit it. Each pair is
scored with ``match_score(a, b)`` as stored claims are: both sides through the same
function, with the configured thresholds (suggest / auto).

Printed, for the default (lexical + embeddings, ``MATCH_SEMANTIC`` on) and for lexical only
(the baseline, in the same run):

* same-claim pairs suggested or auto-linked (target >= 0.90);
* different-claim pairs auto-linked (target 0) and suggested (target <= 0.15);
* the same per ``kind`` (what was changed between the two sides);
* with ``--errors``, every miss with its score and reasons (to the terminal only);
* with ``--blockers``, counts only: the missed same-claim pairs by the first hard conflict
  holding each back ("cosine" when none does), for a set whose pairs stay unread;
  ``--number-blockers`` adds those held by a number conflict by subtype (``number_subtype``:
  a year against a duration, a total against its parts, a unit, a scale, a bound, ...).

``--half tune|report|all`` (default ``all``): the pairs are split in two by a hash of their
id. The report half is never used to choose anything; it says how the choices hold on
pairs they were not made on (and held-out pairs written outside the team judge them again).

``--sweep`` chooses ``semantic.COSINE_SUGGEST``, the cosine at which a pair with no hard
conflict is suggested on the embeddings alone, by this rule: the lowest value at which
different claims on the same story are suggested at most ``RELATED_BUDGET`` (5%) of the
time (the budget and the curve it was chosen from are in the matching README).
"Different claims on the same story" are pairs of check-worthy sentences a candidate spoke
within three lines of each other in one debate (ClaimBuster, read from
``../shared/data/claim-detection`` at run time): what retrieval hands the re-ranker in
production, and what the written pairs cannot measure (their negatives are one-word edits,
which conflicts, not the cosine, must catch). The sweep prints the tune half's figures
beside it; it does not look at the report half. ``--sweep-claimant`` prints the same curve
for ``score.CLAIMANT_RAISE`` (the raise for two claims of one claimant), with every
same-story pair raised (one speaker each: its worst case); ``--sweep-uncertain`` for
``score.UNCERTAIN_PENALTY`` (a conflict between values of two kinds), with the second
development set's figures too.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from claims.matching import match_score, semantic  # noqa: E402
from claims.matching import score as score_module  # noqa: E402
from claims.matching.claimants import same_claimant  # noqa: E402
from claims.matching.conflicts import UNCERTAIN, is_soft  # noqa: E402
from claims.matching.features import features  # noqa: E402
from claims.matching.quantities import ABOVE, BELOW, UNITS, VAGUE, compatible  # noqa: E402
from claims.matching.query import framed  # noqa: E402

DEFAULT_PAIRS = REPO / "bench" / "labels" / "matching-pairs.jsonl"
NUMBERS_PAIRS = REPO / "bench" / "labels" / "matching-pairs-numbers.jsonl"
DEV2_PAIRS = REPO / "bench" / "labels" / "matching-pairs-dev2.jsonl"
CLAIMBUSTER = REPO.parent / "shared" / "data" / "claim-detection" / "claimbuster" / "datasets"
RELATED_BUDGET = 0.05
SWEEP = (0.40, 0.42, 0.44, 0.46, 0.48, 0.50, 0.52, 0.54, 0.55, 0.56, 0.58, 0.60, 0.62, 0.65,
         0.70, 0.80)  # fmt: skip


def same_story_pairs(limit: int = 1500) -> list[tuple[str, str]]:
    """Consecutive check-worthy sentences of one speaker in one debate (different claims)."""
    with (CLAIMBUSTER / "crowdsourced.csv").open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Verdict"] == "1"]
    rows.sort(key=lambda r: (r["File_id"], int(r["Line_number"])))
    pairs = [
        (a["Text"], b["Text"])
        for a, b in pairwise(rows)
        if a["File_id"] == b["File_id"]
        and 0 < int(b["Line_number"]) - int(a["Line_number"]) <= 3
        and min(len(a["Text"].split()), len(b["Text"].split())) >= 8
    ]
    return pairs[:limit]


def half_of(pair: dict) -> str:
    return "tune" if int(hashlib.sha1(pair["id"].encode()).hexdigest(), 16) % 2 == 0 else "report"


def load(path: Path, half: str = "all") -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh if line.strip()]
    return [p for p in pairs if half in ("all", half_of(p))]


def score(pairs: list[dict], semantic: bool) -> list:
    settings.MATCH_SEMANTIC = semantic
    # As the match_score command does: each side reduced to its claim first, the speakers
    # its frames name compared (the same claimant raises the score).
    out = []
    for p in pairs:
        (a, who_a), (b, who_b) = framed(p["a"]), framed(p["b"])
        out.append(match_score(a, b, same_claimant=same_claimant(who_a, who_b)))
    return out


def sweep_uncertain(pairs: list[dict], numbers: list[dict], dev2: list[dict]) -> None:
    """The penalty of an "uncertain" conflict (values of two kinds): what it finds on the
    development sets, what it costs on the same-story pairs."""
    shipped = score_module.UNCERTAIN_PENALTY
    story = same_story_pairs()
    settings.MATCH_SEMANTIC = True
    semantic.prime([t for p in story for t in p])
    print(f"UNCERTAIN_PENALTY sweep: {len(story)} same-story pairs, tune half, figures, dev2")
    print("penalty " + CURVE_HEADER + "   dev2: same found  diff suggested")
    for value in (0.7, 0.75, 0.8, 0.85, 0.9):
        score_module.UNCERTAIN_PENALTY = value
        related = curve_row(value, shipped, story, pairs, numbers, end="")
        d = rates(dev2, score(dev2, True))
        print(f"   {d['found']:.3f}  {d['suggested_wrong']:.3f}")
        if related > RELATED_BUDGET:
            print("   (over the same-story budget)")
    score_module.UNCERTAIN_PENALTY = shipped


def sweep_claimant(pairs: list[dict], numbers: list[dict]) -> None:
    """The raise for the same claimant: what it finds on the pairs whose frames name one
    speaker, what it costs on the same-story pairs (every one of them one speaker's)."""
    shipped = score_module.CLAIMANT_RAISE
    story = same_story_pairs()
    settings.MATCH_SEMANTIC = True
    semantic.prime([t for p in story for t in p])
    both = [p for p in pairs if same_claimant(framed(p["a"])[1], framed(p["b"])[1])]
    print(f"CLAIMANT_RAISE sweep: {len(story)} same-story pairs (one speaker each), raised;")
    print(f"tune half: {len(both)} of {len(pairs)} pairs name one claimant on both sides")
    print("raise   " + CURVE_HEADER)
    for value in (0.0, 0.02, 0.03, 0.05, 0.08, 0.10):
        score_module.CLAIMANT_RAISE = value
        curve_row(value, shipped, story, pairs, numbers, same_claimant=True)
    score_module.CLAIMANT_RAISE = shipped


CURVE_HEADER = (
    "same-story suggested   tune: same found  diff suggested  diff auto"
    "   figures: same found  diff suggested  diff auto"
)


def curve_row(
    value, shipped, story, pairs, numbers, same_claimant: bool = False, end: str = "\n"
) -> float:
    """Print one row of a curve (``CURVE_HEADER``); return the same-story share suggested."""
    related = sum(
        match_score(a, b, same_claimant=same_claimant).decision != "none" for a, b in story
    ) / len(story)
    r = rates(pairs, score(pairs, True))
    n = rates(numbers, score(numbers, True))
    mark = "  (shipped)" if abs(value - shipped) < 1e-9 else ""
    print(
        f"{value:.2f}    {related:.3f}                  {r['found']:.3f}       "
        f"{r['suggested_wrong']:.3f}           {r['auto_wrong']:<8d}    {n['found']:.3f}"
        f"          {n['suggested_wrong']:.3f}           {n['auto_wrong']}{mark}",
        end=end,
    )
    return related


def rates(pairs: list[dict], results: list) -> dict[str, float | int]:
    same = [r for p, r in zip(pairs, results, strict=True) if p["same"]]
    other = [r for p, r in zip(pairs, results, strict=True) if not p["same"]]
    found = sum(r.decision != "none" for r in same)
    return {
        "same": len(same),
        "different": len(other),
        "found": found / len(same) if same else 0.0,
        "auto_same": sum(r.decision == "auto" for r in same) / len(same) if same else 0.0,
        "auto_wrong": sum(r.decision == "auto" for r in other),
        "suggested_wrong": (sum(r.decision != "none" for r in other) / len(other))
        if other
        else 0.0,
    }


def blockers(pairs: list[dict], results: list) -> dict[str, int]:
    """Missed same-claim pairs by the kind of the first hard conflict among their reasons
    (the detectors' order: number, date, negation, entity, ...), "cosine" when none (and
    how many of those carry an uncertain conflict, ``kinds.py``: its penalty held them)."""
    out: dict[str, int] = defaultdict(int)
    for p, r in zip(pairs, results, strict=True):
        if p["same"] and r.decision == "none":
            hard = [c.split(":")[0] for c in r.reasons if ":" in c and not is_soft(c)]
            hard = [k for k in hard if k not in NOT_CONFLICTS]
            out[hard[0] if hard else "cosine"] += 1
            if not hard and any(c.startswith(UNCERTAIN) for c in r.reasons):
                out["cosine, with an uncertain conflict"] += 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _measure(unit: str) -> str:
    return UNITS[unit][0] if unit in UNITS else ("percent" if unit == "percent" else unit)


def number_subtype(a: str, b: str) -> str:
    """What kind of figure conflict a number-blocked pair has, read from the two claims'
    figures alone (``--number-blockers``: counts only). The first that applies, in order:

    * ``year vs duration``: one side's unmatched figure is a span of time, the other side
      has a year the first has not ("25 years" / "since 1999");
    * ``total vs parts``: two figures of one side add up to an unmatched figure of the other
      ("171 passengers and six crew" / "177 people");
    * ``figure on one side``: only one side has figures the other cannot match (the hard
      conflict came from its kind, a bound against nothing);
    * ``percent vs points vs count``: the unmatched figures are a percent, points of a rate
      or a bare count against another of these;
    * ``unit or measure``: two units of different measures, or a unit against none;
    * ``scale (x10^n)``: the values differ by a power of ten (a scale word read or lost);
    * ``bound``: one figure is bounded ("failed to reach 5%", "more than", "under");
    * ``range vs point``: a vague amount or a range against a figure;
    * ``rounding (within 10%)``: the values are within 10% of each other;
    * ``other values``: anything else (a figure from another part of the story)."""
    fa, fb = features(a), features(b)
    qa, qb = fa.quantities, fb.quantities
    only_a = [x for x in qa if not any(compatible(x, y) for y in qb)]
    only_b = [y for y in qb if not any(compatible(x, y) for x in qa)]
    years_a = {d for d in fa.dates - fb.dates if d.isdigit()}
    years_b = {d for d in fb.dates - fa.dates if d.isdigit()}
    for mine, years in ((only_a, years_b), (only_b, years_a)):
        if years and any(_measure(q.unit) == "time" for q in mine):
            return "year vs duration"
    for whole, parts in ((only_a, qb), (only_b, qa)):
        values = [q.value for q in parts]
        sums = {x + y for i, x in enumerate(values) for y in values[i + 1 :]}
        if len(values) > 2:
            sums.add(sum(values))
        if any(q.value in sums for q in whole):
            return "total vs parts"
    if not (only_a and only_b):
        return "figure on one side"
    rates = {"percent", "points of a rate", "index points", ""}
    units = {_measure(q.unit) for q in only_a} | {_measure(q.unit) for q in only_b}
    measures_a = {_measure(q.unit) for q in only_a}
    measures_b = {_measure(q.unit) for q in only_b}
    if not measures_a & measures_b:
        if units <= rates and units & {"percent", "points of a rate"}:
            return "percent vs points vs count"
        return "unit or measure"
    pairs = [(x, y) for x in only_a for y in only_b if _measure(x.unit) == _measure(y.unit)]
    for x, y in pairs:
        if x.value and y.value:
            ratio = max(x.value, y.value) / min(x.value, y.value)
            if ratio >= 9 and any(
                abs(ratio - 10**k) / 10**k < Decimal("0.1") for k in range(1, 10)
            ):
                return "scale (x10^n)"
    if any(q.kind in (ABOVE, BELOW) for q in only_a + only_b):
        return "bound"
    if any(q.kind == VAGUE or q.high is not None for q in only_a + only_b):
        return "range vs point"
    for x, y in pairs:
        if x.value and y.value and abs(x.value - y.value) <= Decimal("0.1") * max(x.value, y.value):
            return "rounding (within 10%)"
    return "other values"


def number_blockers(pairs: list[dict], results: list) -> dict[str, int]:
    """The number-blocked misses of ``blockers`` by ``number_subtype`` (counts only)."""
    out: dict[str, int] = defaultdict(int)
    for p, r in zip(pairs, results, strict=True):
        if p["same"] and r.decision == "none":
            hard = [c.split(":")[0] for c in r.reasons if ":" in c and not is_soft(c)]
            hard = [k for k in hard if k not in NOT_CONFLICTS]
            if hard and hard[0] == "number":
                out[number_subtype(framed(p["a"])[0], framed(p["b"])[0])] += 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


# Reasons that are no conflict (``score.explain``'s notes), whatever their wording.
NOT_CONFLICTS = ("unmatched capitalized word", "short claim", "pronoun subject",
                 "place named another way", "same claimant")  # fmt: skip


def sweep(pairs: list[dict], numbers: list[dict]) -> None:
    """The recall / noise curve of ``COSINE_SUGGEST``: same-story different claims suggested,
    and the tune half's and the figures set's same found / different suggested."""
    shipped = semantic.COSINE_SUGGEST
    story = same_story_pairs()
    settings.MATCH_SEMANTIC = True
    semantic.prime([t for p in story for t in p])
    print(f"COSINE_SUGGEST sweep: {len(story)} same-story different-claim pairs, tune half")
    print("cosine  " + CURVE_HEADER)
    chosen = None
    for value in SWEEP:
        semantic.COSINE_SUGGEST = value
        related = curve_row(value, shipped, story, pairs, numbers)
        if chosen is None and related <= RELATED_BUDGET:
            chosen = value
    semantic.COSINE_SUGGEST = shipped
    print(f"rule (same-story suggested <= {RELATED_BUDGET}): {chosen}; shipped {shipped}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--half", choices=("tune", "report", "all"), default="all")
    parser.add_argument(
        "--sweep", action="store_true", help="found / wrongly suggested per COSINE_SUGGEST"
    )
    parser.add_argument(
        "--sweep-uncertain", action="store_true", help="the same curve per UNCERTAIN_PENALTY"
    )
    parser.add_argument(
        "--blockers", action="store_true", help="misses by blocking conflict kind (counts)"
    )
    parser.add_argument(
        "--number-blockers",
        action="store_true",
        help="with --blockers: the number-blocked misses by subtype (counts)",
    )
    parser.add_argument(
        "--sweep-claimant", action="store_true", help="the same curve per CLAIMANT_RAISE"
    )
    args = parser.parse_args()
    pairs = load(args.pairs, args.half)
    if args.sweep_uncertain:
        sweep_uncertain(load(args.pairs, "tune"), load(NUMBERS_PAIRS), load(DEV2_PAIRS))
        return
    if args.sweep_claimant:
        sweep_claimant(load(args.pairs, "tune"), load(NUMBERS_PAIRS))
        return
    if args.sweep:
        sweep(load(args.pairs, "tune"), load(NUMBERS_PAIRS))
        return
    runs = {"default": score(pairs, True), "lexical only": score(pairs, False)}
    kinds = sorted({(p["same"], p["kind"]) for p in pairs}, key=lambda k: (not k[0], k[1]))
    print(f"{len(pairs)} pairs from {args.pairs.name} (half: {args.half})")
    print("method          same found  same auto  diff auto  diff suggested")
    for name, results in runs.items():
        r = rates(pairs, results)
        print(
            f"{name:14}  {r['found']:10.3f}  {r['auto_same']:9.3f}  "
            f"{r['auto_wrong']:5d}/{r['different']:<4d}  {r['suggested_wrong']:8.3f}"
        )
    print("\nper kind: share suggested or auto (auto), default | lexical only")
    for same, kind in kinds:
        rows = [i for i, p in enumerate(pairs) if p["same"] == same and p["kind"] == kind]
        cells = []
        for results in runs.values():
            hit = sum(results[i].decision != "none" for i in rows) / len(rows)
            auto = sum(results[i].decision == "auto" for i in rows) / len(rows)
            cells.append(f"{hit:.2f} ({auto:.2f})")
        label = "same" if same else "diff"
        print(f"  {label} {kind:12} {len(rows):4d}   {cells[0]:12} | {cells[1]}")
    if args.blockers:
        counts = blockers(pairs, runs["default"])
        print("\nmissed same-claim pairs by the first hard conflict holding them back:")
        print("  " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    if args.number_blockers:
        counts = number_blockers(pairs, runs["default"])
        print("\nof those held back by a number conflict, by subtype:")
        print("  " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    if args.errors:
        default = runs["default"]
        by_kind = defaultdict(list)
        for p, r in zip(pairs, default, strict=True):
            missed = (p["same"] and r.decision == "none") or (
                not p["same"] and r.decision != "none"
            )
            if missed:
                by_kind[(p["same"], p["kind"])].append((p, r))
        for (same, kind), rows in sorted(by_kind.items()):
            print(f"\n== {'missed same' if same else 'wrongly matched'}: {kind}")
            for p, r in rows:
                print(f"  {p['id']} {r.score:.3f} {r.decision} {list(r.reasons)}")
                print(f"     a: {p['a']}\n     b: {p['b']}")


if __name__ == "__main__":
    main()
