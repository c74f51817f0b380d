"""Which claimant a claimant string names: pure Python, no database, no Django.

Two steps, so the database is asked only by index:

* :func:`read` turns what extraction gives (the claimant's name, its role, the sourcing)
  into a :class:`Reading`: the kind (person, organization, anonymous), the exact alias
  ``key`` and, for the careful match, a person's ``surname`` and ``given`` name, an
  organisation's ``initials`` or whether the name is an acronym.
* :func:`decide` takes that reading and the known claimants the service fetched by those
  keys (:class:`Candidate`) and says what to do (:class:`Decision`): ``link`` to one of
  them, ``suggest`` some for the desk to accept (never linked silently), ``new`` (no known
  claimant: make one), or ``none`` (nothing to link: a pronoun, a generic "the ministry").

The rules, in order:

1. **Exact alias**: the reading's key (case, accents, punctuation, titles such as Mr./Dr./
   Sen., a leading "the", a possessive "'s" and role words removed) is one of a claimant's
   aliases.
2. **Anonymous descriptions** ("EU sources", "an EU official", "diplomats familiar with the
   talks") are keyed by what they say of the source (:func:`anonymous_key`: "eu source",
   "eu official", "diplomat familiar") and only ever meet other anonymous descriptions: a
   named person or organisation is never linked to, nor suggested for, an anonymous one.
3. **Careful match, persons**: the same surname ("von der Leyen") and no conflicting given
   name, plus one of: the same given name or its initial ("U. von der Leyen"), a role that
   shares a word with one seen for that claimant ("Commission President von der Leyen"),
   or the claimant already named in the same article. One such claimant: linked. Several,
   or a surname alone with nothing else to go on: suggested.
4. **Careful match, organisations**: an acronym and a full name whose initials it is
   ("NATO" / "the North Atlantic Treaty Organization"). One such claimant: linked; several:
   suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


PERSON, ORGANIZATION, ANONYMOUS = "person", "organization", "anonymous"
ANONYMOUS_PREFIX = "anon:"

LINK, SUGGEST, NEW, NONE = "link", "suggest", "new", "none"
ACTIONS = (LINK, NEW, SUGGEST, NONE)

# Titles and role words: never part of a name ("Commission President von der Leyen",
# "NATO Secretary General Mark Rutte"). Compared case-folded, without a final period.
_TITLES = _set("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sheikh
    sen senator rep representative congressman congresswoman gov governor mayor
    president pres vice deputy prime minister chancellor premier secretary general
    commissioner commission director chief executive officer ceo cfo coo chair chairman
    chairwoman chairperson spokesman spokeswoman spokesperson spokesmen envoy special
    ambassador foreign defence defense finance interior economy trade health justice
    attorney judge justice speaker leader king queen prince princess pope emperor
    lt col gen capt adm sgt maj cmdr brig lieutenant colonel captain admiral sergeant
    major commander head founder co-founder cofounder adviser advisor analyst economist
    professor researcher spokesperson minister-president state federal
    """)
# Forms of address: neither name nor role ("Mr. Trump" has no role).
_HONORIFICS = _set("mr mrs ms miss mx dr sir dame lord lady rev")
# Lower-case words inside a personal name ("Ursula von der Leyen", "Ana de la Cruz").
_PARTICLES = _set("al bin bint da das de del della der di do dos du el ibn la le ter ten van von y")
# Words that make a name an organisation's ("the Health Ministry", "Human Rights Watch").
_ORGANIZATION_WORDS = _set("""
    ministry department agency authority office government administration council commission
    committee parliament congress senate assembly court tribunal police army navy military
    forces command embassy secretariat cabinet kremlin pentagon house palace company
    corporation corp inc ltd llc plc gmbh ag sa group holdings bank fund foundation trust
    university college school hospital institute center centre organization organisation
    association society union party league federation alliance coalition movement board
    bureau service services network news press times post journal media radio television tv
    watch international airlines airways technologies systems laboratories labs
    pharmaceuticals reuters afp ap nations motors inc. ministries
    """)
