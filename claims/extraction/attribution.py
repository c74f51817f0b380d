"""Who makes a claim, and how it is sourced.

:func:`attribute` finds the claimant of one sentence and classifies the sourcing:

* ``named``: a person or an organisation, including its spokesperson, report or data
  ("Steve Witkoff explained", "according to NATO figures", "the health ministry said");
* ``anonymous``: sources, officials, diplomats, people, critics... that are not named
  ("according to EU sources", "people briefed on the plan said", "critics say"), or anyone
  speaking "on condition of anonymity";
* ``unattributed``: nothing in the sentence attributes it (the outlet's own assertion).

The rules look for a speech or evidence verb ("said", "explained", "point out", "calling",
"found") and take the noun phrase before it (or after it, for inverted quotes: "said
Smith"), or the noun phrase after "according to". The phrase's head noun decides the kind:
a generic source noun makes it anonymous, an institution or a capitalised name makes it
named. Pronouns ("he said") are resolved to the last named person-like claimant when the
caller passes one. These are heuristics, tuned on no labelled data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


NAMED = "named"
ANONYMOUS = "anonymous"
UNATTRIBUTED = "unattributed"

# Nouns that stand for unnamed sources when they head the claimant phrase.
ANONYMOUS_HEADS = _words(
    """
    source sources official officials diplomat diplomats people person persons insider
    insiders critic critics analyst analysts expert experts observer observers aide
    aides someone residents resident witness witnesses opponents supporters sceptics
    skeptics many some others one members member officer officers lawmakers legislators
    negotiators negotiator staffers employees executives investors economists scientists
    researchers activists campaigners commentators voices colleague colleagues friend
    friends adviser advisers advisor advisors
    """
)
# Nouns that stand for a named institution or its output (report, data...).
INSTITUTION_HEADS = _words(
    """
    ministry government administration department agency office police court company
    firm group party commission committee council parliament congress senate house
    kremlin pentagon army military navy ministry spokesperson spokesman spokeswoman
    spokespeople report reports study studies survey surveys poll polls data figures
    statistics census statement analysis review audit bureau institute university
    organization organisation union bank fund authority authorities regulator
    prosecutors prosecutor prosecution cabinet presidency embassy mission alliance
    tribunal board foundation association network newspaper paper website document
    documents memo letter filing filings records estimates estimate index
    """
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
_PERSON_PRONOUNS = frozenset(("he", "she"))

# Verbs that introduce what someone said or wrote; any claimant may use them.
_SPEECH_VERBS = (
    r"said|says|say|saying|told|tells|tell|explained|explains|explain|noted|notes|note|"
    r"added|adds|argued|argues|argue|arguing|warned|warns|warn|warning|stated|"
    r"claimed|claim|insisted|insists|insist|announced|announces|announce|confirmed|confirms|"
    r"confirm|reported|wrote|writes|write|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|"
    r"acknowledged|acknowledges|admitted|admits|conceded|concedes|predicted|predicts|"
    r"estimated|estimates|suggested|suggests|believe|believes|believed|contend|contends|"
    r"contended|maintain|maintains|maintained|asserted|asserts|alleged|alleges|revealed|"
    r"reveals|declared|declares|observed|observes|recalled|recalls|calling|called|"
    r"described|describes|describing|told\s+reporters|pointed\s+out|points\s+out|point\s+out|"
    r"echoed|echoes|agreed|agrees|denied|denies|tweeted|posted|countered|replied|responded|"
    r"promised|promises|pledged|pledges|vowed|vows|expect|expects|fear|fears|feared|"
    r"accused|accuses|blamed|blames|testified|disclosed|projected|forecast"
)
# Verbs that introduce findings; only documents and data may use them ("the report found").
_EVIDENCE_VERBS = r"found|finds|find|show|shows|showed|shown|indicate|indicates|indicated"
_VERB_RE = re.compile(rf"\b(?:(?P<speech>{_SPEECH_VERBS})|(?P<evidence>{_EVIDENCE_VERBS}))\b")
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+", re.I)
_ANONYMITY_RE = re.compile(
    r"\b(?:on (?:the )?condition of anonymity|(?:declined|asked) not to be (?:named|identified)"
    r"|speaking anonymously|who (?:was|were) not authori[sz]ed to|unnamed|anonymous)\b",
    re.I,
)
# Words that end a backward walk from the verb: the claimant phrase starts after them.
_STOP_WORDS = _words(
    """
    that which who whom whose as while because despite although though since when if and
    but or so yet than after before where what how why also even still has have had is
    are was were be been will would could should may might can must not never this these
    those there here then now has it's its
    """
)
_CONNECTORS = _words(
    """
    of for at in on from with to the a an and de von van al
    """
)
_HEAD_BREAKERS = _words(
    """
    familiar close briefed with of at in from on for who involved knowledgeable aware
    privy inside within near to
    """
)
_TOKEN_RE = re.compile(r"[\w’'.&-]+|[^\w\s]")
_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.)+")


def _tokens(text: str) -> list[str]:
    """Word and punctuation tokens; a final period is split off unless it is "U.S." style."""
    out = []
    for tok in _TOKEN_RE.findall(text):
        if len(tok) > 1 and tok.endswith(".") and not _ACRONYM_RE.fullmatch(tok):
            out.append(tok.rstrip("."))
            out.append(".")
        else:
            out.append(tok)
    return out


_CLAUSE_PUNCT = frozenset(',;:()—–"“”?!.')
_MAX_PHRASE = 9


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str | None
    sourcing: str  # NAMED, ANONYMOUS or UNATTRIBUTED
    person_like: bool = False  # a named individual, usable to resolve "he"/"she" later


UNATTRIBUTED_RESULT = Attribution(None, UNATTRIBUTED)


def _head(words: list[str]) -> str:
    """The head noun of a claimant phrase: the last word before a post-modifier."""
    chunk: list[str] = []
    for w in words:
        # "sources familiar with", "figures published on": a post-modifier starts here.
        if chunk and (w.lower() in _HEAD_BREAKERS or (w.islower() and w.endswith("ed"))):
            break
        chunk.append(w)
    return chunk[-1] if chunk else ""


def _classify(words: list[str], sentence: str) -> Attribution | None:
    """Decide whether ``words`` is a plausible claimant phrase, and its kind."""
    if not words:
        return None
    phrase = " ".join(words).strip(" ,'’\"“”")
    head = _head(words).strip(".,'’\"“”")
    low = head.lower()
    if not head:
        return None
    anonymous_context = bool(_ANONYMITY_RE.search(sentence))
    if low in _PRONOUNS:
        if low in ("it", "we", "i"):
            return None
        return Attribution(low, ANONYMOUS if anonymous_context else NAMED, low in _PERSON_PRONOUNS)
    if low in ANONYMOUS_HEADS or (low.endswith("s") and low[:-1] in ANONYMOUS_HEADS):
        return Attribution(phrase, ANONYMOUS)
    if low in INSTITUTION_HEADS:
        return Attribution(phrase, ANONYMOUS if anonymous_context else NAMED)
    if head[:1].isupper() and head.lower() not in _STOP_WORDS and len(head) > 1:
        capitalised = [w for w in words if w[:1].isupper()]
        person_like = len(capitalised) >= 2 or len(words) == 1
        return Attribution(phrase, ANONYMOUS if anonymous_context else NAMED, person_like)
    return None


def _phrase_before(tokens: list[str], idx: int) -> list[str]:
    """Walk back from the verb at ``idx`` to the start of its subject phrase."""
    words: list[str] = []
    j = idx - 1
    while j >= 0 and len(words) < _MAX_PHRASE:
        tok = tokens[j]
        if tok in _CLAUSE_PUNCT:
            break
        if tok.lower() in _STOP_WORDS and not (words and tok.lower() == "the"):
            break
        words.insert(0, tok)
        j -= 1
    # Trim leading connectors ("of", "and") left from a cut-off phrase.
    while words and words[0].lower() in _CONNECTORS - {"the", "a", "an"}:
        words.pop(0)
    return words


def _phrase_after(tokens: list[str], idx: int) -> list[str]:
    words: list[str] = []
    j = idx
    while j < len(tokens) and len(words) < _MAX_PHRASE:
        tok = tokens[j]
        if tok in _CLAUSE_PUNCT or tok == "." or (tok.lower() in _STOP_WORDS and tok != "the"):
            break
        # "according to NATO figures published on Monday": keep the source, not the clause.
        if words and (tok.lower() in ("on", "during") or (tok.islower() and tok.endswith("ed"))):
            break
        words.append(tok)
        j += 1
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    return words


def attribute(sentence: str, previous: Attribution | None = None) -> Attribution:
    """The claimant and sourcing of one sentence.

    ``previous`` is the last person-like attribution in the article, used to resolve a
    pronoun claimant ("..., he said.").
    """
    result = _attribute(sentence)
    if (
        result.claimant in _PERSON_PRONOUNS
        and previous is not None
        and previous.person_like
        and result.sourcing == NAMED
    ):
        return previous
    return result


def _attribute(sentence: str) -> Attribution:
    # 1. "according to X": the clearest attribution there is.
    m = _ACCORDING_RE.search(sentence)
    if m:
        tokens = _tokens(sentence[m.end() :])
        found = _classify(_phrase_after(tokens, 0), sentence)
        if found:
            return found
    tokens = _tokens(sentence)
    lowered = [t.lower() for t in tokens]
    joined_positions = _verb_positions(lowered)
    for idx, kind in joined_positions:
        verb = lowered[idx]
        nxt = lowered[idx + 1] if idx + 1 < len(lowered) else ""
        if verb in ("calling", "called") and nxt in ("for", "on", "off", "in", "up", "it"):
            continue
        before = _phrase_before(tokens, idx)
        found = _classify(before, sentence) if before else None
        if found and verb in ("calling", "called") and _is_document(found.claimant or ""):
            found = None  # "a company called Acme" names something; nobody speaks
        if found and (kind == "speech" or (found.claimant and _is_document(found.claimant))):
            return found
        # Inverted attribution after a quote or comma: '"...," said Jane Smith.'
        if kind == "speech" and idx > 0 and tokens[idx - 1] in (",", "”", '"', "’", "'"):
            after = _phrase_after(tokens, idx + 1)
            found = _classify(after, sentence) if after else None
            if found and found.claimant not in _PRONOUNS:
                return found
    return UNATTRIBUTED_RESULT


def _is_document(claimant: str) -> bool:
    head = claimant.split()[-1].lower()
    return head in INSTITUTION_HEADS


def _verb_positions(lowered: list[str]) -> list[tuple[int, str]]:
    out = []
    for i, tok in enumerate(lowered):
        if tok in ("pointed", "points", "point") and i + 1 < len(lowered):
            if lowered[i + 1] == "out":
                out.append((i, "speech"))
            continue
        m = _VERB_RE.fullmatch(tok)
        if m:
            out.append((i, "speech" if m.group("speech") else "evidence"))
    return out
