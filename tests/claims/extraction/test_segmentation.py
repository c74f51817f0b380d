"""The segmenter: sentences, non-prose lines and their offsets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract, segment


def kinds_and_texts(text):
    return [(s.kind, text[s.start : s.end]) for s in segment(text)]


def sentences(text):
    return [t for k, t in kinds_and_texts(text) if k == "sentence"]


def test_abbreviations_do_not_end_sentences():
    text = (
        "Gen. Mark Milley met Dr. Ana Ruiz at 9 a.m. on Tuesday near St. Peter's Square. "
        "The U.S. Army said Sen. Lee and Gov. Hale agreed. It moved to the U.S. The "
        "talks resume on Aug. 19 in Washington."
    )
    assert sentences(text) == [
        "Gen. Mark Milley met Dr. Ana Ruiz at 9 a.m. on Tuesday near St. Peter's Square.",
        "The U.S. Army said Sen. Lee and Gov. Hale agreed.",
        "It moved to the U.S.",
        "The talks resume on Aug. 19 in Washington.",
    ]


def test_initials_and_acronym_before_a_name_stay_in_the_sentence():
    text = "As U.S. Special Envoy J. R. Smith explained, the plan is new. Prices rose 3.5%."
    assert sentences(text) == [
        "As U.S. Special Envoy J. R. Smith explained, the plan is new.",
        "Prices rose 3.5%.",
    ]


def test_quotes_straight_and_curly():
    text = (
        'He said: "We will win." Then he left. "Why?" she asked. '
        "“It is over,” the minister said. ‘Not yet.’ The end came later."
    )
    assert sentences(text) == [
        'He said: "We will win."',
        "Then he left.",
        '"Why?" she asked.',
        "“It is over,” the minister said.",
        "‘Not yet.’",
        "The end came later.",
    ]


def test_dateline_is_split_from_the_first_sentence():
    text = "ROME — The talks failed on Monday. They will resume.\n\nMILAN — Not a dateline here."
    segs = kinds_and_texts(text)
    assert segs[0] == ("dateline", "ROME —")
    assert segs[1] == ("sentence", "The talks failed on Monday.")
    # Only the opening paragraph carries a dateline.
    assert segs[-1][0] == "sentence"


def test_agency_dateline():
    segs = kinds_and_texts("KYIV, Ukraine (Reuters) - Russia fired 40 missiles overnight.")
    assert segs == [
        ("dateline", "KYIV, Ukraine (Reuters) -"),
        ("sentence", "Russia fired 40 missiles overnight."),
    ]


def test_header_date_line_is_a_dateline():
    segs = kinds_and_texts(" date 2024-03-02 -News-\n\nThe council met.")
    assert segs[0] == ("dateline", "date 2024-03-02 -News-")


def test_bylines_headings_and_boilerplate():
    text = (
        "Markets slide as rates rise\n"
        "By Jane Doe and John Roe\n"
        "Stocks fell 3% on Friday, the steepest drop in a year.\n"
        "Read more: Why the central bank raised rates\n"
        "Sign up for our morning newsletter to get the news delivered to your inbox.\n"
        "Editor's note: This story has been updated with a comment from the bank.\n"
        "Advertisement\n"
        "What comes next\n"
        "Analysts expect another rise in June."
    )
    assert kinds_and_texts(text) == [
        ("heading", "Markets slide as rates rise"),
        ("byline", "By Jane Doe and John Roe"),
        ("sentence", "Stocks fell 3% on Friday, the steepest drop in a year."),
        ("boilerplate", "Read more: Why the central bank raised rates"),
        (
            "boilerplate",
            "Sign up for our morning newsletter to get the news delivered to your inbox.",
        ),
        (
            "editors_note",
            "Editor's note: This story has been updated with a comment from the bank.",
        ),
        ("boilerplate", "Advertisement"),
        ("heading", "What comes next"),
        ("sentence", "Analysts expect another rise in June."),
    ]


def test_caption_with_inline_credit():
    text = "A farmer inspects his field near Lyon, France. Credit: Jean Dupont/Agency\n\nText."
    assert kinds_and_texts(text)[:2] == [
        ("caption", "A farmer inspects his field near Lyon, France."),
        ("credit", "Credit: Jean Dupont/Agency"),
    ]


def test_caption_line_followed_by_a_credit_line_and_pictured_lines():
    text = (
        "Soldiers train near the border on Tuesday.\n"
        "Photo: Ann Lee/Agency\n"
        "Pictured: the new bridge over the river.\n"
        "The bridge cost $40 million."
    )
    assert kinds_and_texts(text) == [
        ("caption", "Soldiers train near the border on Tuesday."),
        ("credit", "Photo: Ann Lee/Agency"),
        ("caption", "Pictured: the new bridge over the river."),
        ("sentence", "The bridge cost $40 million."),
    ]


def test_long_line_without_final_punctuation_is_still_a_sentence():
    text = (
        "The ministry said more than 200 people were evacuated from the flooded villages overnight"
    )
    assert kinds_and_texts(text) == [("sentence", text)]


def test_empty_and_whitespace_text():
    assert segment("") == []
    assert segment(" \n\t\n ") == []


def _check_segments(text):
    segs = segment(text)
    pos = 0
    covered = set()
    for seg in segs:
        assert pos <= seg.start < seg.end <= len(text)
        piece = text[seg.start : seg.end]
        assert piece == piece.strip()
        covered.update(range(seg.start, seg.end))
        pos = seg.end
    # Every non-whitespace character belongs to a segment.
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    return segs


NEWSY = st.lists(
    st.sampled_from(
        [
            "U.S.",
            "Dr.",
            "Gen.",
            "a.m.",
            "St.",
            "“",
            "”",
            '"',
            "'",
            ".",
            "!",
            "?",
            "…",
            " — ",
            "\n",
            "\n\n",
            "Credit:",
            "Photo:",
            "Read more",
            "TURIN —",
            "By",
            "Smith",
            "said",
            "the",
            "The",
            "3.5%",
            "$40",
            "70",
            "years",
            "(",
            ")",
            ",",
            " ",
            "according to",
            "sources",
            "Editor's note:",
            "“",
            "”",
            '"',
            "he",
            "told",
            "officials",
            "Tuesday",
            ":",
            "that",
        ]
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_segments_are_valid_for_any_text(text):
    _check_segments(text)


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_segments_are_valid_for_news_like_text(text):
    _check_segments(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), NEWSY))
def test_extract_never_crashes_and_offsets_match(text):
    out = extract(text)
    for item in out:
        assert text[item.start : item.end] == item.text
        assert 0.0 <= item.score <= 1.0
        assert item.sourcing in ("named", "anonymous", "unattributed")
        if item.kind != "sentence":
            assert not item.checkworthy
        # The claim is never empty; its span, when it has one, lies inside the sentence.
        assert item.claim.strip()
        if item.claim_start is not None:
            assert item.start <= item.claim_start < item.claim_end <= item.end
            assert text[item.claim_start : item.claim_end] == item.claim
    assert [i.start for i in out] == sorted(i.start for i in out)


def test_extract_takes_a_huge_text_without_punctuation():
    text = "officials said the bridge " * 60_000  # 1.5 million characters, no full stop
    out = extract(text)
    assert out and out[0].start == 0 and out[-1].end == len(text.rstrip())
    assert all(text[s.start : s.end] == s.text for s in out)
