"""Places in the similarity: a capital, a demonym or an institution counts as the country or
body it stands for; the conflict detectors still read the names as written."""

from claims.matching.places import canonical_words
from claims.matching.score import explain


def test_names_become_their_group_key():
    words = "talks in the white house and in madrid with french and eu officials"
    assert canonical_words(words.split(" ")) == [
        "talks", "in", "the", "usa", "and", "in", "spain", "with", "france", "and", "eu",
        "officials",
    ]  # fmt: skip


def test_a_multi_word_key_stays_one_word():
    assert canonical_words(["riyadh", "and", "saudi", "arabia"]) == [
        "saudi_arabia", "and", "saudi_arabia",
    ]  # fmt: skip


def test_a_set_of_capitals_scores_as_the_set_of_countries():
    capitals = "Ministers from Lisbon and Warsaw signed the grain transit accord on Friday."
    countries = "Ministers from Portugal and Poland signed the grain transit accord on Friday."
    other = "Ministers from Sweden and Finland signed the grain transit accord on Friday."
    same = explain(capitals, countries)
    assert same.components["dice"] == 1.0
    assert not same.conflicts
    changed = explain(capitals, other)
    assert changed.components["dice"] < 0.9
    assert any(c.startswith(("entity", "changed")) for c in changed.conflicts)


def test_an_edit_is_read_on_the_names_as_written():
    # The exchange detector asks whether two claims share nearly all their words as written:
    # "the Commission" and "the EU" are one body for the similarity, two words for it.
    a = "Brussels fined the carmaker 120 million euros and its supplier 30 million euros."
    b = "The EU fined the carmaker 30 million euros and its supplier 120 million euros."
    result = explain(a, b)
    assert result.conflicts  # figures exchanged between their subjects stay a conflict


def test_a_stretch_of_places_only_names_its_groups():
    from claims.matching.places import only_places

    assert only_places(["rome", "and", "madrid"]) == {"italy", "spain"}
    assert only_places(["italy", "and", "spain"]) == {"italy", "spain"}
    assert only_places(["the", "hague"]) == {"netherlands"}
    assert only_places(["rome", "officials"]) is None  # a word that is no place
    assert only_places(["and"]) is None


def test_institutions_seats_and_peoples_name_their_country_or_body():
    from claims.matching.places import groups_in

    tokens = [
        "britons",
        "meps",
        "the",
        "bloc",
        "the",
        "alliance",
        "the",
        "knesset",
        "bundestag",
        "russians",
    ]
    assert groups_in(tuple(tokens)) == {"uk", "eu", "nato", "israel", "germany", "russia"}
    # The central bank is no name of the EU: a claim about it is about another actor.
    assert groups_in(("the", "ecb")) == frozenset()


def test_the_bloc_for_the_eu_is_no_changed_name():
    a = "The EU agreed to phase out imports of Russian gas by the end of 2027."
    b = "The bloc agreed to phase out imports of Russian gas by the end of 2027."
    assert not explain(a, b).conflicts


def test_a_place_named_another_way_is_suggested_never_auto_linked():
    a = "Talks between Lisbon and Warsaw on the grain transit accord ended without a deal."
    b = "Talks between Portugal and Poland on the grain transit accord ended without a deal."
    result = explain(a, b)
    assert result.components["dice"] == 1.0  # one set of countries
    assert result.components["order"] < 1.0  # but not the same phrasing
    assert not result.auto_allowed
    assert any(r.startswith("place named another way") for r in result.reasons)
