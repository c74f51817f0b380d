"""The words a claimant string is read with: titles and role words, honorifics, name particles,
organisation words, anonymous nouns and tails.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
