"""Who makes a claim, what exactly they claim, and how it is sourced.

:func:`attribute_sentences` reads the sentences of one article in order, each through a
dependency parse (``parse.py``), and returns for each an :class:`Attribution`:

* ``claim``: the statement to check, without its attribution frame ("Ticket revenue now
  covers 61 percent of operating costs" from "Ticket revenue now covers 61 percent of
  operating costs, transport director Ines Varga said Tuesday"), with its offsets in the
  sentence when it is one contiguous piece of it; the sentence itself when the outlet
  asserts it;
* ``claimant``: the name only ("Ines Varga", "the European Commission", "EU sources") and
  ``role`` for the title or description ("transport director");
* ``cue``: the words that attribute it ("said", "according to", "shows");
* ``sourcing``: ``named`` (a person or an organisation, or its report or data),
  ``anonymous`` (sources, officials, people familiar with...; anyone speaking "on condition
  of anonymity"; "a local rights group") or ``unattributed`` (the outlet's own assertion).

How: a cue is a verb of saying, writing or evidence, or "according to", that stands outside
any quotation. Its subject (or the object of "according to") is the claimant phrase; its
clausal complement is the claim, or, when the cue is tucked into the claim ("The plan,
officials said, would cost more"), the claim is the sentence less the cue's phrase. The
claimant phrase is split into a name (a run of proper nouns, or the organisation a
spokesperson speaks for) and a role (titles, appositions, descriptions). Across sentences:
"he"/"she"/"they"/"it" resolve to the nearest earlier claimant or subject that fits, and the
speaker of a quotation that runs over several sentences is carried to each of them.

By file, in the order a sentence meets them: ``lexicon.py`` (the word lists) and
``result.py`` (:class:`Attribution`); for one parsed sentence, ``marks.py`` (quotation marks),
``claimant.py`` (a claimant phrase as name and role), ``subjects.py`` (who a cue's subject
is), ``cue_parts.py``, ``cues.py`` and ``content.py`` (the cues and what they claim),
``frames.py`` (frames the active-voice rules miss), ``quotation.py`` (a claim that is a
quotation), ``sentence.py`` (the sentence's result), ``persons.py`` and ``tagged.py``;
across an article, ``article.py`` (:func:`attribute_sentences`), ``parsing.py`` (which
sentences are parsed), ``quoted_text.py`` and ``carry.py`` (quotations and speakers across
sentences) and ``resolve.py`` (pronouns and titles).

The word lists are ordinary English, written by hand; no list or threshold here was fitted
on any data set (the PolNeAR scores in the README come from ``bench/attribution.py``).
"""

from __future__ import annotations

from .article import attribute, attribute_sentences
from .result import ANONYMOUS, NAMED, UNATTRIBUTED, UNATTRIBUTED_RESULT, Attribution

__all__ = [
    "ANONYMOUS",
    "NAMED",
    "UNATTRIBUTED",
    "UNATTRIBUTED_RESULT",
    "Attribution",
    "attribute",
    "attribute_sentences",
]
