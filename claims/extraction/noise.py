"""News noise: sentences a fact-check desk does not queue, however claim-like they read.

Wire copy is full of formulas that carry no checkable statement of their own. ``extract``
keeps their score but sets ``checkworthy`` to False when :func:`is_news_noise` says so.
The rules are written from newswire conventions, for news in general:

* **No comment.** "X declined to comment", "did not (immediately) respond to a request for
  comment", "could not be reached for comment", "were not immediately available for
  comment", "had no immediate comment", "did not return calls seeking comment".
* **Nothing known yet.** "It was not immediately clear whether ...", "Details were not
  immediately available", "X did not elaborate", "declined to say how ...".
* **Stamps and live-page furniture.** "Updated 14:32 GMT", "This story has been updated",
  "This is a developing story", "For the latest developments ..., all times EDT:",
  "The Latest on ...:".
* **Poll methodology.** "The poll was conducted Sept. 19-22 among 1,001 adults", "The
  sample is 834, with a margin of error of plus or minus 4 percentage points": when it was
  fielded, whom and how many it asked, its margin of error. A sentence that also gives a
  result ("Ruiz leads by 4 points, within the margin of error", "found that 52 percent ...")
  is left to the model.
* **Who reported it, with nothing reported.** "The report was first published by Reuters.",
  "Axios first reported the talks.", "Reuters could not independently verify the report.",
  "The claims could not be independently verified.", "The newspaper cited unnamed
  officials." A sentence that says what an outlet reported ("Reuters reported that 40
  people died", "according to Reuters, ...") is still a claim, and stays one.

A formula is noise only when it is the whole sentence: a subject, the formula, and a short
tail of time or circumstance ("on Tuesday", "when reached by phone", "citing company
policy"). A sentence that also carries a number, a "that" clause, "but", "which", or a
second predicate ("The company confirmed the cuts and declined to comment") says more than
the formula and is left to the model.
"""

from __future__ import annotations

import re

from .boilerplate import STAMP_RE

_NOT = (
    r"(?:(?:did|does|do|has|have|had|would|could|was|were|is|are|will)(?:\s+not|n[’']t)"
    r"|cannot|can[’']t|won[’']t)"
)
_ADV = r"(?:\s+(?:immediately|yet|publicly|independently|directly|further|formally|also))*"
_CONTACT = (
    r"(?:an?\s+|the\s+|multiple\s+|several\s+|repeated\s+|two\s+|three\s+)?"
    r"(?:(?:emailed|e-mailed|written|phone|telephone|voicemail|email|e-mail|text)\s+)?"
    r"(?:requests?|messages?|emails?|e-mails?|calls?|inquir(?:y|ies)|queries|questions)"
)
_PURPOSE = (
    r"(?:\s+(?:from|by)\s+[^,;]{1,40}?)?\s+(?:for|seeking|requesting|asking\s+for)\s+"
    r"(?:comment|comments|an?\s+interview|a\s+response|clarification|further\s+(?:comment|"
    r"details|information))"
)
_WH = r"(?:how|when|why|whether|what|where|which|who|whom|if)"

