"""Text normalization for claim matching: one canonical spelling for what a reader treats as equal.

``normalize(text)`` returns lowercase tokens joined by single spaces, in which

- quotes, dashes, case and punctuation no longer matter; contractions are expanded
  ("doesn't" -> "does not", "cannot" -> "can not") so a negation is always the word "not";
  possessive "'s" is dropped ("Palantir's software" -> "palantir software");
- numbers are canonical digits: "14 million", "fourteen million", "14m", "14mn", "14,000,000"
  and "14 000 000" are all ``14000000``; "820k" and "820 000" are ``820000``; "3.40" is ``3.4``;
  "21st" is ``21``. A lone "one" stays a word (it is mostly a pronoun: "no one", "one of");
- "%", "per cent", "pct" are the word ``percent``;
- currencies come before their amount: "$20m", "20 million dollars", "USD 20 million" and
  "US$20 million" are all ``usd 20000000`` (likewise ``gbp`` and ``eur``);
- a small alias table maps names to one spelling ("UK"/"Britain"/"United Kingdom" -> ``uk``,
  "EU"/"the Union"/"European Union" -> ``eu``, "US"/"U.S."/"United States" -> ``usa``, ...).
  Extend ``ALIASES`` (canonical -> regex variants); ``CASE_SENSITIVE`` holds the variants that
  are ordinary words in lower case ("US" is a country, "us" a pronoun).

Known ambiguity, accepted because both sides of a pair go through the same rules: "100m" is read
as 100 million, never 100 metres; "pounds" after a number is money.

``analyze(text)`` keeps the case of each token as well, for the conflict detectors (capitalized
words are entity candidates). It is cached: re-ranking compares one claim with many.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

# canonical (as it appears, case kept, in analyzed text) -> regex variants, matched
# case-insensitively on whole words. Order inside a list does not matter: longest first is
# applied automatically. "(?:the\s+)?" in front of every variant is added for countries and
# unions so "the UK" and "Britain" give the same tokens.
ALIASES: dict[str, list[str]] = {
    "USA": [
        r"united\s+states\s+of\s+america",
        r"united\s+states",
        r"u\.\s?s\.\s?a\.?",
        r"u\.\s?s\.?(?=\W|$)",
        r"usa",
        r"(?<!latin\s)(?<!south\s)(?<!north\s)(?<!central\s)america",
        r"(?<!latin\s)(?<!south\s)(?<!north\s)(?<!central\s)american",
    ],
    "UK": [r"united\s+kingdom", r"great\s+britain", r"britain", r"british", r"u\.\s?k\.?", r"uk"],
    "EU": [r"european\s+union", r"e\.\s?u\.?(?=\W|$)", r"eu"],
    "UN": [r"united\s+nations", r"u\.\s?n\.(?=\W|$)"],
    "NATO": [r"north\s+atlantic\s+treaty\s+organi[sz]ation", r"nato"],
    "USSR": [r"soviet\s+union", r"u\.\s?s\.\s?s\.\s?r\.?", r"ussr"],
    "Russia": [r"russian\s+federation", r"russia", r"russian"],
    "Ukraine": [r"ukraine", r"ukrainian"],
    "China": [r"people'?s\s+republic\s+of\s+china", r"china", r"chinese"],
    "Kyiv": [r"kyiv", r"kiev"],
    "Zelensky": [r"zelenskyy", r"zelenskiy", r"zelensky"],
    "GDP": [r"gross\s+domestic\s+product", r"gdp"],
}
# Variants that are ordinary lower-case words or rely on capitals ("the Union"): matched with
# their case as written.
CASE_SENSITIVE: dict[str, list[str]] = {
    "USA": [r"US", r"U\.S(?=\W|$)"],
    "EU": [r"[Tt]he\s+Union(?!\s+of)"],
    "UN": [r"UN"],
}
# Canonical names that take the article: "the UK" and "Britain" must give the same tokens.
_ARTICLE_NAMES = {"USA", "UK", "EU", "UN", "USSR"}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    # South Asian scales: "Rs 1.27 lakh crore" = 1.27 trillion rupees.
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
# Suffixes glued to digits: "14m", "820k", "1.5bn"; ordinal endings are dropped.
NUMBER_SUFFIXES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
    "bln": 1_000_000_000,
    "cr": 10_000_000,
    "st": 1,
    "nd": 1,
    "rd": 1,
    "th": 1,
}
# Currency words/symbols -> canonical code. Words only count right after an amount ("20 pounds")
# except the unambiguous symbols and codes.
CURRENCY_SYMBOLS = {
    "$": "usd", "£": "gbp", "€": "eur", "₹": "inr", "₦": "ngn",
    "usd": "usd", "gbp": "gbp", "eur": "eur", "inr": "inr", "rs": "inr", "ngn": "ngn",
}  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "usd",
    "dollars": "usd",
    "pound": "gbp",
    "pounds": "gbp",
    "euro": "eur",
    "euros": "eur",
    "rupee": "inr",
    "rupees": "inr",
    "naira": "ngn",
}

_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "–": " - ", "—": " - ", "‒": " - ", "―": " - ", "−": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    }
)  # fmt: skip


def _alias_regex() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One case-insensitive and one case-sensitive pattern; group name -> canonical."""
    groups: dict[str, str] = {}

    def build(table: dict[str, list[str]], prefix: str) -> str:
        items = [(canon, var) for canon, variants in table.items() for var in variants]
        items.sort(key=lambda item: -len(item[1]))
        parts = []
        for i, (canon, var) in enumerate(items):
            name = f"{prefix}{i}"
            groups[name] = canon
            article = r"(?:(?i:the)\s+)?" if canon in _ARTICLE_NAMES else ""
            parts.append(f"(?P<{name}>{article}{var})")
        return r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])"

    ci = re.compile(build(ALIASES, "i"), re.IGNORECASE)
    cs = re.compile(build(CASE_SENSITIVE, "s"))
    return ci, cs, groups


