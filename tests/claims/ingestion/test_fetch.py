"""fetch_url against a real server on loopback: limits, redirects, refusals, error kinds."""

from __future__ import annotations

import pytest

from claims.ingestion import fetch
from claims.ingestion.fetch import (
    BlockedAddress,
    CredentialsInURL,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RedirectLoop,
    TemporaryFetchError,
    TemporaryHTTPStatus,
    TooLarge,
    TooManyRedirects,
    UnsupportedContentType,
    UnsupportedScheme,
)
from claims.ingestion.html import parse_html

pytestmark = pytest.mark.usefixtures("loopback")


# --- Pages that work -----------------------------------------------------------------
def test_fetches_an_html_page(server):
    page = fetch.fetch_url(server.url("/article"))
    assert page.status_code == 200
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.final_url == server.url("/article")
    assert page.redirects == ()
    assert page.is_html
    assert "Europe weighs a buffer zone" in page.text


def test_fetched_page_parses_into_an_article(server):
    page = fetch.fetch_url(server.url("/article"))
    article = parse_html(page.body, page.final_url)
    assert "according to EU sources" in article.text
    assert "not article text" not in article.text


def test_fetches_plain_text(server):
    page = fetch.fetch_url(server.url("/plain"))
    assert page.content_type == "text/plain"
    assert page.text == "Plain text article.\n"
    assert not page.is_html


def test_charset_from_the_header_decodes_the_text(server):
    page = fetch.fetch_url(server.url("/latin1"))
    assert page.charset == "iso8859-1"
    assert "Café crème" in page.text


def test_charset_from_a_meta_tag_when_the_header_has_none(server):
    page = fetch.fetch_url(server.url("/meta-charset"))
    assert page.charset == "cp1252"
    assert "\u201cQuoted\u201d" in page.text


def test_gzip_is_decoded(server):
    page = fetch.fetch_url(server.url("/gzip"))
    assert b"Europe weighs a buffer zone" in page.body


def test_sends_an_honest_user_agent_and_only_encodings_it_can_bound(server, monkeypatch):
    seen = {}
    real_stream = fetch.httpx.Client.stream

    def spy(self, method, url, **kwargs):
        seen.update(self.headers)
        return real_stream(self, method, url, **kwargs)

    monkeypatch.setattr(fetch.httpx.Client, "stream", spy)
    fetch.fetch_url(server.url("/article"))
    assert seen["user-agent"].startswith("factcheck-ingest/")
    assert seen["accept-encoding"] == "gzip, deflate"


# --- Redirects -----------------------------------------------------------------------
def test_follows_redirects_and_records_them(server):
    page = fetch.fetch_url(server.url("/redirect/3"))
    assert page.final_url == server.url("/article")
    assert page.redirects == (
        server.url("/redirect/3"),
        server.url("/redirect/2"),
        server.url("/redirect/1"),
        server.url("/redirect/0"),
    )


def test_more_redirects_than_the_setting_allows_are_refused(server, settings):
    settings.INGEST_MAX_REDIRECTS = 2
    with pytest.raises(TooManyRedirects, match="more than 2 times"):
        fetch.fetch_url(server.url("/redirect/3"))
    assert fetch.fetch_url(server.url("/redirect/1")).final_url == server.url("/article")


def test_no_redirects_at_all_when_the_setting_is_zero(server, settings):
    settings.INGEST_MAX_REDIRECTS = 0
    with pytest.raises(TooManyRedirects):
        fetch.fetch_url(server.url("/redirect/0"))


def test_an_endless_chain_of_new_urls_stops_at_the_cap(server):
    with pytest.raises(TooManyRedirects) as caught:
        fetch.fetch_url(server.url("/counter/0"))
    assert not isinstance(caught.value, RedirectLoop)
    assert len(server.requests) == 6  # the first request and five redirects


@pytest.mark.parametrize("path", ["/loop/a", "/self"])
def test_a_redirect_loop_is_detected(server, path):
    with pytest.raises(RedirectLoop, match="loop"):
        fetch.fetch_url(server.url(path))


def test_a_redirect_without_location_is_an_error(server):
    with pytest.raises(HTTPStatusError, match="without saying where"):
        fetch.fetch_url(server.url("/no-location"))


def test_redirect_to_cloud_metadata_is_refused(public_server, connect_log, caplog):
    with pytest.raises(BlockedAddress) as caught:
        fetch.fetch_url(public_server.url("/to-metadata"))
    # The caller is told only that; the log says which address.
    assert caught.value.message == fetch.ADDRESS_REFUSED
    assert "169.254.169.254" in caplog.text
    assert "169.254.169.254" not in connect_log


def test_redirect_to_loopback_is_refused_when_loopback_is_not_allowed(public_server):
    with pytest.raises(BlockedAddress):
        fetch.fetch_url(public_server.url("/to-loopback"))
    assert [path for path, _host in public_server.requests] == ["/to-loopback"]


def test_redirect_to_a_name_that_resolves_inside_is_refused_at_connect_time(
    public_server, fake_dns, connect_log
):
    fake_dns.answers["internal.test"] = ["127.0.0.1"]
    with pytest.raises(BlockedAddress):
        fetch.fetch_url(public_server.url("/to-internal-name"))
    assert fake_dns.lookups[-1] == "internal.test"
    assert connect_log == ["127.0.0.2"]


def test_redirect_to_a_file_url_is_refused(server):
    with pytest.raises(UnsupportedScheme):
        fetch.fetch_url(server.url("/to-file"))


def test_loopback_itself_is_refused_without_the_setting(server, settings):
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(BlockedAddress):
        fetch.fetch_url(server.url("/article"))
    with pytest.raises(BlockedAddress):
        fetch.fetch_url(server.url("/article", host="localhost"))
    assert server.requests == []


