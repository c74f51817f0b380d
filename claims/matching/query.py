"""A text from outside (a consumer's lookup, a pair to score) reduced to its claim.

Stored claims are matched on their claim text: the statement without its attribution frame
(``Claim.statement``). A text that comes from outside may still carry one ("X is Y, the
defence minister told reporters"); ``claim_of`` removes it with the extractor's attribution,
so a lookup is compared claim to claim, and the speaker's name never counts as a name in
the claim. A text with no frame comes back unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Longer texts are not one claim: they are matched as given.
MAX_CHARS = 1000
# Frames that only say who spoke. A cue that takes a stance ("denied", "admitted",
# "rejected", "confirmed") is part of what is claimed, so such a text is kept whole.
NEUTRAL_CUES = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "according",
        "to",
        "as",
        "per",
        "report",
        "reports",
        "reported",
        "announce",
        "announces",
        "announced",
        "state",
        "states",
        "stated",
        "add",
        "adds",
        "added",
        "note",
        "notes",
        "noted",
        "explain",
        "explains",
        "explained",
        "write",
        "writes",
        "wrote",
        "written",
        "tweet",
        "tweeted",
        "post",
        "posted",
        "show",
        "shows",
        "showed",
        "shown",
        "find",
        "finds",
        "found",
        "estimate",
        "estimates",
        "estimated",
    ]
)


# What may stand before the speaker of a frame that opens the sentence: "According to",
# "In a statement on Monday,", "But", "As". Anything else there (a figure, a noun) means the
# speaker and the cue sit inside the claim: "Of the 41 drones the army says it downed, 28
# were over the capital" is one claim about 41 drones, not "the army says it downed".
FRAME_OPENERS = frozenset(
    re.findall(
        r"\S+",
        """according to as per in on at by a an the his her its their from statement statements
        interview interviews speech remarks briefing report post comments and but also
        meanwhile however so now right then just even again fact indeed still yesterday today
        tonight earlier later last this week month year morning afternoon evening night weekend
        monday tuesday wednesday thursday friday saturday sunday january february march april
        may june july august september october november december""",
    )
)
_WORD = re.compile(r"[\w'’]+")


def _opens_the_sentence(text: str, found) -> bool:
    """Whether the frame ``found`` is the sentence's own: its speaker after the claim, or
    before it with only an opener (``FRAME_OPENERS``) in front."""
    low = text.lower()
    who = (found.claimant or "").lower()
    at = low.find(who) if who else -1
    if at < 0:
        return True
    start = found.claim_start
    if start is None:  # a claim the extractor rewrote ("Google would cut ..."): after the cue
        cue_at = low.find((found.cue or "").lower(), at + len(who))
        start = cue_at if cue_at >= 0 else len(text)
    if at > start:  # "X is Y, the minister said"
        return True
    return all(w in FRAME_OPENERS for w in _WORD.findall(low[:at]))


@lru_cache(maxsize=4096)
def framed(text: str) -> tuple[str, str]:
    """(the claim, its claimant) of ``text``: without its neutral attribution frame and the
    speaker that frame names, or (``text``, "") when it has none."""
    if not text.strip() or len(text) > MAX_CHARS:
        return text, ""
    from claims.extraction.attribution import attribute

    found = attribute(text)
    cue_words = (found.cue or "").lower().split()
    if not cue_words or not all(w in NEUTRAL_CUES for w in cue_words):
        return text, ""
    if not _opens_the_sentence(text, found):
        return text, ""
    if found.claimant and not any(c.isalpha() for c in found.claimant):
        # A figure is no speaker: "after a further 11,000 were added" is read as the speaker
        # "000" and the cue "added" when the thousands comma is taken for a clause break.
        return text, ""
    claim = found.claim
    if not claim or not claim.strip():
        return text, ""
    return claim, found.claimant or ""


def claim_of(text: str) -> str:
    """``text`` without its attribution frame (``text`` itself when it has none)."""
    return framed(text)[0]


def claimant_of(text: str) -> str:
    """Who ``text``'s neutral attribution frame says spoke ("" when it has none)."""
    return framed(text)[1]
