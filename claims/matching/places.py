"""Names that stand for the same actor in news copy: a country, its people, its capital.

"London and Paris agreed", "Britain and France agreed" and "British and French ministers
agreed" report the same actors: the capital stands for the government, the demonym for the
country. The conflict detectors read a name as mentioned by the other claim when any name of
its group is there, so such a pair is not an entity conflict; "France" against "Germany"
still is. A place inside a country ("an attack in Paris" / "an attack in France") is treated
the same way: for "is this the same claim" the country-level reading is the safe one.

Written from general knowledge. Lower case, accents folded (``fold``); multi-word names are
written with single spaces and matched as consecutive tokens. The canonical alias names of
``normalize.ALIASES`` (``usa``, ``uk``, ``eu``, ``russia``...) are the group keys where they
exist, since those tokens are what ``analyze`` produces.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# group key: other names (demonyms, capitals, seats of government, institutions)
GROUPS: dict[str, tuple[str, ...]] = {
    "usa": ("washington", "white house", "pentagon", "americans"),
    "uk": ("london", "downing street", "whitehall", "westminster", "number 10", "no 10",
           "britons", "england", "english", "scotland", "scottish", "wales", "welsh"),
    # The EU and the institutions that speak for it (the Commission, the Council, the
    # Parliament and its MEPs), its seats, "the bloc" as news copy calls it. Not its court
    # nor its central bank: "the ECB" against "the EU" is another actor.
    "eu": ("european", "europeans", "brussels", "commission", "european commission",
           "european council", "council of the eu", "european parliament", "meps", "mep",
           "strasbourg", "eurozone", "euro zone", "euro area", "bloc"),
    "un": ("security council", "general assembly", "unsc"),
    "nato": ("north atlantic alliance", "atlantic alliance", "the alliance"),
    # Central banks by their short names ("the Fed"); other acronyms are read as such.
    "federal reserve": ("fed", "federal reserve board"),
    # Federal bodies news copy names by their initials or without "US" (round 8).
    "usps": ("postal service", "usa postal service", "united states postal service"),
    # Parties by the names news copy gives them (no places: ``kinds._NOT_PLACES``).
    "conservatives": ("conservative", "conservative party", "tory", "tories"),
    "republicans": ("republican", "republican party", "gop"),
    # Not places, the same device: one measure or unit under two names.
    "gdp": ("economic output", "gross domestic product"),
    "celsius": ("c", "centigrade"),
    "fahrenheit": ("f",),
    "russia": ("moscow", "kremlin", "russians", "duma"),
    "ukraine": ("kyiv", "ukrainians"),
    "china": ("beijing",),
    "france": ("french", "paris", "elysee", "elysee palace"),
    "germany": ("german", "germans", "berlin", "bundestag"),
    "italy": ("italian", "italians", "rome"),
    "spain": ("spanish", "madrid"),
    "portugal": ("portuguese", "lisbon"),
    "netherlands": ("dutch", "amsterdam", "the hague", "holland"),
    "belgium": ("belgian",),
    "poland": ("polish", "warsaw"),
    "hungary": ("hungarian", "budapest"),
    "austria": ("austrian", "vienna"),
    "switzerland": ("swiss", "bern", "berne"),
    "sweden": ("swedish", "stockholm"),
    "norway": ("norwegian", "oslo"),
    "denmark": ("danish", "copenhagen"),
    "finland": ("finnish", "helsinki"),
    "ireland": ("irish", "dublin"),
    "greece": ("greek", "athens"),
    "turkey": ("turkish", "ankara", "turkiye"),
    "romania": ("romanian", "bucharest"),
    "bulgaria": ("bulgarian", "sofia"),
    "serbia": ("serbian", "belgrade"),
    "czech": ("czechia", "prague"),
    "slovakia": ("slovak", "bratislava"),
    "belarus": ("belarusian", "minsk"),
    "moldova": ("moldovan", "chisinau"),
    "georgia": ("georgian", "tbilisi"),
    "israel": ("israeli", "israelis", "jerusalem", "tel aviv", "knesset"),
    "iran": ("iranian", "tehran"),
    "iraq": ("iraqi", "baghdad"),
    "syria": ("syrian", "damascus"),
    "lebanon": ("lebanese", "beirut"),
    "jordan": ("jordanian", "amman"),
    "egypt": ("egyptian", "cairo"),
    "saudi arabia": ("saudi", "riyadh"),
    "qatar": ("qatari", "doha"),
    "united arab emirates": ("uae", "emirates", "emirati", "emiratis", "abu dhabi"),
    "bahrain": ("bahraini", "manama"),
    "kuwait": ("kuwaiti",),
    "oman": ("omani", "muscat"),
    "yemen": ("yemeni", "sanaa"),
    "afghanistan": ("afghan", "kabul"),
    "pakistan": ("pakistani", "islamabad"),
    "india": ("indian", "new delhi", "delhi"),
    "bangladesh": ("bangladeshi", "dhaka"),
    "sri lanka": ("sri lankan", "colombo"),
    "japan": ("japanese", "tokyo"),
    "south korea": ("south korean", "seoul"),
    "north korea": ("north korean", "pyongyang"),
    "taiwan": ("taiwanese", "taipei"),
    "vietnam": ("vietnamese", "hanoi"),
    "thailand": ("thai", "bangkok"),
    "indonesia": ("indonesian", "jakarta"),
    "philippines": ("filipino", "philippine", "manila"),
    "australia": ("australian", "canberra"),
    "new zealand": ("wellington",),
    "canada": ("canadian", "ottawa"),
    "mexico": ("mexican", "mexico city"),
    "brazil": ("brazilian", "brasilia"),
    "argentina": ("argentine", "argentinian", "buenos aires"),
    "chile": ("chilean", "santiago"),
    "colombia": ("colombian", "bogota"),
    "venezuela": ("venezuelan", "caracas"),
    "peru": ("peruvian", "lima"),
    "cuba": ("cuban", "havana"),
    "haiti": ("haitian", "port au prince"),
    "nigeria": ("nigerian", "abuja"),
    "kenya": ("kenyan", "nairobi"),
    "ethiopia": ("ethiopian", "addis ababa"),
    "south africa": ("south african", "pretoria"),
    "morocco": ("moroccan", "rabat"),
    "algeria": ("algerian", "algiers"),
    "sudan": ("sudanese", "khartoum"),
    "congo": ("congolese", "kinshasa", "drc"),
}  # fmt: skip


def fold(word: str) -> str:
    """Lower case without accents: "Fernández" -> "fernandez", "Élysée" -> "elysee"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key, names in GROUPS.items():
        for name in (key, *names):
            index[name] = key
    return index