# Formulas that make a sentence noise when they are its predicate.
_FORMULA_RE = re.compile(
    "|".join(
        [
            # declined / refused to comment (and its kin)
            r"\b(?:declined|refused|has\s+declined|have\s+declined|had\s+declined)"
            r"(?:\s+(?:repeatedly|again|immediately|publicly))?\s+(?:to\s+)?"
            r"(?:comment(?:\s+(?:further|publicly))?|an?\s+interview|interviews?|"
            r"requests?\s+for\s+(?:comment|an?\s+interview)|to\s+be\s+interviewed|"
            r"be\s+interviewed|(?:to\s+)?elaborate|(?:to\s+)?discuss\s+(?:the\s+)?"
            r"(?:matter|case|issue|details|report|reports|allegations?|claims?|story)|"
            r"(?:to\s+)?(?:give|provide|offer)\s+(?:any\s+|further\s+|more\s+)?details|"
            r"(?:to\s+)?answer\s+questions|(?:to\s+)?respond\s+to\s+" + _CONTACT + r"|"
            r"(?:to\s+)?(?:say|specify|disclose|reveal)\s+" + _WH + r"\b)",
            # did not respond / reply / return ... for comment; did not comment
            rf"\b{_NOT}{_ADV}\s+(?:respond(?:ed)?|repl(?:y|ied)|answer(?:ed)?)\s+to\s+"
            + _CONTACT
            + _PURPOSE,
            rf"\b{_NOT}{_ADV}\s+return(?:ed)?\s+" + _CONTACT + r"(?:" + _PURPOSE + r")?",
            rf"\b{_NOT}{_ADV}\s+(?:comment(?:ed)?|elaborate[d]?|give\s+(?:any\s+|further\s+)?"
            r"details|provide\s+(?:any\s+|further\s+)?details)\b",
            rf"\b{_NOT}{_ADV}\s+(?:say|specify|disclose|explain)\s+" + _WH + r"\b",
            # could not be reached / were not available for comment
            rf"\b{_NOT}{_ADV}\s+(?:be\s+)?(?:immediately\s+)?(?:reached|contacted)\s+for\s+"
            r"(?:comment|an?\s+interview)",
            rf"\b{_NOT}{_ADV}\s+(?:be\s+)?(?:immediately\s+)?(?:available|reachable)\s+for\s+"
            r"(?:comment|an?\s+interview)",
            r"\b(?:was|were|is|are)\s+unavailable\s+for\s+comment",
            r"\b(?:had|has|have|offered|gave|issued|made)\s+no\s+(?:immediate\s+|further\s+)?"
            r"(?:comment|response)\b",
            r"\bno\s+(?:immediate\s+)?(?:comment|response)\s+(?:was|were)\s+"
            r"(?:immediately\s+)?(?:available|received|given|forthcoming)",
            r"\b(?:requests?|messages?|calls?|emails?|inquiries)\s+(?:for|seeking)\s+comment"
            r"\s+(?:was|were|went|have\s+gone|has\s+gone)\s+(?:not\s+)?"
            r"(?:returned|answered|unanswered|unreturned)",
            r"\b(?:does|do|did|would|will)\s+not\s+comment\s+on\s+(?:rumou?rs|speculation|"
            r"(?:ongoing|pending|active)\s+(?:investigations?|litigation|cases?|matters?)|"
            r"personnel\s+matters|individual\s+cases|market\s+rumou?rs)",
        ]
    ),
    re.I,
)
# Formulas that are noise only with nothing after them but time or means of contact:
# "Her lawyer could not immediately be reached." ("The village could not be reached by road"
# is news), "The embassy did not immediately respond."
_BARE_FORMULA_RE = re.compile(
    rf"\b{_NOT}(?:\s+be)?\s+(?:immediately|yet)(?:\s+be)?\s+(?:reached|contacted|available|"
    r"reachable|respond|responded|reply|replied|comment|commented)"
    rf"|\b{_NOT}\s+be\s+reached(?=\s+(?:by|via)\s+(?:phone|telephone|e-?mail|text|"
    r"reporters))"
    r"|\b(?:was|were|is|are)\s+unavailable",
    re.I,
)
_MEANS_RE = re.compile(
    r"\b(?:by|via|on)\s+(?:his\s+|her\s+|their\s+|a\s+)?(?:phone|telephone|cellphone|"
    r"e-?mail|text|reporters|the\s+\w+)\b",
    re.I,
)
# Sentences that are noise as a whole (matched from their start to their end).
_WHOLE_RES = [
    # "No comment," she said.
    re.compile(
        r"^no\s+comment[.,!]?[\"”]?(?:\s*,?\s*(?:[\w'’.-]+\s+){0,4}(?:said|says|replied|"
        r"told\s+\w+)(?:\s+[\w'’.-]+){0,4})?$",
        re.I,
    ),
    # Details were not immediately available. / No further details were given.
    re.compile(
        r"^(?:no\s+)?(?:further|other|more|additional)?\s*(?:details|information)\s+"
        r"(?:about|on|of)?[^,;]{0,40}?(?:was|were)\s+(?:not\s+)?(?:immediately\s+)?"
        r"(?:available|released|given|provided|disclosed)\b",
        re.I,
    ),
    # This story has been updated / is developing / will be updated; check back.
    re.compile(
        r"^(?:this|the)\s+(?:story|article|post|report|page|piece|file|item)\s+"
        r"(?:has\s+been|was|will\s+be|is\s+being|is|may\s+be)\s+(?:updated|corrected|"
        r"revised|amended|developing|refreshed)\b",
        re.I,
    ),
    re.compile(
        r"^(?:this\s+is\s+an?\s+(?:developing|breaking)(?:\s+news)?\s+(?:story|report|"
        r"update|situation)|check\s+back(?:\s+(?:later|soon))?\s+for|refresh\s+(?:this\s+"
        r"page\s+)?for|more\s+to\s+follow|stay\s+(?:with\s+us|tuned)\s+for|we\s+will\s+"
        r"update\s+this|(?:please\s+)?(?:check|come)\s+back\s+(?:later|soon|for))",
        re.I,
    ),
    # Live pages: "The Latest on ... (all times EDT):", "For the latest developments ...:"
    re.compile(
        r"\ball\s+times\s+(?:are\s+)?(?:(?-i:[A-Z]{2,4})|local|eastern|central|pacific|mountain)"
        r"\b[^()]{0,30}\)?\s*:?\s*$",
        re.I,
    ),
    re.compile(r"^The\s+Latest\s+on\b.*:\s*$"),
    re.compile(
        r"^(?:for|here\s+are|here\s+is|here['’]s|below\s+are|below\s+is|these\s+are|"
        r"follow|read|get|see)\s+(?:the\s+|our\s+)?(?:latest|live)(?:\s+(?:developments|"
        r"updates|news|coverage|blog))?\b.*(?::\s*$|\blive\b|\bupdates\b)",
        re.I,
    ),
    re.compile(
        r"^(?:here['’]s|here\s+is|this\s+is)\s+what\s+(?:we|you)\s+(?:know|need\s+to\s+know)"
        r"|^what\s+we\s+know(?:\s+so\s+far)?\s*[:.]?\s*$",
        re.I,
    ),
    # The report was first published by Reuters.
    re.compile(
        r"^(?:the|this|that|these|those|its|his|her|their|an\s+earlier|the\s+original)\s+"
        r"(?:[\w'’-]+\s+){0,2}?(?:report|reports|story|news|article|interview|account|"
        r"details|information|remarks|comments|video|footage|memo|letter|document|documents|"
        r"emails|statement|exchange|conversation|scoop|leak|findings|study|paper|research)\s+"
        r"(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:first\s+|originally\s+|earlier\s+"
        r"|previously\s+|initially\s+|also\s+)?(?:reported|published|broadcast|aired|carried|"
        r"posted|obtained|released|revealed|disclosed)\s+(?:first\s+|earlier\s+)?(?:by|in|on)"
        r"\s+[^,;:\"“”\d]{1,60}$",
        re.I,
    ),
    # Axios first reported the talks. / The newspaper reported on Tuesday.
    re.compile(
        r"^[^,;:\"“”\d]{1,60}?\s+(?:was\s+the\s+first\s+to\s+report|(?:had\s+|has\s+|have\s+)?"
        r"(?:first|originally|earlier|previously|initially)\s+reported|reported\s+(?:it\s+)?"
        r"(?:first|earlier))(?:\s+(?:the|this|that|those|these|its|his|her|their|it)"
        r"(?:\s+[^\s,;:\"“”\d]+){0,3})?$",
        re.I,
    ),
    re.compile(r"^[^,;:\"“”\d]{1,50}?\s+reported(?:\s+(?:it|this|that))?$", re.I),
    # Reuters could not independently verify the report. / The claims could not be verified.
    re.compile(
        r"^[^,;:\"“”\d]{1,80}?\s+(?:could\s+not|couldn't|cannot|can't|was\s+unable\s+to|were\s+"
        r"unable\s+to|has\s+been\s+unable\s+to|have\s+been\s+unable\s+to|was\s+not\s+able\s+to|"
        r"were\s+not\s+able\s+to|has\s+not\s+been\s+able\s+to|have\s+not\s+been\s+able\s+to)"
        r"(?:\s+(?:immediately|independently|yet|otherwise))*\s+(?:verify|confirm|corroborate|"
        r"authenticate)(?:\s+[^\s,;:\"“”\d]+){1,8}$",
        re.I,
    ),
    re.compile(
        r"^[^,;:\"“”\d]{1,80}?\s+(?:could\s+not|couldn't|cannot|can't|has\s+not|have\s+not)"
        r"(?:\s+(?:immediately|independently|yet|otherwise|be|been))+\s+(?:verified|"
        r"confirmed|corroborated|authenticated)(?:\s+(?:by\s+)?[^\s,;:\"“”\d]+){0,4}$",
        re.I,
    ),
    # The newspaper cited unnamed officials. / The report did not name its sources.
    re.compile(
        r"^(?:the|that|this|its|an\s+earlier)\s+(?:[\w'’-]+\s+){0,2}?(?:report|story|article|"
        r"newspaper|paper|outlet|magazine|network|broadcaster|agency|website|site|"
        r"publication)\s+(?:cited|quoted|did\s+not\s+name|didn't\s+name|did\s+not\s+identify|"
        r"didn't\s+identify|was\s+based\s+on|relied\s+on)\s+"
        r"(?!.*\b(?:saying|that|showing|who|suggesting|indicating)\b)(?:[^\s,;:\"“”\d]+\s*){1,10}$",
        re.I,
    ),
]
# "It was not immediately clear whether anyone was hurt." (nothing after it but the question)
_UNCLEAR_RE = re.compile(
    r"^it(?:\s+|['’]s\s+)(?:(?:was|is|remains|remained)\s+)?(?:still\s+|also\s+)?(?:not|un)"
    r"(?:\s+immediately)?\s*clear\s+" + _WH + r"\b",
    re.I,
)
_CONTRAST_RE = re.compile(
    r"\b(?:but|however|although|though|yet|while|whereas|except|because|since|so|that)\b|;|:"
    r"|\s[-–—]\s|--|—|\d",
    re.I,
)
# "O'Malley's move was first reported by MSNBC.", "The Tennessean first reported the
# decision on Sunday.": where a story came from, not what it says.
_FIRST_REPORTED_RE = re.compile(
    r"^(?P<head>[^,;:\"“”\d]{1,80}?)\s+(?:was|were|had\s+been|has\s+been)\s+(?:first|originally"
    r"|initially)\s+(?:reported|published|broadcast|disclosed|revealed)\s+(?:by|in|on)\s+"
    r"(?P<tail>[^,;:\"“”\d]{1,60})$"
    r"|^(?P<head2>[^,;:\"“”\d]{1,60}?)\s+(?:was\s+the\s+first\s+to\s+report|(?:had\s+|has\s+)?"
    r"(?:first|originally|initially)\s+reported)(?P<tail2>(?:\s+[^\s,;:\"“”\d]+){0,8})$",
    re.I,
)
# A tail of time or circumstance after the formula, removed before judging what is left.
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CIRCUMSTANCE_RE = re.compile(
    r"\b(?:on|by|before|at|as\s+of|until|late|early|since)?\s*(?:"
    rf"{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
    r"|\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)|\d{1,2}:\d{2}(?:\s*[A-Z]{2,4})?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?"
    r")|\bwhen\s+(?:reached|contacted|asked|approached|called|emailed|visited)\b"
    r"(?:\s+(?:by|on|at|via)\s+(?:\w+\s*){1,3})?|\bciting\s+(?:\w+\s*){1,5}",
    re.I,
)
# Words that show a sentence says more than its formula.
_MORE_RE = re.compile(
    r"\b(?:but|however|although|though|while|whereas|which|saying|said|says|told|adding|"
    r"added|according|because|despite|showing|suggesting|indicating|that|yet|instead)\b|;|\d",
    re.I,
)
_SPEECH_RE = re.compile(r"\b(?:said|says|told\s+\w+|according\s+to)(?:\s+that)?\b", re.I)
# A subject that holds a clause of its own ("X has not endorsed anyone, and his spokesman").
_CLAUSE_HEAD_RE = re.compile(
    r",\s*and\b|\b(?:has|have|had|is|are|was|were|will|would|did|does|do)\b", re.I
)
_MAX_HEAD_WORDS = 25
# The comment formulas need a refusal or a negation.
_FORMULA_KEYWORDS = ("declin", "refus", "not", "n't", "n’t", "no ", "unavailab")
# Every rule above needs one of these words; a sentence without any is not looked at further.
_KEYWORDS_SPEC = """
    comment respon repl return reach contact availab interview elaborat declin refus detail
    say specify disclos explain reveal answer clear information updat correct revis amend
    develop refresh back follow stay times latest live know report publish broadcast aired
    carried posted obtained released verif confirm corroborat authentic cited quoted name
    identif based relied
"""
_KEYWORDS = tuple(_KEYWORDS_SPEC.split())
_MAX_TAIL_WORDS = 12


