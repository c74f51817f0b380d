"""normalize_url: one spelling per article; garbage refused with InvalidURL, never a crash."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls as hypothesis_urls

from claims.ingestion.urls import TRACKING_PARAMS, TRACKING_PREFIXES, InvalidURL, normalize_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/Path", "https://example.com/Path"),
        ("  https://example.com/a  \n", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com:80/a", "https://example.com:80/a"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        (
            "https://example.com/a?utm_source=tw&utm_medium=social&id=7&fbclid=xyz&gclid=1",
            "https://example.com/a?id=7",
        ),
        (
            "https://example.com/a?mc_cid=1&mc_eid=2&ocid=3&ref_src=4&igshid=5&UTM_Campaign=6",
            "https://example.com/a",
        ),
        ("https://example.com/a?utm%5Fsource=x&q=1", "https://example.com/a?q=1"),
        ("https://example.com/a?", "https://example.com/a"),
        ("https://example.com/a?flag&x=", "https://example.com/a?flag&x="),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://example.com/%7Euser/%2fkeep", "https://example.com/~user/%2Fkeep"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("http://[0:0::1]:80/", "http://[::1]/"),
        ("https://my_host.example.com/", "https://my_host.example.com/"),
    ],
)
def test_normalizes(url, expected):
    assert normalize_url(url) == expected


def test_the_same_article_from_different_links_has_one_key():
    spellings = [
        "https://news.example/world/story?id=5",
        "HTTPS://NEWS.EXAMPLE:443/world/story?id=5#comments",
        "https://news.example/world/./story?utm_source=newsletter&id=5&fbclid=abc",
    ]
    assert len({normalize_url(url) for url in spellings}) == 1


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "not a url",
        "example.com/article",
        "//example.com/article",
        "file:///etc/passwd",
        "ftp://example.com/file",
        "data:text/html,<p>x</p>",
        "javascript:alert(1)",
        "mailto:someone@example.com",
        "http://",
        "http:///path",
        "http://user:pass@example.com/",
        "http://user@example.com/",
        "http://example.com:99999/",
        "http://example.com:port/",
        "http://[::1/",
        "http://exa mple.com/",
        "http://ex%61mple.com/",
        "http://xn--/",
        "http://\u2603\ufe0f.example/",
        "http://example.com/\x00",
        "https://" + "a" * 5000 + ".com/",
    ],
)
def test_garbage_is_refused_with_invalid_url(url):
    with pytest.raises(InvalidURL) as caught:
        normalize_url(url)
    assert caught.value.message
    assert caught.value.code == "invalid_url"


def test_invalid_url_is_a_value_error():
    with pytest.raises(ValueError):
        normalize_url("ftp://example.com/")


def test_non_strings_are_refused():
    with pytest.raises(InvalidURL):
        normalize_url(None)  # type: ignore[arg-type]


# --- Properties ------------------------------------------------------------------------
_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_host_label = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,10}", fullmatch=True)
_component = st.text(
    alphabet=st.sampled_from(list("abcXYZ019-._~%/?#&=+;:@!$'()*, \u00e9\u4e2d\ufe0f")),
    max_size=20,
)


@st.composite
def messy_urls(draw) -> str:
    """URLs with the mess real links have: case, ports, escapes, params, fragments."""
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "HtTpS"]))
    host = ".".join(draw(st.lists(_host_label, min_size=1, max_size=3)))
    host = draw(st.sampled_from([host, host.upper(), host + ".", "bücher.example", "[::1]"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":0"]))
    path = draw(_component)
    query = "&".join(
        draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["a", "B", "utm_source", "fbclid", "q", "x%5Fy", ""]),
                    _component,
                ).map(lambda kv: f"{kv[0]}={kv[1]}"),
                max_size=4,
            )
        )
    )
    fragment = draw(_component)
    url = f"{scheme}://{host}{port}/{path}"
    if query:
        url += "?" + query
    if fragment:
        url += "#" + fragment
    return url


def _check(url: str) -> None:
    try:
        once = normalize_url(url)
    except InvalidURL:
        return
    assert normalize_url(once) == once
    assert once.startswith(("http://", "https://"))
    assert "#" not in once
    query = urlsplit(once).query
    keys = [part.partition("=")[0].lower() for part in query.split("&") if part]
    assert not [k for k in keys if k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)]


@pytest.mark.slow
@_SETTINGS
@given(st.text(max_size=200))
@example("http://a.b/?%")
@example("http://a.b/%2e%2e/%2E/x")
@example("http://a.b/?a=%3D&a==")
def test_arbitrary_text_is_normalized_idempotently_or_refused(text):
    _check(text)


@pytest.mark.slow
@_SETTINGS
@given(messy_urls())
def test_messy_urls_are_normalized_idempotently_or_refused(url):
    _check(url)


@pytest.mark.slow
@_SETTINGS
@given(hypothesis_urls())
def test_valid_urls_are_accepted_and_idempotent(url):
    once = normalize_url(url)
    assert normalize_url(once) == once


@pytest.mark.slow
@_SETTINGS
@given(st.text(max_size=30), st.text(max_size=30))
def test_arbitrary_paths_and_queries_on_a_good_host(path, query):
    _check(f"https://example.com/{path}?{query}")