# The nouns an anonymous description is made of ("EU sources", "a senior official").
_ANONYMOUS_NOUNS = {
    "source": "source",
    "sources": "source",
    "official": "official",
    "officials": "official",
    "diplomat": "diplomat",
    "diplomats": "diplomat",
    "person": "person",
    "persons": "person",
    "people": "person",
    "insider": "insider",
    "insiders": "insider",
    "aide": "aide",
    "aides": "aide",
    "staffer": "staffer",
    "staffers": "staffer",
    "negotiator": "negotiator",
    "negotiators": "negotiator",
    "lawmaker": "lawmaker",
    "lawmakers": "lawmaker",
    "employee": "employee",
    "employees": "employee",
    "executive": "executive",
    "executives": "executive",
    "banker": "banker",
    "bankers": "banker",
    "member": "member",
    "members": "member",
    "adviser": "adviser",
    "advisers": "adviser",
    "advisor": "adviser",
    "advisors": "adviser",
}
# Words an anonymous description drops: how many, how senior, how unnamed.
_ANONYMOUS_NOISE = _set("""
    a an the one two three four five several some many other another more few various
    senior high-ranking high ranking top unnamed anonymous unidentified current former
    knowledgeable informed well-placed well placed multiple numerous both
    """)
# Where an anonymous description's tail starts, and what it becomes ("familiar with the
# matter" -> "familiar"; "who spoke on condition of anonymity" -> nothing).
_ANONYMOUS_TAILS = (
    (re.compile(r"\b(?:familiar|acquainted) with\b.*$"), " familiar"),
    (re.compile(r"\bwith (?:direct )?knowledge of\b.*$"), " familiar"),
    (re.compile(r"\bbriefed on\b.*$"), " familiar"),
    (re.compile(r"\b(?:who|speaking|talking|on condition|requesting|asking)\b.*$"), ""),
)
# An affiliation said several ways ("European", "EU", "European Union").
_AFFILIATIONS = (
    (re.compile(r"\beuropean union\b|\beuropean\b|\be\.u\.?\b"), "eu"),
    (re.compile(r"\bu\.s\.?\b|\bunited states\b|\bamerican\b|\bus\b"), "us"),
    (re.compile(r"\bu\.k\.?\b|\bbritish\b|\bunited kingdom\b|\buk\b"), "uk"),
    (re.compile(r"\bu\.n\.?\b|\bunited nations\b"), "un"),
)
# Pronouns and bare generic words: nothing to link ("he", "it", "the company").
_PRONOUNS = _set("he she it they we i you him her them who this that")
# Words skipped when a full name is turned into its initials ("Organisation for Economic
# Co-operation and Development" -> OECD).
_JOINERS = _set("of for and the on in at to & de des du")
_WORD = re.compile(r"[^\W_][\w'’.\-]*", re.UNICODE)
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z.&]{1,9})\)")


@dataclass(frozen=True)
class Reading:
    """What a claimant string says, read without the database."""

    kind: str
    # The name as it is displayed (titles and role words removed, original case).
    name: str
    # The exact alias key (:func:`alias_key`; ``anon:...`` for an anonymous description).
    key: str
    # Role words split off the name, and any role extraction gave ("transport director").
    role: str = ""
    # A person's surname key ("von der leyen") and given-name key ("ursula"; "u" for an
    # initial; "" when the string names the surname only).
    surname: str = ""
    given: str = ""
    # An organisation: the initials of a name of two or more words ("nato"), whether the
    # name is itself an acronym, and more keys it goes by ("IAEA" in "... Agency (IAEA)").
    initials: str = ""
    is_acronym: bool = False
    other_keys: tuple[str, ...] = ()
    # The kind is a guess (one capitalised word, no role: "Palantir" or "Medvedev").
    kind_uncertain: bool = False
    # A lower-case description with no name ("the ministry"): no claimant of its own.
    generic: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.other_keys)


@dataclass(frozen=True)
class Alias:
    """One alias of a known claimant, as stored (``ClaimantAlias``)."""

    key: str
    surname: str = ""
    given: str = ""
    initials: str = ""
    is_acronym: bool = False


@dataclass(frozen=True)
class Candidate:
    """A known claimant the service fetched for a reading."""

    id: int
    kind: str
    aliases: tuple[Alias, ...]
    # Role keys seen for it (:func:`role_words` of each role).
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    action: str  # LINK, SUGGEST, NEW or NONE
    claimant_id: int | None = None
    suggestions: tuple[int, ...] = ()
    # Why, in a word: exact, surname+given, surname+role, surname+article, acronym, ...
    reason: str = ""
    reading: Reading | None = field(default=None, compare=False)


# --- normalisation -----------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-folded, accents removed, curly quotes straightened, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(text.casefold().split())


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "s'", "s’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + ("s" if suffix.startswith("s") else "")
    return word.rstrip("'’")


def _key_word(word: str) -> str:
    word = fold(_strip_possessive(word))
    return re.sub(r"[^\w\-]", "", word.replace(".", "")).strip("-")