_ALIAS_CI, _ALIAS_CS, _ALIAS_GROUPS = _alias_regex()
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])'s(?![^\W_])", re.IGNORECASE)
_US_DOLLAR = re.compile(r"(?<![^\W_])(?:US|U\.S\.)\s?\$", re.IGNORECASE)
# "N54.99trn" (naira), "Rs. 500" (the dot is no full stop), "44.4 °C", "8,600 km²".
_NAIRA = re.compile(r"(?<![^\W_])N(?=[0-9])")
_RUPEES = re.compile(r"(?<![^\W_])(Rs|INR)\.\s*", re.IGNORECASE)
_DEGREES = re.compile(r"\s?[°º]\s?([CF])(?![^\W_])")
_NUMBER_RANGE = re.compile(r"(?<=[0-9])\s*-\s*(?=[0-9])")  # "90-150": two figures
_SQUARED = re.compile(r"(?<=[0-9])\s?(km|mi|m)(?:2|²)(?![^\W_])")

_TOKEN = re.compile(
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)(?:(?P<suf>[A-Za-z]{1,3})(?![^\W_]))?"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<sym>[$£€₹₦%])"
    r"|(?P<stop>[.!?;:]+)"
)

_CONTRACTIONS = {
    "won't": ["will", "not"],
    "can't": ["can", "not"],
    "shan't": ["shall", "not"],
    "ain't": ["is", "not"],
    "cannot": ["can", "not"],
}
_DROPPED_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")


class Token(NamedTuple):
    """One canonical token: ``text`` is lower case, ``cased`` keeps the writer's capitals."""

    text: str
    cased: str
    is_number: bool = False
    sentence_start: bool = False


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _POSSESSIVE.sub("", text)
    text = _US_DOLLAR.sub(" $", text)
    text = _NUMBER_RANGE.sub(" to ", text)
    text = _NAIRA.sub("₦", text)
    text = _RUPEES.sub(r"\1 ", text)
    text = _DEGREES.sub(
        lambda m: " degrees " + ("celsius" if m.group(1) == "C" else "fahrenheit"), text
    )
    text = _SQUARED.sub(
        lambda m: " square " + {"mi": "miles", "m": "metres"}.get(m.group(1), "km"), text
    )
    text = _ALIAS_CS.sub(lambda m: f" {_ALIAS_GROUPS[m.lastgroup]} ", text)
    return _ALIAS_CI.sub(lambda m: f" {_ALIAS_GROUPS[m.lastgroup]} ", text)


