"""Whether a text reads as a transcript (a debate, an interview, a hearing) rather than news prose.

The news stage (``news_stage.py``) was fitted on articles: reported speech, datelines, the
outlet's own voice. A transcript is people speaking in turn, and the stage turns down what
they claim (CheckThat! 2024 test lines joined into "articles": F1 0.623 by the threshold,
0.549 by the stage). So a text that reads as a transcript keeps the score threshold, which
was calibrated on such lines. Two signs, either enough:

* speaker labels at line starts ("TRUMP:", "MODERATOR:", "Q:", "SEN. LEE:") on at least
  ``MIN_LABELLED_LINES`` lines and a third of the non-empty lines, one label at least twice
  (speakers take turns). A dateline ("MANILA: ...") and a "RELATED:" line in a short
  article are two labels once each;
* most sentences are spoken in the first or second person outside quotation marks ("I voted
  against it", "You know what we did"). News puts its first person inside quotes.
"""

from __future__ import annotations

import re

MIN_LABELLED_LINES = 2
MIN_LABELLED_SHARE = 1 / 3
MIN_SPOKEN_SHARE = 0.5

# A label in capitals, up to four words with titles and initials ("SEN. LEE", "MR. O'BRIEN",
# "GOV. BUSH (R)"), or Q / A, then a colon and the turn.
_SPEAKER_LABEL_RE = re.compile(
    r"^[ \t]*(Q|A|[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,3}(?:[ \t]*\([A-Z.-]+\))?)"
    r"[ \t]*:\s+\S",
    re.MULTILINE,
)
_QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]")
_SPOKEN_PERSON_RE = re.compile(
    r"\b(?:I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d)\b"
    r"|\b(?i:we|we're|we've|we'll|we’re|we’ve|we’ll|our|my|me|you|you're|you’re|your)\b"
)


def has_speaker_labels(text: str) -> bool:
    """Whether enough lines start with a speaker's label ("CLINTON: ...")."""
    lines = [line for line in text.splitlines() if line.strip()]
    labels = [label.replace(" ", "") for label in _SPEAKER_LABEL_RE.findall(text)]
    return (
        len(labels) >= MIN_LABELLED_LINES
        and len(labels) >= MIN_LABELLED_SHARE * len(lines)
        and len(set(labels)) < len(labels)
    )


def spoken_share(sentences: list[str]) -> float:
    """The share of sentences in the first or second person outside quotation marks."""
    if not sentences:
        return 0.0
    spoken = sum(bool(_SPOKEN_PERSON_RE.search(_QUOTED_RE.sub(" ", s))) for s in sentences)
    return spoken / len(sentences)


def reads_as_transcript(text: str, sentences: list[str]) -> bool:
    """Whether ``text`` (cut into ``sentences``) is a transcript rather than an article."""
    return has_speaker_labels(text) or spoken_share(sentences) > MIN_SPOKEN_SHARE