def group_of(name: str) -> str | None:
    """The group key of a name (one or more words, folded), or None. A people in the plural
    is its demonym's ("Jordanians", "Saudis", "Iraqis")."""
    index = _index()
    key = index.get(name)
    if key is None and name.endswith(_PLURAL_DEMONYMS) and " " not in name:
        key = index.get(name[:-1])
    return key


# Plural endings of a people ("Jordanians", "Israelis"): a demonym in -an or -i, plus "s".
_PLURAL_DEMONYMS = ("ans", "is")


def groups_in(tokens: tuple[str, ...]) -> frozenset[str]:
    """Every group named in ``tokens`` (folded, lower case), by one- to three-word names."""
    index = _index()
    found = set()
    for i in range(len(tokens)):
        for size in (1, 2, 3):
            name = " ".join(tokens[i : i + size])
            if name in index:
                found.add(index[name])
    return frozenset(found)


def canonical_words(words: list[str]) -> list[str]:
    """``words`` (folded, in order) with each one- to three-word name of a group replaced by
    its key: "london and paris" -> "uk and france", "madrid" -> "spain". For the similarity
    only (the conflict detectors read the names as written), so that a capital, a demonym
    or an institution weighs as the country or body it stands for."""
    index, longest = _index(), _longest()
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest.get(words[i], 1), len(words) - i), 0, -1):
            key = index.get(" ".join(words[i : i + size]) if size > 1 else words[i])
            if key is not None:
                out.append(key.replace(" ", "_"))
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


@lru_cache(maxsize=1)
def _longest() -> dict[str, int]:
    """First word of a name of two or more words -> the most words such a name has."""
    longest: dict[str, int] = {}
    for name in _index():
        first, size = name.split(" ")[0], name.count(" ") + 1
        if size > 1:
            longest[first] = max(longest.get(first, 1), size)
    return longest


def only_places(tokens: list[str]) -> frozenset[str] | None:
    """The groups ``tokens`` name when every token belongs to a name of a group or joins two
    ("london and paris" -> {"uk", "france"}), else None: a stretch that is a set of places."""
    index = _index()
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            key = index.get(" ".join(tokens[i : i + size])) if i + size <= len(tokens) else None
            if key is not None:
                found.add(key)
                i += size
                break
        else:
            if tokens[i] not in ("and", "or", "&", "both"):
                return None
            i += 1
    return frozenset(found) if found else None
