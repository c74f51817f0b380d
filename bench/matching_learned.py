"""A learned suggest rule, measured out of set: does it find more rewordings than today's?

    .venv/bin/python bench/matching_learned.py [--table] [--misses] [--cosines] [--generated]
    .venv/bin/python bench/matching_learned.py --mode model --features cosine,penalized,... [--fit]

For every pair of the development sets (the first set's tune half, the figures set,
dev2..dev9; never the report half nor a held-out set) and the 1,500 same-story pairs of
``bench/matching_pairs.py --sweep`` (different claims of one speaker on one night), the signals
the matcher already computes are read once (``signals``) and cached as JSON rows (``--rows``,
under ``var/``; ``--refresh`` recomputes them, about a minute). Then a logistic regression over
them is fitted with leave-one-set-out cross-validation: each development file is one group,
the same-story pairs are split in as many folds by a hash, and every fold's model is fitted on
the other groups and folds only. Its threshold is chosen, on the training groups only, by the
two budgets today's rule keeps: same-story pairs suggested at most ``RELATED_BUDGET`` (5%), and
different claims of the development sets suggested no more often than today's rule does on
those same training groups (pooled; ``--per-set``: on each). The held-out group's figures and
the held-out fold's same-story share are the out-of-set ones.

The rule acts on pairs with no hard conflict whose lexical score is under auto: every other
pair keeps today's decision (auto stays lexical). Modes: ``or`` (suggested when today's rule
or the model says so; fitted on the pairs today's rule misses), ``model`` (the model decides
those pairs alone), ``lexkeep`` (the model, but a pair the lexical score alone suggests stays
suggested). Weights of the overlap signals (``MONOTONE``) are bounded below by 0 unless
``--free``. ``--fit`` prints the weights fitted on every group (what would ship).

``--table``: today's rule and every candidate of HISTORY.md, one line each (pooled out-of-set
figures). ``--misses``: today's same-claim misses per set by what holds them (a hard conflict,
an uncertain one, or neither: the cosine / blend under the band). ``--cosines``: today's rule
with another cosine (the claims after ``normalize``, the best clause pair) in place of the
claims' cosine, swept over ``COSINE_SUGGEST``. ``--generated``: decisions of today's rule and of
the candidates fitted on every group on the generated pairs of ``bench/matching_quality.py``
(1,000 sentences, seed 7, report half; its pairs depend on the hash seed: run it with
``PYTHONHASHSEED=0``), by pair type.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import matching_pairs as mp
from django.conf import settings

from claims.matching import figure_lift, match_score, semantic
from claims.matching.claimants import same_claimant
from claims.matching.conflicts import UNCERTAIN, is_soft
from claims.matching.features import features
from claims.matching.normalize import normalize
from claims.matching.quantities import compatible
from claims.matching.query import framed
from claims.matching.score import explain, thresholds

LABELS = mp.REPO / "bench" / "labels"
ROWS = mp.REPO / "var" / "matching-learned-rows.json"
GROUPS = {
    "tune": (mp.DEFAULT_PAIRS, "tune"),
    "numbers": (mp.NUMBERS_PAIRS, "all"),
    **{f"dev{n}": (LABELS / f"matching-pairs-dev{n}.jsonl", "all") for n in range(2, 10)},
}
NOT_CONFLICTS = mp.NOT_CONFLICTS
PIECE = re.compile(r"[,;:()]| -+ |—| and | but | which | while | after | because ")


def pieces(text: str) -> list[str]:
    """The text and its clauses of five words or more (cut at punctuation and joiners)."""
    parts = [p.strip() for p in PIECE.split(text)]
    return [text] + [p for p in parts if len(p.split()) >= 5 and p != text]


def signals(a: str, b: str, claimant: bool) -> dict:
    """What the matcher computes for a pair (the claims, frames already removed)."""
    result = match_score(a, b, same_claimant=claimant)
    ex = explain(a, b)
    fa, fb = features(a), features(b)
    kinds = {c.split(":")[0] for c in ex.conflicts}
    hard = [k for k in kinds if not is_soft(k) and k not in NOT_CONFLICTS]
    uncertain = [k for k in kinds if k.startswith(UNCERTAIN)]
    soft = [k for k in kinds if is_soft(k) and not k.startswith(UNCERTAIN)]
    cos = semantic.cosine(a, b) if ex.components else 0.0
    ncos = semantic.cosine(normalize(a), normalize(b)) if ex.components else 0.0
    pcos = max(
        (semantic.cosine(x, y) for x in pieces(a) for y in pieces(b) if x == a or y == b),
        default=0.0,
    )
    shared_figures = sum(any(compatible(x, y) for y in fb.quantities) for x in fa.quantities)
    names_a, names_b = fa.strong_entities | fa.places, fb.strong_entities | fb.places
    return {
        "decision": result.decision,
        "score": result.score,
        "lexical_auto": ex.penalized >= thresholds()[1] and ex.auto_allowed,
        "hard": len(hard),
        "uncertain": len(uncertain),
        "soft": len(soft),
        "similarity": ex.similarity,
        "penalized": ex.penalized,
        **{k: ex.components.get(k, 0.0) for k in mp.score_module.WEIGHTS},
        "cosine": cos,
        "figure_evidence": figure_lift.evidence(a, b, ex.conflicts),
        "norm_cosine": ncos,
        "piece_cosine": pcos,
        "length_ratio": min(fa.word_count, fb.word_count) / max(fa.word_count, fb.word_count, 1),
        "figures": len(fa.quantities) + len(fb.quantities),
        "shared_figures": shared_figures,
        "names": len(names_a | names_b),
        "shared_names": len(names_a & names_b),
        "short": int(min(fa.word_count, fb.word_count) < mp.score_module.MIN_AUTO_WORDS),
        "weak": int(any(r.startswith("unmatched capitalized") for r in result.reasons)),
        "claimant": int(claimant),
    }


def build_rows() -> list[dict]:
    settings.MATCH_SEMANTIC = True
    rows = []
    for group, (path, half) in GROUPS.items():
        for p in mp.load(path, half):
            (a, who_a), (b, who_b) = framed(p["a"]), framed(p["b"])
            row = signals(a, b, same_claimant(who_a, who_b))
            rows.append({"group": group, "id": p["id"], "same": p["same"], **row})
    story = mp.same_story_pairs()
    semantic.prime([t for pair in story for t in pair])
    for i, (a, b) in enumerate(story):
        row = signals(a, b, False)
        rows.append({"group": "story", "id": f"story-{i}", "same": False, **row})
    return rows


def story_fold(row: dict, k: int) -> int:
    return int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % k


# The signals a model may read (``--features`` picks a subset by name). ``LEXICAL``: those a
# run-time rule could read without embedding more than the two claims (``norm_cosine`` embeds
# both normalized texts, ``piece_cosine`` every clause); the claimant is left to its raise.
LEXICAL = ("cosine", "similarity", "penalized", "dice", "containment", "chars", "order",
           "length_ratio", "figures", "shared_figures", "names", "shared_names", "uncertain",
           "soft", "short", "weak")  # fmt: skip
FEATURES = (*LEXICAL[:1], "norm_cosine", "piece_cosine", *LEXICAL[1:])


def matrix(rows: list[dict], names: tuple[str, ...]) -> np.ndarray:
    return np.array([[float(r[n]) for n in names] for r in rows])


def eligible(row: dict) -> bool:
    """The pairs the rule may decide: no hard conflict, not auto-linked lexically."""
    return not row["hard"] and row["penalized"] < thresholds()[1]


def decisions(rows, probs, threshold: float, mode: str) -> np.ndarray:
    """Suggested (or auto) under the learned rule, one flag per row."""
    today = np.array([r["decision"] != "none" for r in rows])
    ok = np.array([eligible(r) for r in rows])
    learned = probs >= threshold
    if mode == "or":
        return today | (ok & learned)
    if mode == "lexkeep":  # a pair the lexical score alone suggests stays suggested
        lexical = np.array([r["penalized"] >= thresholds()[0] for r in rows])
        return np.where(ok, learned | lexical, today)
    return np.where(ok, learned, today) | np.array([r["lexical_auto"] for r in rows])


# Signals that say "the same words, the same meaning": their weights are kept >= 0, so that
# more overlap never lowers a pair (a model free to do so learns the development sets'
# construction, one word changed in a kept sentence, and holds back near-identical pairs).
MONOTONE = frozenset({"cosine", "norm_cosine", "piece_cosine", "similarity", "penalized", "dice",
                      "containment", "chars", "order"})  # fmt: skip


class Scaler:
    def __init__(self, x: np.ndarray):
        self.mean_ = x.mean(axis=0)
        self.scale_ = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)

    def transform(self, x: np.ndarray) -> np.ndarray:
        return (x - self.mean_) / self.scale_


class Model:
    """Logistic regression, classes weighted to balance, L2 penalty 1 / (2 C), the weights
    of ``MONOTONE`` signals bounded below by 0 (scipy's L-BFGS-B)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, names, c: float, monotone: bool):
        from scipy.optimize import minimize

        weight = np.where(y, len(y) / (2 * y.sum()), len(y) / (2 * (~y).sum()))
        sign = np.where(y, 1.0, -1.0)

        def loss(theta):
            w, b = theta[:-1], theta[-1]
            z = sign * (x @ w + b)
            value = np.sum(weight * np.logaddexp(0, -z)) + 0.5 / c * w @ w
            g = -weight * sign * (1 - 1 / (1 + np.exp(-z)))  # d loss / d (x w + b)
            return value, np.append(x.T @ g + w / c, g.sum())

        bounds = [(0, None) if monotone and n in MONOTONE else (None, None) for n in names]
        theta = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B",
                         bounds=[*bounds, (None, None)]).x  # fmt: skip
        self.coef_, self.intercept_ = theta[None, :-1], theta[-1:]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        p = 1 / (1 + np.exp(-(x @ self.coef_[0] + self.intercept_[0])))
        return np.stack([1 - p, p], axis=1)


