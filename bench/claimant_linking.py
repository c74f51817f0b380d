"""Claimant linking on claimant strings collected from real news pages.

    .venv/bin/python bench/claimant_linking.py [--labels TSV] [--errors]

``bench/labels/claimant-strings.tsv``: each row is a claimant string as a news page printed
it (names with titles and roles, possessives, acronyms, misspellings, anonymous
descriptions), the page's address, and a label: the canonical claimant it names
(``p:`` a person, ``o:`` an organisation, ``anon:`` an anonymous description grouped by what
it says of the source, ``none`` for a string that names nobody in particular, "the
president"). How they were collected is in ``bench/labels/README.md``.

The strings are linked in file order (pages in the order collected, strings in the order
the page gives them) against a registry that starts empty and grows as the service grows
it: a string either links to a known claimant (exact alias or careful match), is suggested
for the desk, makes a new claimant, or links to nothing. The strings of one page are linked
with the claimants that page already named as context, as ``extract_article`` does. The
linking is ``claims.claimants.linking`` itself; the registry is an in-memory stand-in for
the alias table (same keys, same lookups as ``claims.claimants.services.candidates_for``).

Printed:

* precision of automatic links: links whose claimant was made from a string of the same
  label (the majority label of the strings that made or joined it), target >= 0.98;
* recall: of the strings whose label had a claimant already, the share linked to it
  automatically;
* suggestion rate: strings held for the desk; and how many of those named a right claimant;
* strings that made a new claimant, and strings linked to nothing.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.claimants import linking  # noqa: E402  (pure: no Django needed)

LABELS = REPO / "bench" / "labels" / "claimant-strings.tsv"


class Registry:
    """The alias table in memory: claimant id -> (kind, aliases, roles)."""

    def __init__(self):
        self.claimants: dict[int, linking.Candidate] = {}
        self.made_by: dict[int, Counter] = defaultdict(Counter)

    def candidates(self, reading: linking.Reading) -> list[linking.Candidate]:
        found = []
        for candidate in self.claimants.values():
            for alias in candidate.aliases:
                if (
                    alias.key in reading.keys
                    or (
                        reading.kind == linking.PERSON
                        and reading.surname
                        and alias.surname == reading.surname
                    )
                    or (
                        reading.is_acronym
                        and not alias.is_acronym
                        and alias.initials == reading.key
                    )
                    or (reading.initials and alias.is_acronym and alias.key == reading.initials)
                ):
                    found.append(candidate)
                    break
        return found

    def new(self, reading: linking.Reading) -> int:
        pk = len(self.claimants) + 1
        self.claimants[pk] = linking.Candidate(id=pk, kind=reading.kind, aliases=())
        self.remember(pk, reading, alias=True)
        return pk

    def remember(self, pk: int, reading: linking.Reading, *, alias: bool) -> None:
        old = self.claimants[pk]
        taken = {a.key for c in self.claimants.values() for a in c.aliases}
        aliases = list(old.aliases)
        if alias:
            aliases += [linking.alias_of(reading, k) for k in reading.keys if k not in taken]
        roles = list(old.roles)
        role = linking.role_words(reading.role)
        if role and role not in roles and old.kind != linking.ANONYMOUS:
            roles.append(role)
        self.claimants[pk] = linking.Candidate(pk, old.kind, tuple(aliases), tuple(roles))

    def label_of(self, pk: int) -> str:
        return self.made_by[pk].most_common(1)[0][0]


def run(rows: list[dict], show_errors: bool) -> dict:
    registry = Registry()
    contexts: dict[str, set[int]] = defaultdict(set)
    seen_labels: dict[str, int] = {}
    counts = Counter()
    errors = []
    for row in rows:
        text, label, url = row["string"], row["label"], row["url"]
        reading = linking.read(text)
        context = contexts[url]
        decision = linking.decide(
            reading, registry.candidates(reading) if reading else [], context=context
        )
        known = label != "none" and label in seen_labels
        counts["strings"] += 1
        counts["known"] += known
        if decision.action == linking.LINK:
            counts["auto"] += 1
            right = registry.label_of(decision.claimant_id) == label
            counts["auto_right"] += right
            counts["recalled"] += right and known
            if not right:
                errors.append(
                    (
                        "wrong link",
                        text,
                        label,
                        registry.label_of(decision.claimant_id),
                        decision.reason,
                    )
                )
            alias = decision.reading.kind != linking.PERSON or bool(decision.reading.given)
            registry.remember(decision.claimant_id, decision.reading, alias=alias)
            registry.made_by[decision.claimant_id][label] += 1
            context.add(decision.claimant_id)
        elif decision.action == linking.SUGGEST:
            counts["suggested"] += 1
            labels = {registry.label_of(pk) for pk in decision.suggestions}
            counts["suggested_right"] += label in labels
        elif decision.action == linking.NEW:
            counts["new"] += 1
            pk = registry.new(decision.reading)
            registry.made_by[pk][label] += 1
            context.add(pk)
            if known:
                errors.append(("missed", text, label, "", decision.reason))
        else:
            counts["none"] += 1
        if label != "none":
            seen_labels.setdefault(label, 0)
    if show_errors:
        for error in errors:
            print("  ".join(error), file=sys.stderr)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--errors", action="store_true", help="print every miss and wrong link")
    args = parser.parse_args()
    with args.labels.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    c = run(rows, args.errors)
    pages = len({row["url"] for row in rows})
    labels = len({row["label"] for row in rows} - {"none"})
    print(f"{c['strings']} strings from {pages} pages, {labels} canonical claimants")
    precision = c["auto_right"] / c["auto"] if c["auto"] else 1.0
    print(f"automatic links: {c['auto']}, right {c['auto_right']}: precision {precision:.3f}")
    recall = c["recalled"] / c["known"] if c["known"] else 0.0
    print(
        f"recall (label already known, linked to it automatically): {c['recalled']}/"
        f"{c['known']} = {recall:.3f}"
    )
    print(
        f"suggested: {c['suggested']} ({c['suggested'] / c['strings']:.3f} of strings), "
        f"a right claimant among them for {c['suggested_right']}"
    )
    print(f"new claimants: {c['new']}; nothing to link: {c['none']}")


if __name__ == "__main__":
    main()
