"""Sentence features for the check-worthiness model.

One function, :func:`sentence_features`, turns a sentence into a sparse vector of
``(bucket, value)`` pairs. Training (``training/linear.py``) and scoring (``model.py``) both
call it, so the model never sees features at run time that differ from the ones it was
trained on.

Two families of features share one hashed space:

* lexical: lower-cased word unigrams and bigrams (numbers folded to a shape such as ``<num>``
  so "7 million" and "9 million" look alike) and character 4-grams inside words;
* news-prose cues, named ``cue:*``: numbers and quantities, comparisons, capitalised spans
  (a cheap stand-in for named entities), attribution verbs, modality, hedges, first and second
  person, opinion verbs, questions, length. These carry over from debate transcripts (the
  training data) to news prose better than words alone.

A second, simpler view, :func:`word_counts`, feeds the TF-IDF half of the model: plain
lower-cased words of two or more characters, counted. IDF-weighted words rank differently
from the binary n-grams above, and averaging the two logits ranks better than either alone
(4-fold cross-validation on the training data; see README.md).

Buckets come from CRC-32 (stable across processes, unlike ``hash()``), modulo ``N_BUCKETS``.
"""

from __future__ import annotations

import math
import re
from zlib import crc32

N_BUCKETS = 1 << 18

_WORD_RE = re.compile(r"\b\w\w+\b")
_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d[\d,.]*%?|[$€£%?!\"“”]")


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# Word lists are matched against the set of a sentence's lower-cased tokens: much faster
# than one case-insensitive regex per cue, which matters at thousands of sentences a second.
_SCALE = _words(
    "hundred hundreds thousand thousands million millions billion billions trillion "
    "trillions dozen dozens half twice double doubled doubles triple tripled quadrupled "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty sixty seventy eighty ninety percent percentage"
)
_UNIT = _words(
    "kilometers kilometres km miles mile meters metres tons tonnes barrels acres years "
    "year months month weeks days hours jobs people troops soldiers votes vote cases "
    "deaths dollars euros pounds cents percent"
)
_COMPARISON = _words(
    "more less fewer greater higher lower larger smaller bigger most least largest "
    "smallest biggest highest lowest best worst first only record than compared increase "
    "increased increases decrease decreased decreases rise rose risen fell fallen drop "
    "dropped doubled tripled cut grew grown growth decline declined declines surge surged "
    "since average rate"
)
_ATTRIBUTION = _words(
    "said says say according told tells reported reports announced stated claimed claims "
    "explained noted added argued warned confirmed acknowledged estimated estimates found "
    "show shows showed revealed insisted wrote declared"
)
_MODAL = _words("would could should might may must can will shall ought won't can't")
_HEDGE = _words(
    "perhaps maybe possibly probably likely unlikely reportedly allegedly apparently seem "
    "seems seemed appear appears appeared suggest suggests suggested roughly about around "
    "nearly almost approximately some might may could"
)
_OPINION = _words(
    "think believe feel hope want wish need love hate like agree disagree sure important "
    "crucial essential wrong right great terrible good bad should must"
)
_FIRST_SINGULAR = _words("i i'm i've i'll i'd me my mine myself")
_FIRST_PLURAL = _words("we we're we've we'll us our ours ourselves")
_SECOND = _words("you you're you've your yours")
_POLICY = _words(
    "law bill act tax taxes budget deficit debt unemployment jobs economy percent vote "
    "votes voted passed signed billion million program spending funding treaty sanctions "
    "troops war nuclear health insurance crime wage wages price prices inflation"
)
_PAST = _words("was were had did")
_QUOTES = _words('" “ ”')


_BUCKETS: dict[str, int] = {}
_BUCKET_CACHE_MAX = 500_000


def _bucket(name: str) -> int:
    b = _BUCKETS.get(name)
    if b is None:
        b = crc32(name.encode("utf-8")) & (N_BUCKETS - 1)
        if len(_BUCKETS) < _BUCKET_CACHE_MAX:
            _BUCKETS[name] = b
    return b


_CHAR_BUCKETS: dict[str, tuple[int, ...]] = {}


def _char_buckets(token: str) -> tuple[int, ...]:
    """Buckets of the character 4-grams of one word (with boundary spaces), memoized."""
    found = _CHAR_BUCKETS.get(token)
    if found is None:
        padded = " " + token + " "
        found = tuple(_bucket("c:" + padded[i : i + 4]) for i in range(len(padded) - 3))
        if len(_CHAR_BUCKETS) < _BUCKET_CACHE_MAX:
            _CHAR_BUCKETS[token] = found
    return found


