"""Attribution benchmark: who said what, scored against PolNeAR's hand annotations.

    .venv/bin/python bench/attribution.py [--split dev|train] [--errors N] [--data-dir DIR]

PolNeAR (``../shared/data/attribution/polnear``; read its README: measure and analyse errors
only, nothing from it ships) marks, in 2016 election news, each attribution's Source (who),
Cue (said, according to, shows...) and Content (what). The extractor runs on each article as
it would in production (``extract(text)``, our own segmentation) and is scored per sentence.

Scoring rule (the figures in ``claims/extraction/README.md`` use it):

* An attribution belongs to the sentence that holds the start of its cue. It **counts** when
  it has an annotated Source and its cue is a verb of saying, writing or evidence, or
  "according to" (``SPEECH_CUES`` below, a lemma list written for this scorer from ordinary
  English, not from the extractor). Thoughts, wishes, demands and questions ("believes",
  "wants", "called for", "asked") do not count: the claimant field serves statements
  someone made; nor does a passive with no one named ("has been accused of").
  A sentence with at least one counted
  attribution is an **attributed sentence**.
* **Found**: the share of attributed sentences for which the extractor names a claimant.
* **Claimant right**: over attributed sentences whose annotated Source lies inside the
  sentence and is not a bare pronoun, the share where the extractor's claimant matches the
  Source of one of the sentence's counted attributions. It matches when every word of the
  claimant's name is in the Source, and the Source's head word (the last word before a
  comma, "of", "for", "at", "from", "with", "who", "in", "on", parentheses left out) is in
  the name or the role. A Source that is a title alone ("the mayor", "the president") is
  also matched by the name of the person it stands for when the extractor's role holds every
  word of the title (since 2026-12-07: the extractor names the one person the article gave
  that title; PolNeAR annotates no coreference, so which person cannot be checked).
* **False claimants**: over sentences that touch no annotated span at all (no Source, Cue or
  Content of any attribution, counted or not), the share given a claimant.
* **Claim token F1**: over attributed sentences whose content lies (at least in part) in
  the sentence, the word-level F1 of the extractor's claim
  (the ``claim`` field: a frame in the middle of the sentence, "X, officials said, Y", is
  left out of it even though the claim then has no single span) against the Content of the
  sentence's counted attributions (the best one when there are several), both clipped to
  the sentence. Words are lower-cased letters and digits; a leading "that" of either side is
  dropped (a complementiser is frame, not content).

``--errors N`` prints N examples of each kind of miss to the terminal (for analysis; they
are never written to a file). ``--claim-misses N`` prints where claim F1 is lost, by kind
(each kind's share of 1 - F1 over the sentences scored), and the N sentences with the lowest
claim F1, the extractor's claim beside the annotated content (terminal only, like
``--errors``; the scoring rule is the same).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.extraction import extract  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "data" / "attribution" / "polnear"


def _wordset(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# Lemmas (and the first word of multi-word cues) of saying, writing and evidence.
SPEECH_CUES = _wordset(
    """
    say said says saying tell told tells telling according add added adds adding write
    wrote writes writing written report reported reports reporting announce announced
    announces announcing note noted notes noting explain explained explains explaining
    argue argued argues arguing claim claimed claims claiming state stated states stating
    declare declared declares acknowledge acknowledged acknowledges admit admitted admits
    tweet tweeted tweets tweeting post posted posts show showed shows shown showing find
    found finds reveal revealed reveals estimate estimated estimates warn warned warns
    warning insist insisted insists suggest suggested suggests suggesting predict predicted
    predicts confirm confirmed confirms deny denied denies testify testified testifies
    allege alleged alleges assert asserted asserts contend contended contends maintain
    maintained maintains stress stressed stresses emphasize emphasized emphasizes
    emphasise emphasised recall recalled recalls reply replied replies respond responded
    responds counter countered concede conceded concedes point pointed points indicate
    indicated indicates conclude concluded concludes disclose disclosed describe described
    describes describing call called calls calling accuse accused accuses blame blamed
    blames promise promised promises pledge pledged pledges vow vowed vows boast boasted
    boasts brag bragged complain complained complains charge charged charges cite cited
    citing quote quoted quoting inform informed insisting observe observed remark remarked
    mention mentioned mentions repeat repeated repeats reiterate reiterated retort
    retorted continue continued continues went go goes explain declaring
    """
)
# A Source that is only a pronoun: its antecedent is not annotated.
PRONOUNS = _wordset("he she they it we i you his her their its him them this that who which whom")
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HEAD_CUT_RE = re.compile(r",|\b(?:of|for|at|from|with|who|in|on)\b", re.I)
_DETERMINERS = frozenset(("the", "a", "an"))


@dataclass
class Span:
    kind: str
    parts: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return min(a for a, _ in self.parts)

    @property
    def end(self) -> int:
        return max(b for _, b in self.parts)


@dataclass
class Relation:
    cue: Span | None = None
    source: Span | None = None
    content: Span | None = None


@dataclass
class Article:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


def load(split_dir: Path) -> list[Article]:
    articles = []
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans: dict[str, Span] = {}
        relations = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                kind, _, offsets = cols[1].partition(" ")
                parts = []
                for piece in offsets.split(";"):
                    a, b = piece.split()
                    parts.append((int(a), int(b)))
                spans[cols[0]] = Span(kind, parts)
            elif line.startswith("E") and len(cols) >= 2:
                rel = Relation()
                for arg in cols[1].split():
                    role, _, ref = arg.partition(":")
                    if role == "Cue":
                        rel.cue = spans.get(ref)
                    elif role == "Source":
                        rel.source = spans.get(ref)
                    elif role == "Content":
                        rel.content = spans.get(ref)
                if rel.cue is not None:
                    relations.append(rel)
        kept = [s for s in spans.values() if s.kind in ("Source", "Cue", "Content")]
        articles.append(Article(name, text, relations, kept))
    return articles


def words(text: str) -> list[str]:
    out = _WORD_RE.findall(text.lower().replace("’", "'"))
    return out


def counted(rel: Relation, text: str) -> bool:
    if rel.source is None:
        return False  # "has been accused of": nobody to name
    cue = " ".join(text[a:b] for a, b in rel.cue.parts).lower()
    cue_words = words(cue)
    if cue_words[:1] and cue_words[0].startswith("call") and set(cue_words) & {"for", "on"}:
        return False  # "called for a moratorium": a demand, not a statement
    return any(w in SPEECH_CUES for w in cue_words)


def clip_text(text: str, span: Span, start: int, end: int) -> str:
    pieces = []
    for a, b in sorted(span.parts):
        a, b = max(a, start), min(b, end)
        if a < b:
            pieces.append(text[a:b])
    return " ".join(pieces)


def content_words(text: str) -> list[str]:
    w = words(text)
    if w and w[0] == "that":
        w = w[1:]
    return w


def token_f1(pred: list[str], gold: list[str]) -> float:
    if not pred and not gold:
        return 1.0
    common = sum((Counter(pred) & Counter(gold)).values())
    if not common:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def source_head(source: str) -> str:
    source = re.sub(r"\([^)]*\)", " ", source)  # "Sen. Jane Roe (D-Ore.)"
    first = _HEAD_CUT_RE.split(source, maxsplit=1)[0]
    w = [x for x in words(first) if x not in _DETERMINERS]
    if w and w[-1] in ("'s", "s") and len(w) > 1:
        w = w[:-1]
    return w[-1].removesuffix("'s") if w else ""


# "the mayor", "The foreign minister": a title alone, no name (lower case after "the").
_TITLE_ONLY_RE = re.compile(r"^[Tt]he(?:\s+[a-z][a-z-]*){1,3}$")


def claimant_matches(name: str, role: str, source: str) -> bool:
    if _TITLE_ONLY_RE.match(source.strip()):
        # The extractor named whom the title stands for: right when its role holds the title
        # (PolNeAR annotates no coreference, so the person cannot be checked further).
        title = [w for w in words(source) if w not in _DETERMINERS]
        held = {w.removesuffix("'s") for w in words(role or "")}
        if words(name) != words(source) and title and all(w in held for w in title):
            return True
    src = {w.removesuffix("'s") for w in words(source)}
    name_words = [w.removesuffix("'s") for w in words(name) if w not in _DETERMINERS]
    if not name_words or not all(w in src for w in name_words):
        return False
    head = source_head(source)
    have = set(name_words) | {w.removesuffix("'s") for w in words(role or "")}
    return head in have


@dataclass
class Tally:
    attributed: int = 0
    found: int = 0
    claimant_total: int = 0
    claimant_right: int = 0
    plain: int = 0
    plain_claimed: int = 0
    f1_sum: float = 0.0
    f1_total: int = 0
    sentences: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # (F1, kind, sentence, claim, annotated content) of each sentence scored for claim F1
    claim_rows: list[tuple[float, str, str, str, str]] = field(default_factory=list)


def claim_miss_kind(sentence: str, claim: str, claimant: str | None, content: str) -> str:
    """Which way the claim differs from the annotated content (for ``--claim-misses``)."""
    if claim.strip() == sentence.strip():
        return (
            "claim is the whole sentence, no claimant"
            if not claimant
            else ("claim is the whole sentence, a claimant named")
        )
    at = sentence.find(claim)
    if at < 0:
        if claimant and claim.startswith(claimant):
            return "the speaker's name put in for a pronoun"
        return "claim in pieces (a frame in the middle left out)"
    gold_at = sentence.find(content) if content else -1
    if gold_at < 0:
        return "annotated content in pieces"
    ours = words(sentence[:at]), words(sentence[: at + len(claim)])
    gold = words(sentence[:gold_at]), words(sentence[: gold_at + len(content)])
    start = (
        "starts early"
        if len(ours[0]) < len(gold[0])
        else ("starts late" if len(ours[0]) > len(gold[0]) else "")
    )
    end = (
        "ends late"
        if len(ours[1]) > len(gold[1])
        else ("ends early" if len(ours[1]) < len(gold[1]) else "")
    )
    return ", ".join(x for x in (start, end) if x) or 'same span (quotation marks, "that")'


def score(articles: list[Article], keep_errors: int = 0, keep_claim_rows: bool = False) -> Tally:
    t = Tally()

    def err(kind: str, msg: str) -> None:
        if len(t.errors[kind]) < keep_errors:
            t.errors[kind].append(msg)

    for art in articles:
        text = art.text
        for s in extract(text):
            if s.kind != "sentence":
                continue
            t.sentences += 1
            rels = [r for r in art.relations if s.start <= r.cue.start < s.end and counted(r, text)]
            touched = any(sp.start < s.end and sp.end > s.start for sp in art.spans)
            claimant = s.claimant
            role = getattr(s, "claimant_role", "") or ""
            claim = s.claim or s.text
            if not touched:
                t.plain += 1
                if claimant:
                    t.plain_claimed += 1
                    err("false claimant", f"{claimant!r} <- {s.text}")
                continue
            if not rels:
                continue
            t.attributed += 1
            if claimant:
                t.found += 1
            else:
                cues = "; ".join(text[r.cue.start : r.cue.end] for r in rels)
                err("not found", f"[{cues}] {s.text}")
            sources = [
                text[r.source.start : r.source.end]
                for r in rels
                if r.source is not None
                and s.start <= r.source.start
                and r.source.end <= s.end
                and len(r.source.parts) == 1
            ]
            sources = [x for x in sources if " ".join(words(x)) not in PRONOUNS]
            if sources:
                t.claimant_total += 1
                if claimant and any(claimant_matches(claimant, role, x) for x in sources):
                    t.claimant_right += 1
                elif claimant:
                    err("wrong claimant", f"{claimant!r} / {role!r} for {sources} <- {s.text}")
            best = None
            best_content = ""
            pred = content_words(claim)
            for r in rels:
                if r.content is None:
                    continue
                content = clip_text(text, r.content, s.start, s.end)
                gold = content_words(content)
                if gold:
                    f1 = token_f1(pred, gold)
                    if best is None or f1 > best:
                        best, best_content = f1, content
            if best is None:
                continue  # the content is in other sentences ('He said:')
            t.f1_total += 1
            t.f1_sum += best
            if keep_claim_rows:
                kind = claim_miss_kind(s.text, claim, claimant, best_content)
                t.claim_rows.append((best, kind, s.text, claim, best_content))
            if best < 0.8:
                golds = [clip_text(text, r.content, s.start, s.end) for r in rels if r.content]
                err("claim span", f"{best:.2f} ours={claim!r}\n      gold={golds}")
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    parser.add_argument(
        "--claim-misses", type=int, default=0, help="claim F1 lost by kind, N worst sentences"
    )
    args = parser.parse_args()
    articles = load(args.data_dir / args.split)
    if args.limit:
        articles = articles[: args.limit]
    began = time.perf_counter()
    t = score(articles, args.errors, keep_claim_rows=bool(args.claim_misses))
    took = time.perf_counter() - began
    print(f"PolNeAR {args.split}: {len(articles)} articles, {t.sentences} sentences ({took:.1f} s)")
    print(f"attributed sentences found   {t.found / max(t.attributed, 1):.3f}  ({t.attributed})")
    print(
        f"claimant right               {t.claimant_right / max(t.claimant_total, 1):.3f}"
        f"  ({t.claimant_total} with the source in the sentence)"
    )
    print(
        f"false claimants              {t.plain_claimed / max(t.plain, 1):.3f}"
        f"  ({t.plain} sentences with no attribution)"
    )
    print(
        f"claim token F1               {t.f1_sum / max(t.f1_total, 1):.3f}"
        f"  ({t.f1_total} with content in the sentence)"
    )
    for kind, examples in t.errors.items():
        print(f"\n== {kind} ==")
        for e in examples:
            print("  " + e)
    if args.claim_misses:
        print_claim_misses(t, args.claim_misses)


def print_claim_misses(t: Tally, n: int) -> None:
    """Where claim F1 is lost (each kind's share of 1 - F1), then the ``n`` worst sentences."""
    lost: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for f1, kind, *_ in t.claim_rows:
        if f1 < 1.0:
            lost[kind] += 1.0 - f1
            count[kind] += 1
    total = max(len(t.claim_rows), 1)
    print(f"\n== claim F1 lost, by kind (share of 1 - F1 over {len(t.claim_rows)} sentences) ==")
    for kind, loss in lost.most_common():
        print(f"  {loss / total:.4f}  {count[kind]:5d}  {kind}")
    print(f"  {sum(lost.values()) / total:.4f}  {sum(count.values()):5d}  all")
    print(f"\n== the {n} sentences with the lowest claim F1 ==")
    for f1, kind, sentence, claim, content in sorted(t.claim_rows, key=lambda r: r[0])[:n]:
        print(f"  {f1:.2f} [{kind}] {sentence}\n      ours={claim!r}\n      gold={content!r}")


if __name__ == "__main__":
    main()