def alias_key(name: str) -> str:
    """The exact-match key of a named claimant: folded, possessive and punctuation gone,
    a leading "the" and forms of address dropped ("Dr. Jane Smith" -> "jane smith", "the
    European Commission's" -> "european commission"). Role words are split off by
    :func:`read` before (a title is not part of a person's name)."""
    words = [_key_word(w) for w in _WORD.findall(name)]
    words = [w for w in words if w]
    while words and (words[0] == "the" or words[0] in _HONORIFICS):
        words.pop(0)
    return " ".join(words)


def role_words(role: str) -> str:
    """The content words of a role, folded and in order ("the Commission's President" ->
    "commission president"); compared word by word for a careful match."""
    words = [_key_word(w) for w in _WORD.findall(role)]
    stop = _JOINERS | _HONORIFICS | {"a", "an", "s", "its", "his", "her", "their"}
    return " ".join(w for w in words if w and w not in stop)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _is_name_word(word: str) -> bool:
    # A capitalised word of a personal name ("Ines", "O'Brien", "Jean-Luc", "J.").
    if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", word):
        return word[0].isupper()
    return (
        word[0].isupper()
        and any(c.islower() for c in word)
        and all(c.isalpha() or c in "-'’." for c in word)
    )


def initials(name: str) -> str:
    """The initials of a name of two or more significant words, lower-case ("North
    Atlantic Treaty Organization" -> "nato"); "" for a shorter name."""
    words = [w for w in _WORD.findall(name) if fold(w) not in _JOINERS]
    parts: list[str] = []
    for word in words:
        # "Co-operation" gives one letter, as the acronym spells it (OECD).
        letter = fold(word)[:1]
        if letter.isalpha():
            parts.append(letter)
    return "".join(parts) if len(parts) >= 2 else ""


# --- anonymous descriptions --------------------------------------------------------------


def anonymous_key(description: str) -> str:
    """What an anonymous description says of its source, as a key: "EU sources" and "an
    EU source" -> "anon:eu source"; "a senior European diplomat" -> "anon:eu diplomat";
    "people familiar with the matter" -> "anon:person familiar"."""
    text = fold(description)
    text = re.sub(r"^according to\s+", "", text)
    for pattern, replacement in _ANONYMOUS_TAILS:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _AFFILIATIONS:
        text = pattern.sub(replacement, text)
    words = []
    for raw in text.replace(",", " ").split():
        word = _key_word(raw)
        if not word or word in _ANONYMOUS_NOISE or word.isdigit():
            continue
        words.append(_ANONYMOUS_NOUNS.get(word, word))
    return ANONYMOUS_PREFIX + " ".join(words) if words else ""


def looks_anonymous(name: str) -> bool:
    """Whether a claimant string is an unnamed description: one of the anonymous nouns with
    no personal name after it ("EU sources", "a White House official", "people familiar with
    the talks"; not "official Jane Doe", not "Sources Inc")."""
    head = re.split(r"\b(?:familiar|acquainted|with|who|briefed|speaking|close)\b", name)[0]
    words = _WORD.findall(head)
    if not words:
        return False
    nouns = [i for i, w in enumerate(words) if fold(_strip_possessive(w)) in _ANONYMOUS_NOUNS]
    if not nouns:
        return False
    after = words[nouns[-1] + 1 :]
    if any(_is_name_word(w) for w in after):
        return False  # "official Jane Doe": a name follows
    before = [fold(w) for w in words[: nouns[-1]]]
    # A noun naming a body ("Ministry sources" is anonymous; "Sources Inc" is not).
    return not any(w in {"inc", "ltd", "llc", "plc"} for w in before + [fold(w) for w in after])


# --- reading a claimant string -----------------------------------------------------------