def _word_shape(token: str) -> str:
    if token[0].isdigit():
        if token.endswith("%"):
            return "<pct>"
        if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20", "18"):
            return "<year>"
        return "<num>"
    return token.lower().replace("’", "'")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with numbers folded to shapes."""
    return [_word_shape(t) for t in _TOKEN_RE.findall(text) if t not in _QUOTES]


def cue_features(text: str, raw: list[str] | None = None) -> dict[str, float]:
    """The hand-made news-prose cues, by name. Values are small (0/1 or log counts)."""
    raw = _TOKEN_RE.findall(text) if raw is None else raw
    lower = [t.lower().replace("’", "'") for t in raw]
    vocab = set(lower)
    cues: dict[str, float] = {}

    def flag(name: str, value: float = 1.0) -> None:
        if value:
            cues["cue:" + name] = value

    numbers = [t for t in raw if t[0].isdigit()]
    n_numbers = len(numbers)
    shapes = {_word_shape(t) for t in numbers}
    n_words = sum(1 for t in raw if t[0].isalpha())
    flag("number", 1.0 if n_numbers else 0.0)
    flag("numbers_log", math.log1p(n_numbers))
    flag("year", 1.0 if "<year>" in shapes else 0.0)
    flag("percent", 1.0 if "<pct>" in shapes or "percent" in vocab or "%" in vocab else 0.0)
    flag("money", 1.0 if vocab & {"$", "€", "£", "dollars", "euros", "pounds"} else 0.0)
    scale = bool(vocab & _SCALE)
    unit = bool(vocab & _UNIT)
    flag("scale_word", 1.0 if scale else 0.0)
    flag("unit", 1.0 if unit else 0.0)
    flag("quantity", 1.0 if (n_numbers or scale) and unit else 0.0)
    n_comp = sum(1 for t in lower if t in _COMPARISON)
    flag("comparison", math.log1p(n_comp))
    # Capitalised spans after the first word: a cheap stand-in for named entities.
    n_caps = 0
    prev_cap = True
    for t in raw:
        cap = t[0].isupper()
        if cap and not prev_cap:
            n_caps += 1
        prev_cap = cap
    flag("entity", 1.0 if n_caps else 0.0)
    flag("entities_log", math.log1p(n_caps))
    flag("attribution", 1.0 if vocab & _ATTRIBUTION else 0.0)
    flag("modal", 1.0 if vocab & _MODAL else 0.0)
    flag("hedge", 1.0 if vocab & _HEDGE else 0.0)
    n_opinion = sum(1 for t in lower if t in _OPINION)
    flag("opinion", math.log1p(n_opinion))
    flag("first_singular", 1.0 if vocab & _FIRST_SINGULAR else 0.0)
    flag("first_plural", 1.0 if vocab & _FIRST_PLURAL else 0.0)
    flag("second_person", 1.0 if vocab & _SECOND else 0.0)
    flag("policy_topic", 1.0 if vocab & _POLICY else 0.0)
    flag("quote", 1.0 if vocab & _QUOTES else 0.0)
    last = text.rstrip()[-1:]
    flag("question", 1.0 if last == "?" else 0.0)
    flag("exclamation", 1.0 if last == "!" else 0.0)
    flag("no_verbish", 1.0 if n_words < 4 else 0.0)
    for low, high, name in (
        (0, 6, "len_xs"),
        (6, 12, "len_s"),
        (12, 25, "len_m"),
        (25, 1 << 30, "len_l"),
    ):
        if low <= n_words < high:
            flag(name)
    # An assertion with specifics and without the speaker's own opinion is the archetype.
    specific = bool(n_numbers) or n_caps >= 2
    flag("specific_no_opinion", 1.0 if specific and not n_opinion else 0.0)
    past = bool(vocab & _PAST) or any(len(t) > 4 and t.endswith("ed") for t in lower)
    flag("past_tense_fact", 1.0 if past else 0.0)
    return cues


def sentence_features(text: str, char_ngrams: bool = True) -> dict[int, float]:
    """Hashed sparse features of one sentence: ``{bucket: value}``."""
    feats: dict[int, float] = {}
    raw = _TOKEN_RE.findall(text)
    toks = [_word_shape(t) for t in raw if t not in _QUOTES]
    for tok in toks:
        b = _bucket("w:" + tok)
        feats[b] = 1.0
    prev = "<s>"
    for tok in toks:
        b = _bucket("b:" + prev + " " + tok)
        feats[b] = 1.0
        prev = tok
    if char_ngrams:
        for tok in toks:
            if len(tok) < 4 or tok[0] == "<":
                continue
            for b in _char_buckets(tok):
                feats[b] = 1.0
    # Lexical features are binary, scaled down so a long sentence is not scored on length.
    if feats:
        scale = 1.0 / math.sqrt(len(feats))
        for key in feats:
            feats[key] = scale
    for name, value in cue_features(text, raw).items():
        b = _bucket(name)
        feats[b] = feats.get(b, 0.0) + value
    return feats


def word_counts(text: str) -> dict[int, int]:
    """Hashed counts of the lower-cased words of ``text`` (the TF-IDF view)."""
    counts: dict[int, int] = {}
    for word in _WORD_RE.findall(text.lower()):
        b = _bucket("t:" + word)
        counts[b] = counts.get(b, 0) + 1
    return counts