def format_number(value: Decimal) -> str:
    """Canonical digits: no thousands separators, no trailing zeros, no exponent."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_number(text: str) -> Decimal | None:
    """Digits with "," or "." separators: "14,000,000", "3.4", "1.000.000", "1,5"."""
    if "," in text and "." in text:
        # 1,234.5 (English) or 1.234,5 (European): the last separator is the decimal point.
        if text.rfind(".") > text.rfind(","):
            text = text.replace(",", "")
        else:
            text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        groups = text.split(",")
        # "14,000,000"; "1,52,000" (lakh groups: pairs of digits before the last three)
        lakh = re.fullmatch(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}", text)
        if lakh or (all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3):
            text = text.replace(",", "")
        elif len(groups) == 2:
            text = text.replace(",", ".")
        else:
            return None
    elif text.count(".") > 1:
        groups = text.split(".")
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            text = text.replace(".", "")
        else:
            return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _raw_tokens(text: str) -> list[tuple[str, str, bool]]:
    """(kind, text, sentence_start) with contractions expanded and clitics dropped."""
    out: list[tuple[str, str, bool]] = []
    start = True
    for m in _TOKEN.finditer(_clean(text)):
        kind = "num" if m.group("num") else m.lastgroup
        if kind == "stop":
            start = True
            continue
        if kind == "num":
            suffix = (m.group("suf") or "").lower()
            if suffix and suffix not in NUMBER_SUFFIXES:
                # "1e5", "3D": digits and letters are separate tokens.
                out.append(("num", m.group("num"), start))
                out.append(("word", m.group("suf"), False))
            else:
                out.append(("num", m.group("num") + suffix, start))
        elif kind == "word":
            word = m.group("word")
            low = word.lower()
            if low in _CONTRACTIONS:
                first, second = _CONTRACTIONS[low]
                out.append(("word", first.capitalize() if word[0].isupper() else first, start))
                out.append(("word", second, False))
            elif low.endswith("n't") and len(low) > 3:
                out.append(("word", word[:-3], start))
                out.append(("word", "not", False))
            elif "'" in word:
                for clitic in _DROPPED_CLITICS:
                    if low.endswith(clitic) and len(low) > len(clitic):
                        word = word[: -len(clitic)]
                        break
                out.append(("word", word.replace("'", ""), start))
            else:
                out.append(("word", word, start))
        else:
            out.append(("sym", m.group("sym"), start))
        start = False
    return out


def _digits_value(text: str) -> Decimal | None:
    m = re.fullmatch(r"([0-9][0-9.,]*?)([a-z]*)", text)
    if not m:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    return value * NUMBER_SUFFIXES.get(m.group(2), 1)


def _words_to_number(words: list[str]) -> Decimal:
    """English number words ("twenty five", "one hundred and six million") to a value."""
    total = Decimal(0)
    current = Decimal(0)
    decimals = ""
    group = Decimal(0)  # what the last scale word added: "a thousand" of "a thousand million"
    previous = ""
    for word in words:
        if word == "point" or (decimals and word in NUMBER_WORDS):  # "two point three"
            decimals += "." if word == "point" else str(NUMBER_WORDS[word])
            continue
        if decimals:
            current += Decimal("0" + decimals) if decimals != "." else 0
            decimals = ""
        if word == "half":  # "nine and a half thousand", "one and a half million"
            current += Decimal("0.5")
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALE_WORDS:
            if (
                not current
                and previous in SCALE_WORDS
                and SCALE_WORDS[previous] < SCALE_WORDS[word]
            ):
                # "a thousand million" is a billion (not 1,001,000): the scale multiplies the
                # group the smaller scale made, as "1,000 million" does.
                total += group * (SCALE_WORDS[word] - 1)
                group *= SCALE_WORDS[word]
            else:
                group = max(current, 1) * SCALE_WORDS[word]
                total += group
            current = Decimal(0)
        previous = word
    if decimals:
        current += Decimal("0" + decimals) if decimals != "." else 0
    return total + current


def _canonical_tokens(text: str) -> list[Token]:
    raw = _raw_tokens(text)
    # Pass 1: numbers (digits, digit groups, number words, scale words) to values.
    items: list[list] = []  # [kind, text, cased, start, value]
    i = 0
    n = len(raw)
    while i < n:
        kind, tok, start = raw[i]
        low = tok.lower()
        if kind == "num":
            value = _digits_value(low)
            if value is None:
                items.append(["word", low, tok, start, None])
                i += 1
                continue
            j = i + 1
            # "820 000", "14 000 000": a 1-3 digit number followed by groups of three digits.
            if re.fullmatch(r"[0-9]{1,3}", low):
                digits = low
                while j < n and raw[j][0] == "num" and re.fullmatch(r"[0-9]{3}", raw[j][1]):
                    digits += raw[j][1]
                    j += 1
                if j > i + 1:
                    value = Decimal(digits)
                # "820 000k" is not a thing; only a plain group run is merged.
            if [r[1].lower() for r in raw[j : j + 3]] == ["and", "a", "half"]:
                value += Decimal("0.5")  # "21 and a half percent", "3 and a half million"
                j += 3
            while j < n and raw[j][1].lower() in SCALE_WORDS:
                value *= SCALE_WORDS[raw[j][1].lower()]
                j += 1
            items.append(["num", format_number(value), tok, start, value])
            i = j
            continue
        if kind == "word" and (
            low in NUMBER_WORDS
            or (low in SCALE_WORDS and low != "hundred")
            or (low == "a" and i + 1 < n and raw[i + 1][1].lower() in SCALE_WORDS)
        ):
            j = i
            words: list[str] = []
            while j < n and raw[j][0] == "word":
                w = raw[j][1].lower()
                if w in NUMBER_WORDS or w in SCALE_WORDS or (w == "a" and j == i):
                    words.append(w)
                elif (
                    w == "and"
                    and words
                    and words[-1] in NUMBER_WORDS
                    and [r[1].lower() for r in raw[j + 1 : j + 3]] == ["a", "half"]
                ):  # "one and a half million"
                    words.append("half")
                    j += 3
                    continue
                elif (
                    w == "point"
                    and words
                    and words[-1] in NUMBER_WORDS
                    and j + 1 < n
                    and NUMBER_WORDS.get(raw[j + 1][1].lower(), 10) < 10
                ):  # "two point three million"
                    words.append("point")
                elif (
                    w == "and"
                    and words
                    and words[-1] in SCALE_WORDS
                    and j + 1 < n
                    and raw[j + 1][1].lower() in NUMBER_WORDS
                ):
                    pass
                else:
                    break
                j += 1
            if words == ["one"]:
                items.append(["word", "one", tok, start, None])
                i += 1
                continue
            if words == ["a"]:
                items.append(["word", "a", tok, start, None])
                i += 1
                continue
            value = _words_to_number(words)
            items.append(["num", format_number(value), tok, start, value])
            i = j
            continue
        items.append([kind, low, tok, start, None])
        i += 1

    # Pass 2: percent and currency.
    out: list[Token] = []
    i = 0
    while i < len(items):
        kind, low, cased, start, _value = items[i]
        nxt = items[i + 1][1] if i + 1 < len(items) else None
        if low == "%" or low == "pct" or (low == "per" and nxt == "cent"):
            out.append(Token("percent", "percent", sentence_start=start))
            i += 2 if low == "per" else 1
            continue
        code = CURRENCY_SYMBOLS.get(low)
        if code is None and low in CURRENCY_WORDS and out and out[-1].is_number:
            code = CURRENCY_WORDS[low]
            # "20 million dollars" -> "usd 20000000": the code goes before its amount.
            amount = out.pop()
            out.append(Token(code, code, sentence_start=amount.sentence_start))
            out.append(Token(amount.text, amount.cased, is_number=True))
            i += 1
            continue
        if code is not None:
            out.append(Token(code, code, sentence_start=start))
            i += 1
            continue
        if kind == "sym":
            i += 1
            continue
        out.append(Token(low, cased, is_number=kind == "num", sentence_start=start))
        i += 1
    return [t for t in out if t.text]


def _normalize_once(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", t.text.lower()) for t in _canonical_tokens(text))


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Canonical lower-case form of ``text`` (see the module docstring). Idempotent."""
    current = _normalize_once(text)
    # A second pass can only see tokens the first one produced; repeat to a fixed point so
    # normalize(normalize(x)) == normalize(x) even for odd inputs ("5 $ 000").
    for _ in range(4):
        again = _normalize_once(current)
        if again == current:
            break
        current = again
    return current


@lru_cache(maxsize=8192)
def analyze(text: str) -> tuple[Token, ...]:
    """Canonical tokens with their original case, for the feature and conflict detectors."""
    return tuple(_canonical_tokens(text))