_POLL_METHOD_RE = re.compile(
    r"\bmargins?\s+of\s+(?:sampling\s+)?error\b"
    r"|\b(?:poll|survey|sample)s?\b[^.;]{0,80}?\b(?:was|were|is|are)\s+(?:conducted|fielded|"
    r"taken|carried\s+out|weighted)\b"
    r"|\b(?:surveyed|interviewed|polled|surveying|interviewing|polling)\s+(?:an?\s+"
    r"(?:random|representative|national|nationally\s+representative)\s+sample\s+of\s+)?"
    r"[\d,]+\s+(?:\w+\s+)?(?:adults|voters|people|respondents|residents|households|"
    r"Americans|Britons)\b"
    r"|\bsample\s+(?:size\s+)?(?:is|was|of)\s+[\d,]+",
    re.I,
)
# What makes a methodology sentence report a result as well.
_POLL_RESULT_RE = re.compile(
    r"%|\bper\s*cent\b|\bpercent\b(?!age\s+points?\b)|\b(?:found|finds|find|shows?|showed|"
    r"showing|suggests?|leads?|led|leading|trails?|trailed|ahead|behind|tied|support(?:s|ed)?|"
    r"backs?|backed|favou?rs?|approve[sd]?|disapprove[sd]?|oppose[sd]?|said|say|says|"
    r"thinks?|believe[sd]?|gains?|gained|lost|dropped|fell|rose)\b",
    re.I,
)
# "plus or minus 4 percentage points", "of 3.5 points": the margin's own figure.
_MARGIN_FIGURE_RE = re.compile(
    r"(?:\bof\s+)?(?:plus\s+or\s+minus\s+|\+/-\s*|±\s*)?[\d.]+\s*"
    r"(?:percentage\s+points?|points?|%|per\s*cent|percent)",
    re.I,
)


