"""A plain-text article's first line is its headline only when it plainly is one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.extraction.boilerplate import leading_headline

BODY = "HARBOURTON — The council said the tram carried 1.2 million passengers."


@pytest.mark.parametrize(
    "headline",
    [
        "Tram ridership doubles in its first six months",
        "Can Europe defend Ukraine without the US?",  # a question
        "Poll: Wealthy Voters Abandon the Party.",  # Title Case, even with a full stop
        "TRAM LINE COSTS SOAR",
        # Long and not Title Case, but one phrase with no full stop (25 words at most).
        "Exports fell by 12 percent last year as the unemployment rate rose to 7.4 percent, "
        "the statistics office says",
    ],
)
def test_a_headline_set_apart_is_taken(headline):
    assert leading_headline(f"\n{headline}\n\n{BODY}\n") == (headline, f"{BODY}\n")


def test_a_short_heading_may_run_straight_into_the_text():
    assert leading_headline(f"Tram ridership doubles\n{BODY}") == ("Tram ridership doubles", BODY)


@pytest.mark.parametrize(
    "text",
    [
        # A first paragraph, not a headline.
        "The unemployment rate rose to 7.4 percent in March.\n\nOfficials said so.",
        "Prices rose in May. Rents fell\n\nOfficials said so.",
        "Tram ridership doubles in first six months!\n\nOfficials said so.",
        # A hard-wrapped first paragraph.
        "The unemployment rate rose to 7.4 percent in March, according to the\n"
        "national statistics office.",
        "Exports fell by 12 percent last year as the unemployment rate rose to 7.4 percent, "
        "the statistics office says\nThe council said so.",
        "Tram ridership doubles in first six months\nand costs rise.",
        # Datelines, bylines, kickers, list items, boilerplate.
        " date 2025-08-19 -Analysis-\n\nTURIN — The negotiations go on.",
        "By Jane Smith and Ali Khan\n\nThe council said so.",
        "ANALYSIS\n\nThe council said so.",
        "Breaking news\n\nThe council said so.",
        "• Prices rose 3 percent in May\n• Rents fell",
        "Read more about the tram line here\n\nThe council said so.",
        # Too long to be a headline.
        " ".join(["word"] * 26) + "\n\nThe council said so.",
        "Tram " + "x" * 200 + " doubles\n\nThe council said so.",
        # Nothing after it.
        "Tram ridership doubles in its first six months\n\n",
        "",
    ],
)
def test_anything_else_is_not(text):
    assert leading_headline(text) is None


_WORDS = st.sampled_from(
    [
        *("Tram", "ridership", "doubles", "the", "By", "ANALYSIS", "said.", "rose", "7.4"),
        *("percent,", "Read", "more", "—", "?", "2025-08-19", "•", "x" * 60, ""),
    ]
)
_LINES = st.lists(st.lists(_WORDS, max_size=9).map(" ".join), min_size=1, max_size=4)
_TEXTS = st.tuples(_LINES, st.sampled_from(["\n", "\n\n", " \n \n", "\r\n"])).map(
    lambda parts: parts[1].join(parts[0])
)


@given(_TEXTS)
def test_a_headline_and_the_rest_are_the_whole_text(text):
    found = leading_headline(text)
    if found is None:
        return  # most texts here have none; the cases above say which
    headline, rest = found
    assert headline == text.strip().partition("\n")[0].strip()
    assert rest.strip() and text.rstrip().endswith(rest.rstrip())
    assert "".join(text.split()) == "".join(headline.split()) + "".join(rest.split())