def read(name: str, role: str = "", sourcing: str = "") -> Reading | None:
    """Read a claimant: ``name`` as extraction gives it (or any string a person typed:
    titles, roles, possessives and acronyms are handled), ``role`` extraction's claimant
    role, ``sourcing`` the claim's (``anonymous`` makes it an anonymous description).
    None when there is nothing to link (empty, a pronoun)."""
    name = " ".join((name or "").split()).strip(" ,;:.\"'“”")
    role = " ".join((role or "").split())
    if not name or fold(name) in _PRONOUNS:
        return None
    if sourcing == ANONYMOUS or looks_anonymous(name):
        key = anonymous_key(name)
        return Reading(kind=ANONYMOUS, name=name, key=key, role=role) if key else None
    # "Mark Rutte, NATO's secretary general": the appositive is a role.
    # "The CEO of Palantir, Alex Karp": the name is the part that is only a name.
    if "," in name:
        head, tail = (part.strip() for part in name.split(",", 1))
        if _is_pure_name(tail) and not _is_pure_name(head):
            head, tail = tail, head
        if _WORD.findall(head):
            name, role = head, " ".join(p for p in (tail, role) if p)
    paren = _PAREN_ACRONYM.search(name)
    other_keys: tuple[str, ...] = ()
    if paren:
        other_keys = (alias_key(paren.group(1)),)
        name = (name[: paren.start()] + name[paren.end() :]).strip()
    spokes = _spokesperson_for(name)
    if spokes:
        return _organization(spokes, " ".join(p for p in ("spokesperson", role) if p), other_keys)
    words = _WORD.findall(name)
    if not words:
        return None
    if len(words) == 1 and _is_acronym(words[0]):
        return _organization(name, role, other_keys)
    # The personal name: the trailing run of capitalised words (particles allowed inside);
    # the words before it are the role ("US envoy Steve Witkoff").
    run: list[str] = []
    for word in reversed(words):
        bare = _strip_possessive(word)
        folded = fold(bare).rstrip(".")
        if _is_title(folded) or _is_acronym(bare):
            break
        if _is_name_word(bare) or (run and folded in _PARTICLES):
            run.insert(0, bare)
        else:
            break
    before = fold(words[len(words) - len(run) - 1]) if 0 < len(run) < len(words) else ""
    # "... Co-operation and Development", "Bank of England": a body's name, not a person's.
    if not run or _is_organization(run) or before in _JOINERS or fold(run[0]) == "the":
        if all(w[:1].islower() for w in words):
            return Reading(
                kind=ORGANIZATION, name=name, key=alias_key(name), role=role, generic=True
            )
        return _organization(name, role, other_keys)
    role_part = " ".join(
        w for w in words[: len(words) - len(run)] if fold(w).rstrip(".") not in _HONORIFICS
    )
    role = " ".join(p for p in (role_part, role) if p)
    surname, given = _surname_given(run)
    capitalised = [w for w in run if fold(w) not in _PARTICLES]
    display = " ".join(run)
    return Reading(
        kind=PERSON,
        name=display,
        key=alias_key(display),
        role=role,
        surname=surname,
        given=given,
        kind_uncertain=len(capitalised) == 1 and not role,
    )


_SPOKES = r"spokes(?:person|man|woman|people|men|women)"
_SPOKESPERSON = (
    re.compile(rf"^(?:(?:an?|the)\s+)?(?P<body>.+?)'?s?\s+{_SPOKES}$", re.IGNORECASE),
    re.compile(rf"^(?:(?:an?|the)\s+)?{_SPOKES}\s+(?:for|of|at)\s+(?P<body>.+)$", re.IGNORECASE),
)


def _spokesperson_for(name: str) -> str:
    """The body an unnamed spokesperson speaks for ("a State Department spokesperson",
    "a spokeswoman for Palantir"), or ""."""
    for pattern in _SPOKESPERSON:
        match = pattern.match(name)
        if match:
            return match.group("body").strip()
    return ""


def _is_title(folded: str) -> bool:
    # "director-general", "secretary-general": a title if any part is one.
    return folded in _TITLES or any(part in _TITLES for part in folded.split("-"))


def _is_pure_name(text: str) -> bool:
    """Whether ``text`` is a personal name and nothing else ("Alex Karp", "Ursula von der
    Leyen"; not "CEO of Palantir", not "Human Rights Watch")."""
    words = [_strip_possessive(w) for w in _WORD.findall(text)]
    names = [w for w in words if _is_name_word(w)]
    return (
        bool(names)
        and all(_is_name_word(w) or fold(w) in _PARTICLES for w in words)
        and not any(_is_title(fold(w).rstrip(".")) for w in words)
        and not _is_organization(words)
    )


def _is_organization(words: list[str]) -> bool:
    folded = [fold(_strip_possessive(w)) for w in words]
    return any(w in _ORGANIZATION_WORDS for w in folded)


def _organization(name: str, role: str, other_keys: tuple[str, ...]) -> Reading:
    words = _WORD.findall(name)
    while words and fold(words[0]) == "the":
        words.pop(0)
    display = " ".join(
        _strip_possessive(w) if i == len(words) - 1 else w for i, w in enumerate(words)
    )
    acronym = len(words) == 1 and _is_acronym(words[0])
    generic = all(w[:1].islower() for w in words)
    return Reading(
        kind=ORGANIZATION,
        name=display,
        key=alias_key(display),
        role=role,
        initials="" if acronym else initials(display),
        is_acronym=acronym,
        other_keys=tuple(k for k in other_keys if k and k != alias_key(display)),
        generic=generic,
    )