def is_poll_methodology(body: str) -> bool:
    """Whether the sentence only says how a poll was taken (see the module docstring)."""
    if not _POLL_METHOD_RE.search(body):
        return False
    rest = _MARGIN_FIGURE_RE.sub(" ", body)
    return not _POLL_RESULT_RE.search(rest)


def is_news_noise(sentence: str) -> bool:
    """Whether ``sentence`` is a newswire formula that a desk never checks (see the module
    docstring for the rules)."""
    text = sentence.strip().strip("\"'“”‘’").strip()
    if not text or len(text) > 400:
        return False
    body = text.rstrip(".!?…").strip()
    if STAMP_RE.fullmatch(text):
        return True
    if is_poll_methodology(body):
        return True
    low = body.lower()
    if not any(key in low for key in _KEYWORDS):
        return False  # no rule can match: most sentences stop here
    if any(rx.search(body) for rx in _WHOLE_RES):
        return True
    unclear = _UNCLEAR_RE.search(body)
    if unclear and len(body.split()) <= 30 and not _CONTRAST_RE.search(body, unclear.end()):
        return True
    reported = _FIRST_REPORTED_RE.search(body)
    if reported and _provenance_only(reported):
        return True
    if not any(key in low for key in _FORMULA_KEYWORDS):
        return False
    match = _FORMULA_RE.search(body)
    if match is not None and _only_formula(body, match):
        return True
    match = _BARE_FORMULA_RE.search(body)
    if match is None:
        return False
    tail = _MEANS_RE.sub(" ", _CIRCUMSTANCE_RE.sub(" ", body[match.end() :]))
    return not tail.strip() and _only_formula(body[: match.end()], match)


