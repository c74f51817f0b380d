"""Benchmark of claim matching quality (and re-ranking speed), on pairs generated at run time.

    .venv/bin/python bench/matching_quality.py [--data-dir DIR] [--sentences N] [--seed S]

No sentence of the data is stored in the repository: the evaluation set is built here, each
run, from check-worthy sentences of ``../shared/data/claim-detection`` (ClaimBuster CFS
sentences and CheckThat! 2024 "Yes" sentences, 8 to 45 words, deduplicated):

* positives: a rewording of the sentence by 1-3 of these edits: number formats ("14 million"
  / "14m" / "fourteen million" / "14,000,000", "%" / "percent", "$20m" / "20 million
  dollars"), alias swaps ("United States" / "U.S." / "America"), synonyms, clause reordering,
  moved attribution ("X, he said"), contractions, case and punctuation, dropped fillers,
  active to passive for a few verbs. Plus natural near-duplicates: the same 2016 debate
  utterances as transcribed by ClaimBuster and by CheckThat! 2019 (different segmentation
  and punctuation);
* hard negatives, each the sentence with ONE meaning change, half of them also reworded:
  another number, another year, an inserted or removed negation, another name (a
  capitalized word from another sentence), two names or numbers swapped (roles), an
  antonym (direction). The generators use their own word lists, wider than the matcher's;
* easy negatives: a random other sentence; related negatives: the other sentence sharing the
  most content words (what retrieval would put in front of the re-ranker), unless it is
  itself a near-duplicate.

Sentences are split into two halves by a hash of their text. Thresholds are swept on the
first half: "auto" is the lowest threshold whose precision is >= 0.99, "suggest" the lowest
whose precision is >= 0.90 (both over all pair types together). Everything is then reported
on the second half, with the figures per positive edit and per negative type.

Precision depends on the mix (here: 2 positives, up to 6 hard negatives, 1 easy and 1
related negative per sentence); the per-type rates do not.

When the optional ``semantic`` extra is installed, the same run re-scores every pair with the
semantic re-ranker (``claims.matching.semantic``: embedding cosine blended into the lexical
similarity, the same conflict rules) for a few blend weights, sweeps its thresholds on the
first half the same way, and prints precision / recall on the second half with and without
the re-ranker, at the defaults and at each one's swept thresholds, with the per-type rates.
``--no-semantic`` skips this (embedding the ~20k texts takes minutes on CPU).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.matching import features, normalize, wording  # noqa: E402
from claims.matching.normalize import analyze  # noqa: E402
from claims.matching.score import (  # noqa: E402
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    decide,
    explain,
    match_score,
)


def _words(text: str) -> list[str]:
    return text.split()


DATA = REPO.parent / "shared" / "data" / "claim-detection"

# ---------------------------------------------------------------- loading


def load_sentences(data: Path) -> list[str]:
    texts: list[str] = []
    for name in ("crowdsourced.csv", "groundtruth.csv"):
        with open(data / "claimbuster" / "datasets" / name, newline="", encoding="utf-8") as f:
            texts += [row["Text"] for row in csv.DictReader(f) if row["Verdict"] == "1"]
    for name in ("dev-test", "test_gold"):
        path = data / "checkthat2024-task1-english" / f"CT24_checkworthy_english_{name}.tsv"
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts += [row["Text"] for row in rows if row["class_label"] == "Yes"]
    seen: set[str] = set()
    out = []
    for t in texts:
        t = " ".join(t.split())
        key = normalize(t)
        if 8 <= len(t.split()) <= 45 and key not in seen:
            seen.add(key)
            out.append(t)
    return out


def natural_pairs(data: Path) -> list[tuple[str, str]]:
    """The 2016 debates in ClaimBuster and in CheckThat! 2019: same words, other transcripts."""
    cb: list[str] = []
    files = {"2016-09-26.txt", "2016-10-09.txt", "2016-10-19.txt"}
    for name in ("crowdsourced.csv", "groundtruth.csv"):
        with open(data / "claimbuster" / "datasets" / name, newline="", encoding="utf-8") as f:
            cb += [r["Text"] for r in csv.DictReader(f) if r["File_id"] in files]
    ct: list[str] = []
    for path in sorted((data / "checkthat2019-task1" / "training").glob("*pres.tsv")):
        with open(path, encoding="utf-8") as f:
            ct += [line.split("\t")[2] for line in f if line.count("\t") >= 3]
    index: dict[str, list[int]] = defaultdict(list)
    cb_sets = []
    for i, t in enumerate(cb):
        s = set(features(t).content)
        cb_sets.append(s)
        for w in s:
            index[w].append(i)
    pairs = []
    for t in ct:
        if not 8 <= len(t.split()) <= 45:
            continue
        s = set(features(t).content)
        counts: dict[int, int] = defaultdict(int)
        for w in s:
            if len(index[w]) < 50:
                for i in index[w]:
                    counts[i] += 1
        if not counts:
            continue
        best = max(counts, key=counts.__getitem__)
        other = cb[best]
        union = len(s | cb_sets[best])
        ratio = len(other.split()) / len(t.split())
        if (
            union
            and counts[best] / union >= 0.6
            and 0.67 <= ratio <= 1.5
            and normalize(other) != normalize(t)
        ):
            pairs.append((t, other))
    return pairs


# ---------------------------------------------------------------- rewording (positives)

_SMALL = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words_for(n: int) -> str | None:
    if n < 20:
        return _SMALL[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_SMALL[unit]}" if unit else "")
    return None


_NUM = re.compile(
    r"(?P<cur>\$\s?)?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]\d)"
    r"(?P<scale>\s(?:million|billion|thousand))?(?P<pct>\s?%|\spercent|\sper cent)?"
    r"(?P<dollars>\sdollars)?",
    re.IGNORECASE,
)
_SCALES = {" million": 10**6, " billion": 10**9, " thousand": 10**3}


def _render_amount(value: float, rng: random.Random) -> str:
    if value != int(value):
        return f"{value:g}"
    n = int(value)
    options = [str(n)]
    if n >= 1000:
        options += [f"{n:,}", f"{n:,}".replace(",", " ")]
    for scale, name, short in ((10**9, "billion", "bn"), (10**6, "million", "m")):
        if n >= scale and n % (scale // 10) == 0:
            q = n / scale
            options += [f"{q:g} {name}", f"{q:g}{short}"]
            if q == int(q) and words_for(int(q)):
                options.append(f"{words_for(int(q))} {name}")
            break
    else:
        if 1000 <= n < 10**6 and n % 1000 == 0:
            options.append(f"{n // 1000}k")
    if 2 <= n < 100:
        options.append(words_for(n))
    return rng.choice(options)


def tf_number_format(text: str, rng: random.Random) -> str | None:
    matches = [
        m
        for m in _NUM.finditer(text)
        if not (len(m.group("num")) == 4 and not m.group("pct") and not m.group("scale"))
    ]
    if not matches:
        return None
    m = rng.choice(matches)
    value = float(m.group("num").replace(",", ""))
    if m.group("scale"):
        value *= _SCALES[m.group("scale").lower()]
    amount = _render_amount(value, rng)
    if m.group("pct"):
        amount += rng.choice(["%", " percent", " per cent"])
    if m.group("cur") or m.group("dollars"):
        style = rng.choice(["$", "dollars", "USD"])
        amount = {"$": f"${amount}", "dollars": f"{amount} dollars", "USD": f"USD {amount}"}[style]
    if amount.strip() == m.group(0).strip():
        return None
    return text[: m.start()] + amount + text[m.end() :]


_ALIAS_GROUPS = [
    ["the United States", "the U.S.", "the US", "America", "the United States of America"],
    ["the United Kingdom", "the UK", "Britain", "Great Britain"],
    ["the European Union", "the EU", "the Union"],
    ["the United Nations", "the U.N."],
    ["the Soviet Union", "the USSR"],
    ["Russia", "the Russian Federation"],
]


def tf_alias(text: str, rng: random.Random) -> str | None:
    for group in rng.sample(_ALIAS_GROUPS, len(_ALIAS_GROUPS)):
        for variant in sorted(group, key=len, reverse=True):
            bare = variant.removeprefix("the ")
            m = re.search(rf"(?:\bthe )?(?<![\w.]){re.escape(bare)}(?![\w])", text)
            if m:
                repl = rng.choice([v for v in group if v.removeprefix("the ") != bare])
                if m.start() == 0:
                    repl = repl[0].upper() + repl[1:]
                return text[: m.start()] + repl + text[m.end() :]
    return None


_SYNONYMS = {
    "said": "stated", "say": "claim", "big": "large", "country": "nation", "people": "folks",
    "children": "kids", "buy": "purchase", "jobs": "positions", "money": "funds",
    "help": "assist", "show": "demonstrate", "got": "received", "get": "obtain",
    "make": "create", "made": "created", "start": "begin", "started": "began",
    "end": "finish", "need": "require", "important": "crucial", "biggest": "largest",
    "almost": "nearly", "about": "approximately", "spend": "expend", "spent": "expended",
    "pay": "compensate", "tax": "levy", "kill": "slay", "killed": "slain", "law": "statute",
    "plan": "proposal", "program": "programme", "percent": "per cent", "nuclear": "atomic",
    "weapons": "arms", "economy": "economic system", "government": "administration",
    "president": "head of state", "cost": "price", "try": "attempt", "tried": "attempted",
    "enough": "sufficient", "many": "numerous", "often": "frequently", "because": "since",
    "also": "as well", "give": "provide", "gave": "provided", "wants": "wishes",
    "place": "location", "build": "construct", "built": "constructed", "fight": "combat",
    "work": "labor", "workers": "employees", "job": "position", "security": "safety",
}  # fmt: skip


def tf_synonym(text: str, rng: random.Random) -> str | None:
    hits = [m for m in re.finditer(r"\b[a-z]+\b", text) if m.group(0) in _SYNONYMS]
    if not hits:
        return None
    for m in sorted(rng.sample(hits, min(len(hits), rng.choice([1, 2]))), key=lambda m: -m.start()):
        text = text[: m.start()] + _SYNONYMS[m.group(0)] + text[m.end() :]
    return text


def _lower_first(s: str) -> str:
    if s[:2] == "I " or re.match(r"[A-Z]{2}|[A-Z][a-z]+ [A-Z]", s):
        return s
    return s[:1].lower() + s[1:]


def tf_reorder(text: str, rng: random.Random) -> str | None:
    body = text.rstrip(".!? ")
    cuts = [m.start() for m in re.finditer(r", | because | and | but ", body)]
    cuts = [c for c in cuts if 0.25 * len(body) < c < 0.75 * len(body)]
    if not cuts:
        return None
    c = rng.choice(cuts)
    sep = re.match(r", | because | and | but ", body[c:]).group(0)
    first, second = body[:c], body[c + len(sep) :]
    if sep == " because ":
        return f"Because {_lower_first(second)}, {_lower_first(first)}."
    joiner = ", " if sep == ", " else f",{sep}"
    return f"{second[:1].upper()}{second[1:]}{joiner}{_lower_first(first)}."


def tf_attribution(text: str, rng: random.Random) -> str | None:
    m = re.match(r"(I think|I believe|He said|She said|They say)( that)? (.+)", text)
    if m:
        rest = m.group(3).rstrip(".")
        return f"{rest[:1].upper()}{rest[1:]}, {m.group(1)[0].lower()}{m.group(1)[1:]}."
    prefix = rng.choice(["According to the report, ", "Officials say that ", "It is said that "])
    return prefix + _lower_first(text)


_CONTRACT = [
    ("do not", "don't"), ("does not", "doesn't"), ("did not", "didn't"), ("is not", "isn't"),
    ("are not", "aren't"), ("was not", "wasn't"), ("cannot", "can't"), ("will not", "won't"),
    ("have not", "haven't"), ("has not", "hasn't"), ("would not", "wouldn't"),
]  # fmt: skip


def tf_contraction(text: str, rng: random.Random) -> str | None:
    for long, short in rng.sample(_CONTRACT, len(_CONTRACT)):
        for x, y in ((long, short), (short, long)):
            if re.search(rf"\b{re.escape(x)}\b", text):
                return re.sub(rf"\b{re.escape(x)}\b", y, text, count=1)
    return None


def tf_surface(text: str, rng: random.Random) -> str | None:
    choice = rng.choice(["lower", "nopunct", "quotes"])
    if choice == "lower":
        return text.lower()
    if choice == "nopunct":
        return re.sub(r"[,;:!?\"()]|\.(?=\s|$)", "", text)
    return text.replace("'", "’").replace('"', "“")


_FILLERS = (
    r"\b(?:really|actually|very|just|basically|certainly|simply|literally|you know,?|of course,?)\s"
)


def tf_filler(text: str, rng: random.Random) -> str | None:
    new = re.sub(_FILLERS, "", text, flags=re.IGNORECASE)
    return new if new != text else None


_PASSIVE_VERBS = (
    "passed signed vetoed created cut raised built killed supported opposed founded led"
)


def tf_passive(text: str, rng: random.Random) -> str | None:
    m = re.search(
        rf"\b(We|They|He|She|I|[A-Z][a-z]+) ({'|'.join(_PASSIVE_VERBS.split())}) "
        r"(the|a|an|this|that) ([a-z]+(?: [a-z]+)?)\b",
        text,
    )
    if not m:
        return None
    agent = {"We": "us", "They": "them", "He": "him", "She": "her", "I": "me"}.get(
        m.group(1), m.group(1)
    )
    obj = f"{m.group(3)} {m.group(4)}"
    passive = f"{obj} was {m.group(2)} by {agent}"
    if m.start() == 0:
        passive = passive[:1].upper() + passive[1:]
    return text[: m.start()] + passive + text[m.end() :]


PARAPHRASES = {
    "number-format": tf_number_format,
    "alias": tf_alias,
    "synonym": tf_synonym,
    "reorder": tf_reorder,
    "attribution": tf_attribution,
    "contraction": tf_contraction,
    "surface": tf_surface,
    "filler": tf_filler,
    "passive": tf_passive,
}
# Edits a reader barely notices: often combined with the others.
_LIGHT = ("surface", "filler", "contraction")


def paraphrase(text: str, rng: random.Random, k: int) -> tuple[str, list[str]] | None:
    names = list(PARAPHRASES)
    rng.shuffle(names)
    # Prefer the specific edits when they apply: they are what the matcher must survive.
    names.sort(key=lambda n: n in _LIGHT)
    done: list[str] = []
    for name in names:
        if len(done) >= k:
            break
        if name == "attribution" and rng.random() < 0.7:
            continue  # it applies to every sentence; keep it from crowding out the others
        new = PARAPHRASES[name](text, rng)
        if new and new != text:
            text = new
            done.append(name)
    return (text, done) if done else None


# ---------------------------------------------------------------- meaning changes (negatives)


def ng_number(text: str, rng: random.Random, *, years: bool) -> str | None:
    pattern = r"\b(1[89]\d\d|20\d\d)\b" if years else r"(?<![\d.,])(\d+(?:\.\d+)?)(?![\d,.]\d)"
    hits = [
        m
        for m in re.finditer(pattern, text)
        if years or not re.fullmatch(r"1[89]\d\d|20\d\d", m.group(1))
    ]
    if not years:
        words = r"\b(two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|hundred)\b"
        hits += list(re.finditer(words, text, re.IGNORECASE))
    if not hits:
        return None
    m = rng.choice(hits)
    old = m.group(1)
    if years:
        new = str(int(old) + rng.choice([-4, -2, -1, 1, 2, 3]))
    elif old.isalpha():
        new = rng.choice(
            [w for w in ("two", "three", "five", "seven", "ten", "forty") if w != old.lower()]
        )
    elif "." in old:
        new = f"{float(old) + rng.choice([-1.3, -0.5, 0.7, 1.1]):.1f}".lstrip("-")
    else:
        n = int(old)
        new = str(rng.choice([n + 1, n + 3, n * 2, max(n // 2, n + 7), n + 10]))
    if new == old:
        return None
    return text[: m.start(1)] + new + text[m.end(1) :]


_AUX = r"\b(is|are|was|were|will|would|can|could|should|has|have|had|does|do|did)\b"


def ng_negation(text: str, rng: random.Random) -> str | None:
    m = re.search(r"\b(not|never|n't)\b ?|n't\b", text)
    if m and rng.random() < 0.3:
        new = text[: m.start()] + text[m.end() :]
        return new.replace("  ", " ")
    hits = [
        m for m in re.finditer(_AUX, text) if not re.match(r" (not|never)\b|n't", text[m.end() :])
    ]
    if hits:
        m = rng.choice(hits)
        word = rng.choice(["not", "never"]) if m.group(1) in ("has", "have", "had") else "not"
        return text[: m.end()] + f" {word}" + text[m.end() :]
    m = re.search(r"\b(we|they|I|you) ([a-z]{3,})\b", text)
    if m and not re.match(r"(am|are|were|was|have|had|do|did|don|can|will|would)$", m.group(2)):
        return text[: m.start(2)] + "do not " + text[m.start(2) :]
    return None


_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}(?: [A-Z][a-z]+)?)\b")
_NOT_NAMES = {"The", "This", "That", "And", "But", "We", "They", "He", "She", "It", "In", "If"}


def names_in(text: str) -> list[re.Match]:
    return [m for m in _NAME.finditer(text) if m.group(1).split()[0] not in _NOT_NAMES]


def ng_entity(text: str, rng: random.Random, pool: list[str]) -> str | None:
    hits = names_in(text)
    if not hits:
        return None
    m = rng.choice(hits)
    for _ in range(10):
        new = rng.choice(pool)
        if new.lower() not in text.lower() and new.split()[0] not in _NOT_NAMES:
            return text[: m.start(1)] + new + text[m.end(1) :]
    return None


def ng_roles(text: str, rng: random.Random) -> str | None:
    hits = names_in(text)
    distinct = {m.group(1) for m in hits}
    if len(distinct) < 2:
        nums = list(re.finditer(r"(?<![\d.,])(\d+(?:\.\d+)?)(?![\d,.]\d)", text))
        if len({m.group(1) for m in nums}) < 2:
            return None
        hits = nums
    a, b = rng.sample(hits, 2)
    if a.group(1) == b.group(1) or a.group(1) in b.group(1) or b.group(1) in a.group(1):
        return None
    a, b = sorted((a, b), key=lambda m: m.start())
    between = text[a.end(1) : b.start(1)]
    if re.fullmatch(r"\W*(?:and|or|,|to)?\W*", between) or re.fullmatch(
        r"\s*of\s*(?:the\s*)?", between
    ):
        return None  # "A and B" / "20 or 21": swapping changes nothing; "X of Y" is one name
    return (
        text[: a.start(1)]
        + b.group(1)
        + text[a.end(1) : b.start(1)]
        + a.group(1)
        + text[b.end(1) :]
    )


_ANTONYMS = [
    ("increase", "decrease"), ("increased", "decreased"), ("increasing", "decreasing"),
    ("rise", "fall"), ("rose", "fell"), ("rising", "falling"), ("raise", "cut"),
    ("raised", "cut"), ("more", "fewer"), ("higher", "lower"), ("up", "down"),
    ("gain", "loss"), ("gained", "lost"), ("won", "lost"), ("win", "lose"),
    ("support", "oppose"), ("supported", "opposed"), ("before", "after"),
    ("best", "worst"), ("grow", "shrink"), ("grew", "shrank"), ("largest", "smallest"),
    ("expanded", "reduced"), ("above", "below"), ("most", "least"), ("better", "worse"),
    ("over", "under"), ("strengthen", "weaken"), ("stronger", "weaker"), ("create", "destroy"),
    ("created", "destroyed"), ("hired", "fired"), ("richest", "poorest"), ("allow", "ban"),
    ("legal", "illegal"), ("approved", "rejected"), ("voted for", "voted against"),
    ("doubled", "halved"), ("highest", "lowest"), ("growth", "decline"),
]  # fmt: skip


def ng_direction(text: str, rng: random.Random) -> str | None:
    options = []
    for x, y in _ANTONYMS:
        for s, t in ((x, y), (y, x)):
            for m in re.finditer(rf"\b{s}\b", text):
                options.append((m, t))
    if not options:
        return None
    m, t = rng.choice(options)
    return text[: m.start()] + t + text[m.end() :]


# ---------------------------------------------------------------- evaluation set


@dataclass
class Pair:
    a: str
    b: str
    positive: bool
    kind: str  # "positive", "natural", or the negative type
    edits: tuple[str, ...] = ()


def half_of(text: str) -> int:
    return hashlib.sha1(text.encode()).digest()[0] % 2


def build_pairs(sentences: list[str], rng: random.Random, pool: list[str]) -> list[Pair]:
    pairs: list[Pair] = []
    index: dict[str, list[int]] = defaultdict(list)
    sets = []
    for i, s in enumerate(sentences):
        cs = set(features(s).content)
        sets.append(cs)
        for w in cs:
            index[w].append(i)
    for i, s in enumerate(sentences):
        for _ in range(2):
            para = paraphrase(s, rng, rng.choice([1, 2, 3]))
            if para and normalize(para[0]) != normalize(s):
                pairs.append(Pair(s, para[0], True, "positive", tuple(para[1])))
        negs = {
            "number": ng_number(s, rng, years=False),
            "date": ng_number(s, rng, years=True),
            "negation": ng_negation(s, rng),
            "entity": ng_entity(s, rng, pool),
            "roles": ng_roles(s, rng),
            "direction": ng_direction(s, rng),
        }
        for kind, neg in negs.items():
            if not neg or normalize(neg) == normalize(s):
                continue
            edits: tuple[str, ...] = ()
            if rng.random() < 0.5:
                para = paraphrase(neg, rng, 1)
                if para:
                    neg, edits = para[0], tuple(para[1])
            pairs.append(Pair(s, neg, False, kind, edits))
        j = rng.randrange(len(sentences))
        if j != i:
            pairs.append(Pair(s, sentences[j], False, "easy"))
        counts: dict[int, int] = defaultdict(int)
        for w in sets[i]:
            if len(index[w]) < 300:
                for k in index[w]:
                    if k != i:
                        counts[k] += 1
        if counts:
            k = max(counts, key=counts.__getitem__)
            union = len(sets[i] | sets[k])
            if union and counts[k] / union < 0.6:
                pairs.append(Pair(s, sentences[k], False, "related"))
    return pairs


# ---------------------------------------------------------------- measuring


def rates(pairs, expls, suggest, auto):
    tp = {"auto": 0, "suggest": 0}
    fp = {"auto": 0, "suggest": 0}
    npos = sum(p.positive for p in pairs)
    for p, e in zip(pairs, expls, strict=True):
        d = decide(e, suggest_threshold=suggest, auto_threshold=auto).decision
        for level, hit in (("auto", d == "auto"), ("suggest", d != "none")):
            if hit:
                (tp if p.positive else fp)[level] += 1
    out = {}
    for level in ("auto", "suggest"):
        pred = tp[level] + fp[level]
        out[level] = (tp[level] / pred if pred else 1.0, tp[level] / npos if npos else 0.0)
    return out


def sweep(pairs, expls):
    grid = [round(0.30 + 0.01 * i, 2) for i in range(70)]
    auto = next((t for t in grid if rates(pairs, expls, 0.3, t)["auto"][0] >= 0.99), 0.99)
    suggest = next(
        (t for t in grid if t < auto and rates(pairs, expls, t, auto)["suggest"][0] >= 0.90),
        auto - 0.01,
    )
    return suggest, auto, grid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--sentences", type=int, default=3000, help="sentences sampled per run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-semantic", action="store_true", help="skip the re-ranker rows")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    all_sentences = load_sentences(args.data_dir)
    sentences = rng.sample(all_sentences, min(args.sentences, len(all_sentences)))
    pool = sorted({m.group(1) for s in all_sentences for m in names_in(s)})
    halves = [[s for s in sentences if half_of(s) == h] for h in (0, 1)]
    sets = [build_pairs(h, rng, pool) for h in halves]
    natural = natural_pairs(args.data_dir)
    for a, b in natural:
        sets[half_of(a)].append(Pair(a, b, True, "natural"))

    print(
        f"sentences: {len(all_sentences)} usable, {len(sentences)} sampled "
        f"({len(halves[0])} sweep / {len(halves[1])} report); natural near-duplicates: "
        f"{len(natural)}"
    )
    t0 = time.perf_counter()
    expls = [[explain(p.a, p.b) for p in s] for s in sets]
    elapsed = time.perf_counter() - t0
    n_pairs = sum(len(s) for s in sets)
    print(f"pairs: {len(sets[0])} sweep / {len(sets[1])} report")
    print(f"speed: {n_pairs / elapsed:,.0f} pairs/s (fresh texts, analysis included, 1 core)")
    features.cache_clear()
    wording.cache_clear()
    analyze.cache_clear()
    normalize.cache_clear()
    query = sets[1][0].a
    cands = [p.b for p in sets[1][:2000]]
    t0 = time.perf_counter()
    for c in cands:
        match_score(query, c, suggest_threshold=0.5, auto_threshold=0.9)
    print(f"speed: {len(cands) / (time.perf_counter() - t0):,.0f} pairs/s (re-ranking one claim "
          "against uncached candidates)")  # fmt: skip

    suggest, auto, grid = sweep(sets[0], expls[0])
    print("\n== sweep half: precision / recall with the threshold at t")
    print("(auto: conflicts and short claims blocked; suggest: with auto at the chosen value)")
    print("t      auto P  auto R   sugg P  sugg R")
    for t in sorted({*grid[::5], suggest, auto}):
        ra = rates(sets[0], expls[0], 0.3, t)["auto"]
        rs = rates(sets[0], expls[0], min(t, auto), auto)["suggest"]
        print(f"{t:.2f}   {ra[0]:.3f}   {ra[1]:.3f}    {rs[0]:.3f}   {rs[1]:.3f}")
    print(
        f"chosen on the sweep half: auto = lowest with precision >= 0.99 -> {auto:.2f}; "
        f"suggest = lowest with precision >= 0.90 -> {suggest:.2f}"
    )
    print(f"module defaults: suggest {DEFAULT_SUGGEST_THRESHOLD}, auto {DEFAULT_AUTO_THRESHOLD}")

    for label, (s_thr, a_thr) in (
        ("chosen", (suggest, auto)),
        ("defaults", (DEFAULT_SUGGEST_THRESHOLD, DEFAULT_AUTO_THRESHOLD)),
    ):
        pairs = sets[1]
        results = [
            match_score(p.a, p.b, suggest_threshold=s_thr, auto_threshold=a_thr) for p in pairs
        ]
        print(f"\n== report half, {label} thresholds: suggest {s_thr:.2f}, auto {a_thr:.2f}")
        r = rates(pairs, expls[1], s_thr, a_thr)
        npos = sum(p.positive for p in pairs)
        print(f"all pairs ({npos} positive, {len(pairs) - npos} negative):")
        for level in ("auto", "suggest"):
            print(f"  {level:<8} precision {r[level][0]:.3f}  recall {r[level][1]:.3f}")
        by_kind: dict[str, list[str]] = defaultdict(list)
        for p, res in zip(pairs, results, strict=True):
            by_kind[p.kind].append(res.decision)
            if p.kind == "positive":
                for e in p.edits:
                    by_kind[f"positive/{e}"].append(res.decision)
        pos_auto = sum(
            1 for p, x in zip(pairs, results, strict=True) if p.positive and x.decision == "auto"
        )
        pos_sugg = sum(
            1 for p, x in zip(pairs, results, strict=True) if p.positive and x.decision != "none"
        )
        print(
            f"{'type':<26}{'count':>6}{'auto':>8}{'>=sugg':>8}"
            "   precision vs this type (auto / suggest)"
        )
        for kind in sorted(by_kind, key=lambda k: (not k.startswith(("positive", "natural")), k)):
            ds = by_kind[kind]
            n = len(ds)
            na = sum(d == "auto" for d in ds) / n
            ns = sum(d != "none" for d in ds) / n
            extra = ""
            if not kind.startswith(("positive", "natural")):
                fa = sum(d == "auto" for d in ds)
                fs = sum(d != "none" for d in ds)
                pa = pos_auto / (pos_auto + fa) if pos_auto + fa else 1.0
                ps = pos_sugg / (pos_sugg + fs) if pos_sugg + fs else 1.0
                extra = f"   {pa:.3f} / {ps:.3f}"
            print(f"{kind:<26}{n:>6}{na:>8.3f}{ns:>8.3f}{extra}")

    if args.no_semantic:
        print("\n== semantic re-ranker: skipped (--no-semantic)")
    else:
        semantic_rows(sets, expls, suggest, auto)


def semantic_rows(sets, expls, lex_suggest: float, lex_auto: float) -> None:
    """The same pairs re-scored with the optional semantic re-ranker, next to lexical."""
    from claims.embeddings import available

    if not available():
        print("\n== semantic re-ranker: skipped, the 'semantic' extra is not installed")
        return
    from claims.matching import semantic

    texts = list(dict.fromkeys(t for s in sets for p in s for t in (p.a, p.b)))
    semantic.CACHE_SIZE = len(texts) + 1
    t0 = time.perf_counter()
    semantic.prime(texts)
    elapsed = time.perf_counter() - t0
    print(
        f"\n== semantic re-ranker (embedding cosine blended into the similarity; conflict "
        f"rules unchanged)\nembedded {len(texts)} texts in {elapsed:.0f} s "
        f"({len(texts) / elapsed:,.0f} texts/s, batches, shared machine)"
    )
    # Auto-linking stays lexical (the re-ranker caps its blend below the auto threshold),
    # so only the suggest threshold is swept for it, with auto at the lexical choice.
    print("sweep half, per blend weight: suggest = lowest with precision >= 0.90; auto lexical")
    print("blend  suggest  auto   sugg P  sugg R   auto P  auto R")
    grid = [round(0.30 + 0.01 * i, 2) for i in range(70)]

    def reranked(blend: float, ceiling: float | None, floor: float = 0.0):
        # ``floor`` (the suggest threshold) turns on the cosine lift, as match_score does.
        return [
            [
                semantic.rerank(p.a, p.b, e, blend=blend, ceiling=ceiling, floor=floor)
                for p, e in zip(s, ex, strict=True)
            ]
            for s, ex in zip(sets, expls, strict=True)
        ]

    by_blend = {}
    for blend in (0.2, 0.3, 0.4, 0.5, 0.6):
        sem = reranked(blend, lex_auto)
        s_thr = next(
            (t for t in grid if t < lex_auto and rates(sets[0], sem[0], t, lex_auto)["suggest"][0]
             >= 0.90), lex_auto - 0.01)  # fmt: skip
        r = rates(sets[0], sem[0], s_thr, lex_auto)
        by_blend[blend] = (sem, s_thr, r["suggest"][1])
        print(
            f"{blend:.1f}    {s_thr:.2f}     {lex_auto:.2f}   {r['suggest'][0]:.3f}   "
            f"{r['suggest'][1]:.3f}    {r['auto'][0]:.3f}   {r['auto'][1]:.3f}"
        )
    r = rates(sets[0], expls[0], lex_suggest, lex_auto)
    print(
        f"lexical {lex_suggest:.2f}     {lex_auto:.2f}   {r['suggest'][0]:.3f}   "
        f"{r['suggest'][1]:.3f}    {r['auto'][0]:.3f}   {r['auto'][1]:.3f}"
    )
    best = max(by_blend, key=lambda b: by_blend[b][2])
    print(f"best blend on the sweep half (suggest recall): {best}; shipped BLEND {semantic.BLEND}")
    pairs = sets[1]
    ship = semantic.BLEND
    sem_ship = by_blend[ship] if ship in by_blend else (reranked(ship, lex_auto), lex_suggest, 0)
    sem_default = reranked(ship, DEFAULT_AUTO_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD)
    uncapped = reranked(ship, None)
    rows = [
        ("lexical", expls[1], DEFAULT_SUGGEST_THRESHOLD, DEFAULT_AUTO_THRESHOLD),
        ("lexical", expls[1], lex_suggest, lex_auto),
        ("default (lift)", sem_default[1], DEFAULT_SUGGEST_THRESHOLD, DEFAULT_AUTO_THRESHOLD),
        (f"semantic {ship}", sem_ship[0][1], sem_ship[1], lex_auto),
        (f"(uncapped {ship})", uncapped[1], DEFAULT_SUGGEST_THRESHOLD, DEFAULT_AUTO_THRESHOLD),
    ]
    npos = sum(p.positive for p in pairs)
    print(f"\nreport half ({npos} positive, {len(pairs) - npos} negative pairs)")
    print(f"{'method':<18}{'suggest':>8}{'auto':>6}   sugg P  sugg R   auto P  auto R")
    for name, ex, s_thr, a_thr in rows:
        r = rates(pairs, ex, s_thr, a_thr)
        print(
            f"{name:<18}{s_thr:>8.2f}{a_thr:>6.2f}   {r['suggest'][0]:.3f}   {r['suggest'][1]:.3f}"
            f"    {r['auto'][0]:.3f}   {r['auto'][1]:.3f}"
        )
    print("\nper type, report half, default thresholds: share auto / at least suggest")
    print(f"{'type':<14}{'count':>6}   lexical        semantic {semantic.BLEND}")
    kinds = sorted({p.kind for p in pairs}, key=lambda k: (k not in ("positive", "natural"), k))
    for kind in kinds:
        idx = [i for i, p in enumerate(pairs) if p.kind == kind]
        cells = []
        for ex in (expls[1], sem_default[1]):
            ds = [
                decide(
                    ex[i],
                    suggest_threshold=DEFAULT_SUGGEST_THRESHOLD,
                    auto_threshold=DEFAULT_AUTO_THRESHOLD,
                ).decision
                for i in idx
            ]
            cells.append(
                f"{sum(d == 'auto' for d in ds) / len(ds):.3f} / "
                f"{sum(d != 'none' for d in ds) / len(ds):.3f}"
            )
        print(f"{kind:<14}{len(idx):>6}   {cells[0]}  {cells[1]}")


if __name__ == "__main__":
    main()