def _surname_given(run: list[str]) -> tuple[str, str]:
    """("von der leyen", "ursula") for "Ursula von der Leyen"; ("leyen"...) never: the
    particles before the last word belong to the surname. The given name is the first
    word's key ("u" for "U."); "" when the run is the surname alone."""
    last = len(run) - 1
    start = last
    while start > 0 and fold(run[start - 1]) in _PARTICLES:
        start -= 1
    surname = " ".join(_key_word(w) for w in run[start:])
    given = _key_word(run[0]) if start > 0 else ""
    return surname, given


# --- deciding ----------------------------------------------------------------------------


def decide(
    reading: Reading | None,
    candidates: Iterable[Candidate],
    *,
    context: Iterable[int] = (),
) -> Decision:
    """What to do with ``reading`` given the known claimants the service fetched for it
    (those with an alias whose key is one of ``reading.keys``, whose surname is
    ``reading.surname``, or whose initials or acronym meet the reading's). ``context``: the
    claimants already named in the same article."""
    if reading is None:
        return Decision(NONE, reason="nothing to link")
    candidates = list(candidates)
    anonymous = reading.kind == ANONYMOUS
    # Anonymous descriptions only ever meet anonymous claimants, and named ones named ones.
    candidates = [c for c in candidates if (c.kind == ANONYMOUS) == anonymous]
    context = frozenset(context)
    if reading.kind == PERSON and not reading.given:
        # "Trump said", in an article that named Eric Trump: him, whatever the aliases say.
        named = {c.id for c in candidates if c.id in context and _has_surname(c, reading)}
        if len(named) == 1:
            return Decision(LINK, named.pop(), reason="surname+article", reading=reading)
    for candidate in candidates:
        if any(alias.key in reading.keys for alias in candidate.aliases):
            return Decision(LINK, candidate.id, reason="exact", reading=reading)
    if anonymous:
        return Decision(NEW, reason="new description", reading=reading)
    if reading.generic:
        return Decision(NONE, reason="generic description", reading=reading)
    if reading.kind == PERSON:
        return _decide_person(reading, candidates, context)
    return _decide_organization(reading, candidates)


def _decide_person(reading: Reading, candidates: list[Candidate], context: frozenset) -> Decision:
    possible: list[Candidate] = []
    strong: list[tuple[Candidate, str]] = []
    role = set(role_words(reading.role).split())
    for candidate in candidates:
        same = [a for a in candidate.aliases if a.surname and a.surname == reading.surname]
        if not same:
            continue
        givens = {a.given for a in same if a.given}
        if (
            reading.given
            and givens
            and not any(_given_compatible(reading.given, g) for g in givens)
        ):
            continue  # "Eric Trump" is not "Donald Trump"
        possible.append(candidate)
        seen = {w for r in candidate.roles for w in r.split()}
        if reading.given and any(_given_compatible(reading.given, g) for g in givens):
            strong.append((candidate, "surname+given"))
        elif candidate.id in context:
            strong.append((candidate, "surname+article"))
        elif role and role & seen:
            strong.append((candidate, "surname+role"))
    if len(possible) == 1 and len(strong) == 1:
        candidate, why = strong[0]
        return Decision(LINK, candidate.id, reason=why, reading=reading)
    if possible:
        ids = tuple(sorted(c.id for c in possible))
        return Decision(SUGGEST, suggestions=ids, reason="same surname", reading=reading)
    return Decision(NEW, reason="new name", reading=reading)


def _has_surname(candidate: Candidate, reading: Reading) -> bool:
    return any(a.surname and a.surname == reading.surname for a in candidate.aliases)


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) == 1 and long.startswith(short)


def _decide_organization(reading: Reading, candidates: list[Candidate]) -> Decision:
    matches = []
    for candidate in candidates:
        for alias in candidate.aliases:
            if reading.is_acronym and not alias.is_acronym and alias.initials == reading.key:
                matches.append(candidate)
                break
            if reading.initials and alias.is_acronym and alias.key == reading.initials:
                matches.append(candidate)
                break
    ids = tuple(sorted({c.id for c in matches}))
    if len(ids) == 1:
        return Decision(LINK, ids[0], reason="acronym", reading=reading)
    if ids:
        return Decision(SUGGEST, suggestions=ids, reason="acronym", reading=reading)
    return Decision(NEW, reason="new name", reading=reading)


def alias_of(reading: Reading, key: str | None = None) -> Alias:
    """The alias a reading gives its claimant (for ``key``, one of ``reading.keys``)."""
    key = key or reading.key
    if key != reading.key:  # a parenthesised acronym
        return Alias(key=key, is_acronym=True)
    return Alias(
        key=key,
        surname=reading.surname,
        given=reading.given,
        initials=reading.initials,
        is_acronym=reading.is_acronym,
    )