def _provenance_only(match: re.Match) -> bool:
    head = match.group("head") or match.group("head2") or ""
    tail = _CIRCUMSTANCE_RE.sub(" ", match.group("tail") or match.group("tail2") or "")
    if _CLAUSE_HEAD_RE.search(head) or _MORE_RE.search(head) or _MORE_RE.search(tail):
        return False
    return len(tail.split()) <= (8 if match.group("tail") else 4)


def _only_formula(body: str, match: re.Match) -> bool:
    """The sentence is its subject, the formula and a short tail of circumstance."""
    head, tail = body[: match.start()], body[match.end() :]
    if len(head.split()) > _MAX_HEAD_WORDS:
        return False
    if re.search(r"\b(?:and|but|or)\s*$", head) or _CLAUSE_HEAD_RE.search(head):
        return False  # "The company confirmed the cuts and declined to comment"
    speech = _SPEECH_RE.search(head)
    if speech and len(head[speech.end() :].split()) > 4:
        return False  # "X said 40 soldiers died and the ministry had no comment"
    if _MORE_RE.search(_SPEECH_RE.sub(" ", head)):
        return False
    tail = _CIRCUMSTANCE_RE.sub(" ", tail)
    if len(tail.split()) > _MAX_TAIL_WORDS:
        return False
    return not _MORE_RE.search(tail)
