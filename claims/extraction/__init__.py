"""Claim extraction: article text in, every segment out, check-worthy ones scored and attributed.

Public API::

    from claims.extraction import extract, unique_claims, ExtractedSentence
    sentences = extract(text)            # every segment of text, in order
    claims = unique_claims(sentences)    # check-worthy sentences, duplicates removed

``extract`` is pure (no database, no network) and fast (thousands of sentences a second on
one core). See ``README.md`` in this package for the model, its features and its figures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .attribution import UNATTRIBUTED_RESULT, attribute_sentences
from .flags import ALL_FLAGS, claim_flags
from .model import CheckworthinessModel
from .news_stage import default_stage
from .noise import is_news_noise
from .segmentation import Segment, segment, split_sentences
from .semantic import SemanticCheckworthinessModel, configured_model
from .transcript import reads_as_transcript

__all__ = [
    "ALL_FLAGS",
    "CHECKWORTHY_THRESHOLD",
    "CheckworthinessModel",
    "ExtractedSentence",
    "Segment",
    "extract",
    "normalize_claim_text",
    "segment",
    "split_sentences",
    "unique_claims",
]

SENTENCE = "sentence"
# Fewer prose sentences than this is not an article: the news stage stays out.
NEWS_STAGE_MIN_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class ExtractedSentence:
    """One segment of an article, with its check-worthiness and attribution.

    ``text == article[start:end]``. Only ``kind == "sentence"`` can be check-worthy; other
    kinds (heading, dateline, byline, caption, credit, boilerplate, editors_note) are
    returned so that the segments cover the whole text, with score 0.
    """

    start: int
    end: int
    text: str
    kind: str
    checkworthy: bool
    score: float
    claimant: str | None
    sourcing: str
    flags: tuple[str, ...]
    # Index (in the extract() list) of an earlier segment with the same normalized text.
    duplicate_of: int | None = None
    # The statement to check, without its attribution frame, dateline or stamp: the
    # sentence itself when the outlet asserts it. ``claim_start``/``claim_end`` index the
    # input when the claim is one contiguous piece of it (None otherwise).
    claim: str = ""
    claim_start: int | None = None
    claim_end: int | None = None
    # The claimant's title or description ("transport director"), and the attribution cue
    # ("said", "according to", "shows").
    claimant_role: str | None = None
    cue: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["flags"] = list(self.flags)
        data["score"] = round(self.score, 4)
        return data


def __getattr__(name: str):
    # The threshold lives in the artifact's metadata; read it lazily so importing this
    # package does not load the model.
    if name == "CHECKWORTHY_THRESHOLD":
        return configured_model().threshold
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NORMALIZE_RE = re.compile(r"[^\w%$€£]+")


def normalize_claim_text(text: str) -> str:
    """The key two sentences share when they make the same claim word for word."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NORMALIZE_RE.sub(" ", folded).strip()


def extract(
    text: str,
    model: CheckworthinessModel | SemanticCheckworthinessModel | None = None,
    *,
    news_stage: bool = True,
) -> list[ExtractedSentence]:
    """Every segment of ``text`` in order, scored and attributed (by the ``EXTRACTOR`` model).

    With the linear model, ``checkworthy`` in an article (``NEWS_STAGE_MIN_SENTENCES`` prose
    sentences or more that do not read as a transcript, ``transcript.py``) is decided by the
    news stage (``news_stage.py``: the model's score beside the sentence's attribution and
    shape); ``news_stage=False``, another model, a shorter text or a transcript decides by
    the score threshold alone. ``score`` is the model's either way.
    """
    model = model or configured_model()
    threshold = model.threshold
    # The stage was fitted on the linear model's scores; other scorers keep their threshold.
    stage = default_stage() if news_stage and isinstance(model, CheckworthinessModel) else None
    segments = list(segment(text))
    prose = [s for s in segments if s.kind == SENTENCE]
    # The stage reads news prose: an article, not one sentence typed or pasted alone (a line
    # of a debate, a quote to check), which the threshold calibrated on such lines decides.
    if len(prose) < NEWS_STAGE_MIN_SENTENCES:
        stage = None
    out: list[ExtractedSentence] = []
    first_seen: dict[str, int] = {}
    prose_texts = [text[s.start : s.end] for s in prose]
    # Nor a transcript (speaker labels, people speaking in the first person): the stage
    # turns down what debaters claim, which the calibrated threshold keeps.
    if stage is not None and reads_as_transcript(text, prose_texts):
        stage = None
    batch: dict[str, float] = {}
    if hasattr(model, "score_many"):  # the semantic scorer embeds a whole article at once
        batch = dict(zip(prose_texts, model.score_many(prose_texts), strict=True))
    same_paragraph = [
        i > 0 and "\n" not in text[prose[i - 1].end : seg.start] for i, seg in enumerate(prose)
    ]
    attributions = iter(attribute_sentences(prose_texts, same_paragraph))
    for seg in segments:
        seg_text = text[seg.start : seg.end]
        key = normalize_claim_text(seg_text)
        duplicate_of = first_seen.get(key) if key else None
        if key and duplicate_of is None:
            first_seen[key] = len(out)
        if seg.kind != SENTENCE:
            out.append(
                ExtractedSentence(
                    seg.start,
                    seg.end,
                    seg_text,
                    seg.kind,
                    False,
                    0.0,
                    None,
                    UNATTRIBUTED_RESULT.sourcing,
                    (),
                    duplicate_of,
                    claim=seg_text,
                    claim_start=seg.start,
                    claim_end=seg.end,
                )
            )
            continue
        score = batch[seg_text] if batch else model.score(seg_text)
        attribution = next(attributions)
        flags = claim_flags(seg_text, attributed=attribution.claimant is not None)
        contiguous = attribution.claim_start is not None
        if stage is None:
            worthy = score >= threshold
        else:
            worthy = stage.checkworthy(seg_text, score, attribution, flags)
        out.append(
            ExtractedSentence(
                seg.start,
                seg.end,
                seg_text,
                seg.kind,
                # Noise and a bare frame ("He said:") keep their score but are no claim.
                worthy and not is_news_noise(seg_text) and not attribution.frame_only,
                score,
                attribution.claimant,
                attribution.sourcing,
                flags,
                duplicate_of,
                claim=attribution.claim or seg_text,
                claim_start=seg.start + attribution.claim_start if contiguous else None,
                claim_end=seg.start + attribution.claim_end if contiguous else None,
                claimant_role=attribution.role,
                cue=attribution.cue,
            )
        )
    return out


def unique_claims(sentences: Iterable[ExtractedSentence]) -> list[ExtractedSentence]:
    """The check-worthy sentences, each normalized text once (its first occurrence)."""
    seen: set[str] = set()
    claims = []
    for sentence in sentences:
        if not sentence.checkworthy:
            continue
        key = normalize_claim_text(sentence.text)
        if key in seen:
            continue
        seen.add(key)
        claims.append(sentence)
    return claims