@dataclass(frozen=True)
class Candidate:
    """One learned rule: its signals, its mode, and how it is fitted and thresholded."""

    features: tuple[str, ...] = LEXICAL
    mode: str = "model"
    monotone: bool = True
    per_set: bool = False
    c: float = 1.0
    budget: float = mp.RELATED_BUDGET


def fit(rows, cand: Candidate) -> tuple[Scaler, Model]:
    # "or" only adds suggestions: it is fitted where it acts, on the pairs today's rule misses.
    train = [r for r in rows if eligible(r) and (cand.mode != "or" or r["decision"] == "none")]
    x, y = matrix(train, cand.features), np.array([r["same"] for r in train])
    scaler = Scaler(x)
    return scaler, Model(scaler.transform(x), y, cand.features, cand.c, cand.monotone)


def probs_of(rows, cand: Candidate, scaler: Scaler, model: Model) -> np.ndarray:
    return model.predict_proba(scaler.transform(matrix(rows, cand.features)))[:, 1]


def choose(rows, probs, cand: Candidate) -> float:
    """The lowest threshold keeping both budgets on ``rows`` (training groups only): the
    same-story share at most ``cand.budget``, and different claims suggested no more often
    than today, pooled over the development sets (``per_set``: on each of them); above 1
    (never) when none does."""
    today = np.array([r["decision"] != "none" for r in rows])
    story = np.array([r["group"] == "story" for r in rows])
    diff = np.array([r["group"] != "story" and not r["same"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    sets = [diff & (groups == g) for g in GROUPS] if cand.per_set else [diff]
    sets = [s for s in sets if s.any()]
    for t in np.round(np.arange(0.02, 1.0001, 0.005), 3):
        d = decisions(rows, probs, t, cand.mode)
        if d[story].mean() <= cand.budget and all(d[s].sum() <= today[s].sum() for s in sets):
            return float(t)
    return 1.01


def cross_validate(rows, cand: Candidate) -> dict:
    """Per development set, out of set: today's and the candidate's counts; and the
    same-story pairs suggested, each by the model whose fold left it out."""
    out = {}
    story_hits = 0
    for k, held in enumerate(GROUPS):
        fold = [r["group"] == "story" and story_fold(r, len(GROUPS)) == k for r in rows]
        train = [r for r, f in zip(rows, fold, strict=True) if r["group"] != held and not f]
        test = [r for r in rows if r["group"] == held]
        test_story = [r for r, f in zip(rows, fold, strict=True) if f]
        scaler, model = fit(train, cand)
        t = choose(train, probs_of(train, cand, scaler, model), cand)
        d = decisions(test, probs_of(test, cand, scaler, model), t, cand.mode)
        same = np.array([r["same"] for r in test])
        today = np.array([r["decision"] != "none" for r in test])
        story_hits += int(
            decisions(test_story, probs_of(test_story, cand, scaler, model), t, cand.mode).sum()
        )
        out[held] = {
            "threshold": t,
            "same": int(same.sum()),
            "diff": int((~same).sum()),
            "found_today": int(today[same].sum()),
            "found": int(d[same].sum()),
            "diff_today": int(today[~same].sum()),
            "diff_suggested": int(d[~same].sum()),
        }
    out["story"] = {"suggested": story_hits, "n": sum(r["group"] == "story" for r in rows)}
    return out


KEYS = ("found_today", "found", "same", "diff_today", "diff_suggested", "diff")


def totals(cv: dict) -> dict[str, int]:
    return {k: sum(r[k] for g, r in cv.items() if g != "story") for k in KEYS}


def report(cv: dict) -> None:
    print("set       threshold  same found: today -> learned   diff suggested: today -> learned")
    for g, r in [*((g, r) for g, r in cv.items() if g != "story"), ("all", totals(cv))]:
        t = f"{r['threshold']:.3f}" if "threshold" in r else "-    "
        print(
            f"{g:8}  {t}      {r['found_today']:3d} -> {r['found']:3d} of "
            f"{r['same']:3d} ({r['found_today'] / r['same']:.3f} -> {r['found'] / r['same']:.3f})"
            f"   {r['diff_today']:3d} -> {r['diff_suggested']:3d} of {r['diff']:3d} "
            f"({r['diff_today'] / r['diff']:.3f} -> {r['diff_suggested'] / r['diff']:.3f})"
        )
    s = cv["story"]
    print(f"same-story suggested, out of fold: {s['suggested']} of {s['n']} "
          f"({s['suggested'] / s['n']:.3f})")  # fmt: skip


# The candidates HISTORY.md reports (2026-12-07, session 17), in the order tried.
CANDIDATES = {
    "or, lexical signals": Candidate(mode="or"),
    "or, all signals": Candidate(FEATURES, mode="or"),
    "model, free weights": Candidate(monotone=False),
    "model, monotone": Candidate(),
    "lexkeep, monotone": Candidate(mode="lexkeep"),
    "model, monotone, budget on each set": Candidate(per_set=True),
    "model, monotone, all signals": Candidate(FEATURES),
}


def table(rows) -> None:
    today = [r for r in rows if r["group"] == "story"]
    print(f"{'rule':38} same found (of 935)  diff suggested (of 741)  same-story (of 1,500)")
    first = cross_validate(rows, Candidate())
    t = totals(first)
    story = sum(r["decision"] != "none" for r in today)
    print(f"{'today':38} {t['found_today']:3d}                  {t['diff_today']:3d}"
          f"                      {story}")  # fmt: skip
    for name, cand in CANDIDATES.items():
        cv = cross_validate(rows, cand)
        t = totals(cv)
        print(f"{name:38} {t['found']:3d}                  {t['diff_suggested']:3d}"
              f"                      {cv['story']['suggested']}")  # fmt: skip


def rule_with(row: dict, cos: float, cosine_suggest: float) -> bool:
    """Today's decision (``semantic.rerank``, the claimant raise, ``decide``) with ``cos`` in
    place of the claims' cosine: suggested or auto."""
    suggest, auto = thresholds()
    sim, pen = row["similarity"], row["penalized"]
    if row["lexical_auto"] or pen >= auto or sim == 0:
        return pen >= suggest
    lift = 0.0 if row["hard"] else suggest / cosine_suggest
    blend = semantic.BLEND
    # The lift reads the cosine with the figures' evidence (``figure_lift``, session 18).
    lifted = min(max(cos + row.get("figure_evidence", 0.0), 0.0) * lift, 1.0)
    score = max((1 - blend) * sim + blend * cos, sim, lifted) * (pen / sim)
    score = min(score, auto - semantic.CEILING_MARGIN)
    if row["claimant"] and not row["hard"]:
        score = min(score + mp.score_module.CLAIMANT_RAISE, auto - mp.score_module.CAP_MARGIN)
    return round(score, 6) >= suggest


COSINES = {
    "claims": lambda r: r["cosine"],
    "normalized": lambda r: r["norm_cosine"],
    "larger of the two": lambda r: max(r["cosine"], r["norm_cosine"]),
    "best clause pair": lambda r: r["piece_cosine"],
    "largest of the three": lambda r: max(r["cosine"], r["norm_cosine"], r["piece_cosine"]),
}


def cosines(rows) -> None:
    """Today's rule with another cosine, swept over ``COSINE_SUGGEST`` (all dev sets pooled)."""
    same = [r for r in rows if r["group"] != "story" and r["same"]]
    diff = [r for r in rows if r["group"] != "story" and not r["same"]]
    story = [r for r in rows if r["group"] == "story"]
    print("cosine                 COSINE_SUGGEST  same found  diff suggested  same-story")
    for name, cos in COSINES.items():
        for value in (0.48, 0.50, 0.52, 0.54, 0.56, 0.58, 0.60):
            n = [sum(rule_with(r, cos(r), value) for r in rs) for rs in (same, diff, story)]
            share = n[2] / len(story)
            print(f"{name:22} {value:.2f}            {n[0]:3d}/{len(same)}     "
                  f"{n[1]:3d}/{len(diff)}         {share:.3f}")  # fmt: skip


def generated(rows) -> None:
    """Today's and the candidates' decisions on ``bench/matching_quality.py``'s generated
    pairs (1,000 sentences, seed 7, the report half), the candidates fitted on every group."""
    import random

    import matching_quality as mq

    rng = random.Random(7)
    sentences = mq.load_sentences(mq.DATA)
    sample = rng.sample(sentences, 1000)
    pool = sorted({m.group(1) for s in sentences for m in mq.names_in(s)})
    halves = [[s for s in sample if mq.half_of(s) == h] for h in (0, 1)]
    pairs = [mq.build_pairs(h, rng, pool) for h in halves][1]
    settings.MATCH_SEMANTIC = True
    semantic.prime([t for p in pairs for t in (p.a, p.b)])
    gen = [{"group": "gen", "same": p.positive, **signals(p.a, p.b, False)} for p in pairs]
    kinds = sorted({p.kind for p in pairs}, key=lambda k: k != "positive")
    print(f"{'rule':38} " + "  ".join(f"{k}" for k in kinds))
    counts = [sum(p.kind == k for p in pairs) for k in kinds]
    print(
        f"{'pairs':38} " + "  ".join(f"{n:>{len(k)}d}" for k, n in zip(kinds, counts, strict=True))
    )
    runs = {"today": np.array([r["decision"] != "none" for r in gen])}
    for name in ("model, free weights", "model, monotone"):
        cand = CANDIDATES[name]
        scaler, model = fit(rows, cand)
        t = choose(rows, probs_of(rows, cand, scaler, model), cand)
        runs[name] = decisions(gen, probs_of(gen, cand, scaler, model), t, cand.mode)
    for name, d in runs.items():
        cells = [int(sum(x for x, p in zip(d, pairs, strict=True) if p.kind == k)) for k in kinds]
        print(
            f"{name:38} " + "  ".join(f"{n:>{len(k)}d}" for k, n in zip(kinds, cells, strict=True))
        )


def misses(rows: list[dict]) -> None:
    """Today's same-claim misses per set: hard conflict, uncertain conflict, or neither."""
    print("set       missed  hard  uncertain  neither (cosine/blend under the band)")
    for g in GROUPS:
        miss = [r for r in rows if r["group"] == g and r["same"] and r["decision"] == "none"]
        hard = sum(bool(r["hard"]) for r in miss)
        unc = sum(not r["hard"] and bool(r["uncertain"]) for r in miss)
        print(f"{g:8}  {len(miss):6d}  {hard:4d}  {unc:9d}  {len(miss) - hard - unc:7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path, default=ROWS)
    parser.add_argument("--refresh", action="store_true", help="recompute the signals")
    parser.add_argument("--table", action="store_true", help="today and every candidate")
    parser.add_argument("--misses", action="store_true", help="today's misses by cause")
    parser.add_argument("--cosines", action="store_true", help="today's rule, other cosines")
    parser.add_argument("--generated", action="store_true", help="on the generated pairs")
    parser.add_argument("--features", default=",".join(LEXICAL))
    parser.add_argument("--mode", choices=("or", "model", "lexkeep"), default="model")
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--budget", type=float, default=mp.RELATED_BUDGET)
    parser.add_argument("--per-set", action="store_true", help="diff budget on each set")
    parser.add_argument("--free", action="store_true", help="no sign bound on any weight")
    parser.add_argument("--fit", action="store_true", help="weights fitted on every group")
    args = parser.parse_args()
    if args.refresh or not args.rows.exists():
        args.rows.parent.mkdir(parents=True, exist_ok=True)
        args.rows.write_text(json.dumps(build_rows()))
    rows = json.loads(args.rows.read_text())
    for flag, run in ((args.misses, misses), (args.cosines, cosines), (args.table, table),
                      (args.generated, generated)):  # fmt: skip
        if flag:
            run(rows)
    if args.misses or args.cosines or args.table or args.generated:
        return
    cand = Candidate(tuple(args.features.split(",")), args.mode, not args.free, args.per_set,
                     args.c, args.budget)  # fmt: skip
    report(cross_validate(rows, cand))
    if args.fit:
        scaler, model = fit(rows, cand)
        print(f"threshold {choose(rows, probs_of(rows, cand, scaler, model), cand):.3f}")
        for n, m, sd, w in zip(cand.features, scaler.mean_, scaler.scale_, model.coef_[0],
                               strict=True):  # fmt: skip
            print(f"  {n:14} mean {m:8.4f} scale {sd:8.4f} weight {w:+.4f}")
        print(f"  intercept {model.intercept_[0]:+.4f}")


if __name__ == "__main__":
    main()
