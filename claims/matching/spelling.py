"""Two spellings of one name: "Marrakesh" / "Marrakech", "Romania" / "Rumania", "Gadafi" /
"Gaddafi". Transliterations and house styles differ by one letter of a similar sound: a
vowel for a vowel, one of c/k/s/z/q for another, or a doubled letter written once.

Deliberately narrow (names of 6 letters or more, same first letter, one such difference),
and the matcher still treats the pair as a soft conflict ("spelling variant": suggested,
never auto-linked), because a one-letter difference can also be two names ("Colombia" /
"Columbia"). "Bolton" / "Boston" (l / s) and "Gambia" / "Zambia" (first letter) are not
variants.
"""

from __future__ import annotations

MIN_LENGTH = 6
SOUND_CLASSES = (frozenset("aeiouy"), frozenset("ckszq"))


def _alike(x: str, y: str) -> bool:
    return any(x in group and y in group for group in SOUND_CLASSES)


def variants(x: str, y: str) -> bool:
    """Whether ``x`` and ``y`` (lower case) are two spellings of one name."""
    if x == y or min(len(x), len(y)) < MIN_LENGTH or x[0] != y[0]:
        return False
    if len(x) == len(y):
        diffs = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
        return len(diffs) == 1 and _alike(*diffs[0])
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) != 1:
        return False
    # A doubled letter written once: dropping one of the pair gives the shorter name.
    return any(
        long[i] == long[i - 1] and long[:i] + long[i + 1 :] == short for i in range(1, len(long))
    )