# --- URLs refused before any connection ---------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/pub/file.txt",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "gopher://example.com/",
        "www.example.com/article",
    ],
)
def test_non_http_urls_are_refused(url, connect_log):
    with pytest.raises(UnsupportedScheme, match="Only http and https"):
        fetch.fetch_url(url)
    assert connect_log == []


@pytest.mark.parametrize("url", ["http://user:secret@example.com/", "https://token@example.com/"])
def test_urls_with_credentials_are_refused(url, connect_log):
    with pytest.raises(CredentialsInURL):
        fetch.fetch_url(url)
    assert connect_log == []


@pytest.mark.parametrize("url", ["", "   ", "http://", "http://[::1", "http://exa mple.com/"])
def test_garbage_urls_are_refused_as_invalid(url, fake_dns):
    with pytest.raises(fetch.InvalidURL):
        fetch.fetch_url(url)


def test_invalid_fetch_url_is_also_a_urls_invalid_url():
    from claims.ingestion.urls import InvalidURL

    with pytest.raises(InvalidURL):
        fetch.fetch_url("")


# --- Content types ---------------------------------------------------------------------
def test_pdf_is_refused(server):
    with pytest.raises(UnsupportedContentType, match="application/pdf"):
        fetch.fetch_url(server.url("/pdf"))


def test_missing_content_type_is_refused(server):
    with pytest.raises(UnsupportedContentType, match="no content type"):
        fetch.fetch_url(server.url("/no-type"))


def test_unrequested_compression_is_refused(server):
    with pytest.raises(UnsupportedContentType, match="br"):
        fetch.fetch_url(server.url("/brotli"))


# --- Size ----------------------------------------------------------------------------
@pytest.fixture
def small_cap(settings):
    settings.INGEST_MAX_BYTES = 100 * 1024


def test_a_page_over_the_cap_is_refused(server, small_cap):
    with pytest.raises(TooLarge, match="limit"):
        fetch.fetch_url(server.url("/huge"))


def test_a_declared_length_over_the_cap_is_refused_before_reading(server, small_cap):
    with pytest.raises(TooLarge, match=r"50\.0 MB"):
        fetch.fetch_url(server.url("/claims-huge"))


@pytest.mark.parametrize("path", ["/endless", "/endless-chunked"])
def test_an_endless_body_is_cut_off_at_the_cap(server, small_cap, path, elapsed):
    with pytest.raises(TooLarge):
        fetch.fetch_url(server.url(path))
    assert elapsed() < 5


def test_a_lying_content_length_never_yields_more_than_it_declared(server, small_cap):
    # The server says 100 bytes, then streams forever: the HTTP parser stops at 100.
    page = fetch.fetch_url(server.url("/lying-length"))
    assert len(page.body) == 100


def test_a_gzip_bomb_is_stopped_at_the_cap(server, small_cap):
    with pytest.raises(TooLarge):
        fetch.fetch_url(server.url("/gzip-bomb"))


# --- Time ----------------------------------------------------------------------------
def test_a_stalling_server_times_out(server, elapsed):
    with pytest.raises(FetchTimeout) as caught:
        fetch.fetch_url(server.url("/stall"), timeout=0.5)
    assert isinstance(caught.value, TemporaryFetchError)
    assert elapsed() < 3


def test_a_trickling_body_is_cut_off_by_the_overall_deadline(server, elapsed):
    # Each byte comes well within the read timeout; only the deadline can end this.
    with pytest.raises(FetchTimeout, match="limit"):
        fetch.fetch_url(server.url("/trickle"), timeout=1.0, deadline_seconds=1.0)
    assert elapsed() < 3


def test_trickling_headers_are_cut_off_by_the_overall_deadline(server, elapsed):
    with pytest.raises(FetchTimeout):
        fetch.fetch_url(server.url("/trickle-headers"), timeout=1.0, deadline_seconds=1.0)
    assert elapsed() < 3


def test_the_timeout_setting_is_used(server, settings, elapsed):
    settings.INGEST_TIMEOUT_SECONDS = 0.3
    with pytest.raises(FetchTimeout, match=r"0\.3 seconds"):
        fetch.fetch_url(server.url("/stall"))
    assert elapsed() < 3


# --- Status codes and which errors are temporary -------------------------------------
@pytest.mark.parametrize("status", [404, 500])
def test_error_statuses_are_permanent(server, status):
    with pytest.raises(HTTPStatusError) as caught:
        fetch.fetch_url(server.url(f"/status/{status}"))
    assert caught.value.status_code == status
    assert not isinstance(caught.value, TemporaryFetchError)
    assert str(status) in caught.value.message


def test_503_is_temporary_and_carries_retry_after(server):
    with pytest.raises(TemporaryHTTPStatus) as caught:
        fetch.fetch_url(server.url("/status/503"))
    assert caught.value.status_code == 503
    assert caught.value.retry_after == 7


def test_429_is_temporary(server):
    with pytest.raises(TemporaryFetchError):
        fetch.fetch_url(server.url("/status/429"))


def test_connection_refused_is_temporary(server):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    with pytest.raises(FetchConnectionError):
        fetch.fetch_url(f"http://127.0.0.1:{closed_port}/")


def test_unknown_host_is_permanent(fake_dns):
    with pytest.raises(fetch.HostNotFound) as caught:
        fetch.fetch_url("http://no-such-host.test/")
    assert not isinstance(caught.value, TemporaryFetchError)


def test_every_error_has_a_code_and_a_readable_message(server):
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url(server.url("/pdf"))
    assert caught.value.code == "unsupported_content_type"
    assert str(caught.value) == caught.value.message
    assert "Traceback" not in caught.value.message
