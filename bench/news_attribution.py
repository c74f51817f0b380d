"""Who said what on real news pages: the extractor against our own labels.

    .venv/bin/python bench/news_attribution.py --data-dir DIR [--split dev|heldout|all] [--errors N]
        [--present-only]
    .venv/bin/python bench/news_attribution.py --data-dir DIR --split dev3|heldout3|all3
    .venv/bin/python bench/news_attribution.py --data-dir DIR --split dev4|heldout4|all4
    .venv/bin/python bench/news_attribution.py --data-dir DIR --split dev5|heldout5|all5
    .venv/bin/python bench/news_attribution.py --data-dir DIR --split dev6|heldout6|all6

``--split dev3|heldout3|all3`` reads the third round of pages (``news-attribution-3.jsonl``,
session 16: 18 pages, the same format plus a ``found`` field naming the search query);
``--split dev4|heldout4|all4`` the fourth (``news-attribution-4.jsonl``, session 17: 18 more
pages, same format); ``--split dev5|heldout5|all5`` the fifth (``news-attribution-5.jsonl``,
session 18: 18 pages chosen for speakers carried across sentences, same format);
``--split dev6|heldout6|all6`` the sixth (``news-attribution-6.jsonl``, session 18: 17 pages of
other kinds with carried speakers: diplomacy, business interviews, health briefings, court
testimony, campaigns, weather and science officials).

The labels (``bench/labels/news-attribution.jsonl``; the rule and how the pages were found
are in ``bench/labels/README.md``) give, for every sentence of 30 real news pages, its
``sourcing`` (named / anonymous / unattributed, or unscored), the claimant as character spans
of the name in the page, and the claim's spans. They hold offsets and a SHA-1 of each
sentence, never the text: the page texts are read from ``DIR/<article>.txt`` (outside the
repository, like ``news_checkworthiness.py --data-dir``). The pages are split into a ``dev``
and a ``heldout`` half by a hash of the URL: read the dev half's errors; run the held-out
half once, for its summary line.

Scoring rule (figures in ``claims/extraction/README.md``, "Real news pages"):

* Each page goes through ``extract(text)`` as in production. A label is matched to the
  extracted segment with the same offsets, else to the one that overlaps it most; a matched
  segment that is not a sentence counts as unattributed with no claimant and no claim.
* **Sourcing accuracy** over scored sentences, with the 3x3 confusion (rows labelled,
  columns predicted).
* **Found**: over attributed sentences (labelled named or anonymous), the share given a
  claimant.
* **Claimant right**: over attributed sentences, the share whose claimant matches one of the
  labelled spans by ``bench/attribution.py``'s rule (every word of the name is in the span,
  and the span's head word is in the name or the role). Shown apart for sentences whose
  labelled name is in the sentence and those where it is carried from another (a pronoun, a
  continued quotation, a role).
* **False claimants**: over unattributed sentences, the share given a claimant.
* **Claim token F1**: word-level F1 of the ``claim`` field against the labelled claim spans
  (joined), over attributed sentences and over unattributed ones (where the claim is the
  sentence less any dateline). Words as in ``bench/attribution.py``.

A sha1 mismatch means the text in DIR is not the one labelled: the mismatching rows are
listed and the run stops.

``--present-only`` scores the pages found in DIR and names the others (for a DIR holding
only the pages found again; its figures are not comparable with a run on every page).

``--errors N`` prints up to N examples of each kind of miss to the terminal (never to a
file: they are the pages' text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from attribution import claimant_matches, content_words, token_f1  # noqa: E402

from claims.extraction import extract  # noqa: E402

DEFAULT_LABELS = REPO / "bench" / "labels" / "news-attribution.jsonl"
# Round 3 (session 16): 18 more pages, their own file so the first set's figures stay as they were.
ROUND3_LABELS = REPO / "bench" / "labels" / "news-attribution-3.jsonl"
ROUND3_SPLITS = ("dev3", "heldout3", "all3")
# Round 4 (session 17): 18 more pages, labelled before the extractor ran on them.
ROUND4_LABELS = REPO / "bench" / "labels" / "news-attribution-4.jsonl"
ROUND4_SPLITS = ("dev4", "heldout4", "all4")
# Round 5 (session 18): 18 pages whose speakers are carried across sentences (issue 14).
ROUND5_LABELS = REPO / "bench" / "labels" / "news-attribution-5.jsonl"
ROUND5_SPLITS = ("dev5", "heldout5", "all5")
# Round 6 (session 18, second round on issue 14): 17 pages of other kinds, labelled first.
ROUND6_LABELS = REPO / "bench" / "labels" / "news-attribution-6.jsonl"
ROUND6_SPLITS = ("dev6", "heldout6", "all6")
SOURCINGS = ("named", "anonymous", "unattributed")


@dataclass
class Tally:
    sentences: int = 0
    confusion: Counter = field(default_factory=Counter)
    attributed: int = 0
    found: int = 0
    right: int = 0
    inside: int = 0
    inside_right: int = 0
    carried: int = 0
    carried_right: int = 0
    plain: int = 0
    plain_claimed: int = 0
    f1: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def load(path: Path, split: str) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if split in ("all", "all3", "all4", "all5", "all6") or row["split"] == split:
            by_article[row["article"]].append(row)
    return by_article


def _match(segments, start: int, end: int):
    for s in segments:
        if s.start == start and s.end == end:
            return s
    best = max(segments, key=lambda s: min(s.end, end) - max(s.start, start))
    return best if min(best.end, end) > max(best.start, start) else None


def score(texts: dict[str, str], labels: dict[str, list[dict]], keep: int = 0) -> Tally:
    t = Tally()

    def err(kind: str, msg: str) -> None:
        if keep and len(t.errors[kind]) < keep:
            t.errors[kind].append(msg)

    for article, rows in labels.items():
        text = texts[article]
        segments = extract(text)
        for row in rows:
            if row["sourcing"] not in SOURCINGS:
                continue
            t.sentences += 1
            seg = _match(segments, row["start"], row["end"])
            sentence = text[row["start"] : row["end"]]
            if seg is not None and seg.kind == "sentence":
                pred, claimant = seg.sourcing, seg.claimant or ""
                role, claim = seg.claimant_role or "", seg.claim or seg.text
            else:
                pred, claimant, role, claim = "unattributed", "", "", ""
            gold = row["sourcing"]
            t.confusion[gold, pred] += 1
            if gold != pred:
                err(f"sourcing {gold} -> {pred}", f"{claimant!r} <- {sentence}")
            gold_claim = " ".join(text[a:b] for a, b in row["claim"])
            f1 = token_f1(content_words(claim), content_words(gold_claim))
            kind = "unattributed" if gold == "unattributed" else "attributed"
            t.f1[kind].append(f1)
            if f1 < 0.8:
                err(f"claim span ({kind})", f"{f1:.2f} ours={claim!r}\n      gold={gold_claim!r}")
            if gold == "unattributed":
                t.plain += 1
                if claimant:
                    t.plain_claimed += 1
                    err("false claimant", f"{claimant!r} / {role!r} <- {sentence}")
                continue
            t.attributed += 1
            spans = [text[c["start"] : c["end"]] for c in row["claimant"]]
            carried = all(c["carried"] for c in row["claimant"])
            ok = bool(claimant) and any(claimant_matches(claimant, role, s) for s in spans)
            t.found += bool(claimant)
            t.right += ok
            if carried:
                t.carried += 1
                t.carried_right += ok
            else:
                t.inside += 1
                t.inside_right += ok
            if not claimant:
                err("not found", f"{spans} <- {sentence}")
            elif not ok:
                err("wrong claimant", f"{claimant!r} / {role!r} for {spans} <- {sentence}")
    return t


def _rate(n: int, d: int) -> str:
    return f"{n / d:.3f}  ({n}/{d})" if d else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--labels", type=Path, default=None)
    rounds = (*ROUND3_SPLITS, *ROUND4_SPLITS, *ROUND5_SPLITS, *ROUND6_SPLITS)
    splits = ("dev", "heldout", "all", *rounds)
    parser.add_argument("--split", default="dev", choices=splits)
    parser.add_argument("--errors", type=int, default=0, help="print N misses of each kind")
    parser.add_argument(
        "--present-only",
        action="store_true",
        help="score only the pages found in DIR (the others are counted and named as missing)",
    )
    args = parser.parse_args()

    if args.labels is None:
        if args.split in ROUND6_SPLITS:
            args.labels = ROUND6_LABELS
        elif args.split in ROUND5_SPLITS:
            args.labels = ROUND5_LABELS
        elif args.split in ROUND4_SPLITS:
            args.labels = ROUND4_LABELS
        elif args.split in ROUND3_SPLITS:
            args.labels = ROUND3_LABELS
        else:
            args.labels = DEFAULT_LABELS
    labels = load(args.labels, args.split)
    texts, bad = {}, []
    missing = sorted(a for a in labels if not (args.data_dir / f"{a}.txt").exists())
    if missing and args.present_only:
        print(f"{len(missing)} of {len(labels)} pages missing, left out: {' '.join(missing)}")
        labels = {a: rows for a, rows in labels.items() if a not in missing}
    for article, rows in labels.items():
        path = args.data_dir / f"{article}.txt"
        if not path.exists():
            sys.exit(f"{path}: missing (see bench/labels/README.md for how to find the page)")
        texts[article] = path.read_text(encoding="utf-8")
        for row in rows:
            got = texts[article][row["start"] : row["end"]].encode("utf-8")
            if hashlib.sha1(got).hexdigest() != row["sha1"]:
                bad.append(f"{article} {row['start']}-{row['end']}")
    if bad:
        sys.exit(f"{len(bad)} sentences do not match their sha1, first: {bad[:5]}")

    began = time.perf_counter()
    t = score(texts, labels, args.errors)
    took = time.perf_counter() - began
    right = sum(t.confusion[s, s] for s in SOURCINGS)
    print(
        f"news attribution {args.split}: {len(labels)} pages, {t.sentences} scored "
        f"sentences ({took:.1f} s)"
    )
    print(f"sourcing right                {_rate(right, t.sentences)}")
    print(f"attributed sentences found    {_rate(t.found, t.attributed)}")
    print(f"claimant right                {_rate(t.right, t.attributed)}")
    print(f"  name in the sentence        {_rate(t.inside_right, t.inside)}")
    print(f"  name carried from another   {_rate(t.carried_right, t.carried)}")
    print(f"false claimants (unattributed) {_rate(t.plain_claimed, t.plain)}")
    for kind in ("attributed", "unattributed"):
        scores = t.f1[kind]
        mean = sum(scores) / len(scores) if scores else 0.0
        print(f"claim token F1, {kind:<13} {mean:.3f}  ({len(scores)})")
    print("\nsourcing confusion (rows labelled, columns predicted)")
    print(f"{'':>14}" + "".join(f"{s:>14}" for s in SOURCINGS))
    for gold in SOURCINGS:
        print(f"{gold:>14}" + "".join(f"{t.confusion[gold, p]:>14}" for p in SOURCINGS))
    for kind, examples in sorted(t.errors.items()):
        print(f"\n== {kind} ==")
        for e in examples:
            print("  " + e)


if __name__ == "__main__":
    main()
