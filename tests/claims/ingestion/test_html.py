"""parse_html: main text with paragraph breaks and metadata; hostile HTML is a ParseError."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from importlib import import_module

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.ingestion.html import ParsedArticle, ParseError, parse_html

from .conftest import ARTICLE_HTML


@pytest.fixture
def article() -> ParsedArticle:
    return parse_html(ARTICLE_HTML, "https://news.example/world/buffer-zone?utm_source=x")


def test_extracts_the_main_text_with_paragraph_breaks(article):
    assert article.text.split("\n\n") == [
        "Europe weighs a buffer zone",
        "A buffer zone of 40 kilometres is being discussed, according to EU sources in Brussels.",
        '"This is a turning point," the NATO secretary general said on Tuesday after the talks.',
        "Diplomatic sources familiar with the matter said the plan would need 5,000 troops.",
    ]


def test_leaves_out_scripts_navigation_and_footer(article):
    assert "not article text" not in article.text
    assert "Home" not in article.text
    assert "Copyright" not in article.text


def test_extracts_metadata(article):
    assert article.title == "Europe weighs a buffer zone"
    assert article.author == "Lois Lane"
    assert article.site_name == "The Daily Planet"
    assert article.canonical_url == "https://news.example/world/buffer-zone"
    assert article.language == "en"


@pytest.mark.parametrize(
    ("declared", "stored"),
    [
        # As the attribute holds it (the parser has decoded one layer of entities).
        ("&lt;b&gt;Harbour&lt;/b&gt; Gazette", "Harbour Gazette"),
        ("&amp;lt;i&amp;gt;Quay&amp;lt;/i&amp;gt;  &amp;amp;\n Coast", "Quay & Coast"),
        ("Ferry &amp; Tide &lt;script&gt;steal()&lt;/script&gt;Weekly", "Ferry & Tide Weekly"),
        ("AT&amp;T Wire", "AT&T Wire"),
        ("Tides &lt; Currents", "Tides < Currents"),
        ("&lt;img src=x onerror=alert(1)&gt;", None),
        ("The Long Pier " * 20, ("The Long Pier " * 20)[:120].rstrip()),
    ],
)
def test_the_site_name_is_stored_as_plain_text(declared, stored):
    page = ARTICLE_HTML.replace(
        '<meta property="og:site_name" content="The Daily Planet">',
        f'<meta property="og:site_name" content="{declared}">',
    )
    assert declared in page
    site_name = parse_html(page).site_name
    assert site_name == stored
    assert site_name is None or len(site_name) <= 120


def test_site_names_stored_before_the_cleaning_are_cleaned_by_a_migration(db):
    from django.apps import apps

    from claims.models import Article

    migration = import_module("claims.migrations.0018_article_outlet_plain_text")
    stored = {
        "<b>Harbour</b> Gazette": "Harbour Gazette",
        "Ferry &amp; Tide Weekly": "Ferry & Tide Weekly",
        "AT&T Wire": "AT&T Wire",
        "Quay Post": "Quay Post",
    }
    for n, outlet in enumerate(stored):
        Article.objects.create(outlet=outlet, content_hash=f"{n}" * 64)
    migration.clean_outlets(apps, None)
    assert sorted(Article.objects.values_list("outlet", flat=True)) == sorted(stored.values())


def test_published_at_is_an_aware_datetime_with_the_page_offset(article):
    assert article.published_at == datetime(2024, 3, 5, 14, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_date_without_time_becomes_midnight_utc():
    html = (
        "<html><head><meta name='date' content='2023-01-02'></head><body><article><p>"
        + "The council approved the budget of 12 million euros for the new bridge. " * 3
        + "</p></article></body></html>"
    )
    assert parse_html(html).published_at == datetime(2023, 1, 2, tzinfo=UTC)


def test_accepts_bytes_in_a_declared_charset():
    html = (
        '<html><head><meta charset="iso-8859-1"></head><body><article><p>'
        "Le caf\xe9 co\xfbte 3 euros de plus qu'en 2020, selon l'Insee."
        "</p></article></body></html>"
    ).encode("latin-1")
    assert "Le café coûte 3 euros" in parse_html(html).text


def test_line_breaks_inside_a_paragraph_stay_single_newlines():
    html = (
        "<html><body><article><p>First line of the paragraph with some words in it,<br>"
        "second line of the same paragraph with more words.</p>"
        "<p>Another paragraph that is long enough to be kept by the extractor.</p>"
        "</article></body></html>"
    )
    text = parse_html(html).text
    assert text == (
        "First line of the paragraph with some words in it,\n"
        "second line of the same paragraph with more words.\n\n"
        "Another paragraph that is long enough to be kept by the extractor."
    )


def test_list_items_are_paragraphs():
    html = (
        "<html><body><article><p>The report lists three findings about the budget.</p>"
        "<ul><li>Spending rose by 4 percent.</li><li>Revenue fell by 2 percent.</li></ul>"
        "</article></body></html>"
    )
    assert parse_html(html).text.split("\n\n") == [
        "The report lists three findings about the budget.",
        "Spending rose by 4 percent.",
        "Revenue fell by 2 percent.",
    ]


def test_a_pasted_fragment_without_html_tags_works():
    text = parse_html("<p>The minister said unemployment fell to 5 percent in May.</p>").text
    assert text == "The minister said unemployment fell to 5 percent in May."


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        b"",
        "<html></html>",
        "<html><body></body></html>",
        "<script>" * 1000,
        "<html><head><script>" + "var a = 1;" * 10000 + "</script></head><body></body></html>",
        "<html><body><script>document.write('<p>x</p>')</script><style>p{}</style></body></html>",
        "<html><body>" + "<div a=1 b=2 c=3 " * 5000 + "></body></html>",
        b"\xff\xfe\x00\x00\xff" * 100,
        "<html><body>" + "<div>" * 5000 + "</body></html>",
    ],
)
def test_hostile_or_empty_html_is_a_parse_error(html):
    with pytest.raises(ParseError) as caught:
        parse_html(html)
    assert caught.value.code == "parse_error"
    assert caught.value.message


@pytest.mark.parametrize(
    "html", ["<" * 10000, "&" * 10000, "\x00\x01\x02 garbage", "<p>" + "&#x1F600;" * 5000]
)
def test_odd_markup_yields_text_or_a_parse_error(html):
    try:
        article = parse_html(html)
    except ParseError:
        return
    assert article.text.strip()


def test_deeply_nested_html_with_text_does_not_crash():
    html = (
        "<html><body>"
        + "<div>" * 3000
        + "<p>The central bank raised rates by half a point on Thursday, its statement said.</p>"
        + "</div>" * 3000
        + "</body></html>"
    )
    try:
        article = parse_html(html)
    except ParseError:
        return
    assert "central bank" in article.text


def test_non_text_input_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_html(12)  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<div>",
                    "</div>",
                    "<br>",
                    "<script>",
                    "</script>",
                    "<html>",
                    "<body>",
                    "<article>",
                    "<!--",
                    "-->",
                    "<![CDATA[",
                    "<meta charset=x>",
                    "&amp;",
                    "&#0;",
                    "&#xD800;",
                    '<a href="',
                    '">',
                    "<li>",
                    "<table><tr><td>",
                ]
            ),
            st.text(max_size=40),
        ),
        max_size=40,
    )
)
def test_random_tag_soup_never_crashes(parts):
    try:
        article = parse_html("".join(parts))
    except ParseError:
        return
    assert article.text.strip()
    assert "\n\n\n" not in article.text
