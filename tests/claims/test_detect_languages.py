"""``manage.py detect_languages`` fills in the language of articles stored without one."""

from io import StringIO

from django.core.management import call_command

from claims.models import Article


def _article(url: str, text: str, language: str = "") -> Article:
    return Article.objects.create(url=url, text=text, language=language, status=Article.Status.DONE)


def test_fills_a_sure_language_and_moves_the_claims_in_the_feed(db, make_claim):
    english = _article(
        "https://news.example.org/a",
        "The city council voted on Tuesday to raise bus fares by ten percent from March, "
        "after the transport director said ticket revenue no longer covered running costs.",
    )
    german = _article(
        "https://news.example.org/b",
        "Der Stadtrat hat am Dienstag beschlossen, die Fahrpreise für Busse ab März um zehn "
        "Prozent zu erhöhen, nachdem die Verkehrsdirektorin höhere Kosten gemeldet hatte.",
    )
    short = _article("https://news.example.org/c", "Fares up.")
    declared = _article(
        "https://news.example.org/d",
        "The council voted to raise fares by ten percent, the transport director said today.",
        language="en-GB",
    )
    claim = make_claim("The council voted to raise fares by ten percent.", article=english)
    claim.refresh_from_db()
    synced_before = claim.synced_at
    out = StringIO()

    call_command("detect_languages", stdout=out)

    for row in (english, german, short, declared):
        row.refresh_from_db()
    assert (english.language, german.language, short.language) == ("en", "de", "")
    assert declared.language == "en-GB"  # a declared language is never replaced
    claim.refresh_from_db()
    assert claim.synced_at > synced_before
    # the three above without a language, and the fixture's article (English too)
    assert "filled the language of 3 of 4 articles" in out.getvalue()


def test_a_second_run_changes_nothing_it_filled(db):
    article = _article(
        "https://news.example.org/e",
        "The ministry said on Monday that 40 people had been evacuated from the flooded "
        "villages along the river and that schools would stay closed until Friday.",
    )
    call_command("detect_languages", stdout=StringIO())
    article.refresh_from_db()
    stamped = article.updated_at
    out = StringIO()
    call_command("detect_languages", stdout=out)
    article.refresh_from_db()
    assert article.updated_at == stamped
    assert "filled the language of 0 of 0 articles" in out.getvalue()
