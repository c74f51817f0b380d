"""Pages and files of the site itself, whoever asks: the icon, and the error pages."""

from __future__ import annotations

import importlib.util
import struct

from django.conf import settings
from django.contrib.staticfiles import finders

PNG = b"\x89PNG\r\n\x1a\n"


def make_favicon():
    path = settings.BASE_DIR / "scripts" / "make_favicon.py"
    spec = importlib.util.spec_from_file_location("make_favicon", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the icon ----------------------------------------------------------------------------


def test_favicon_ico_is_served_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content)
    reserved, kind, count = struct.unpack("<HHH", body[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", body[6 + 16 * i : 22 + 16 * i]
        )
        assert body[offset : offset + 8] == PNG and offset + length <= len(body)
        sizes.append(width)
    assert sizes == [16, 32, 48]


def test_every_page_of_ours_links_its_svg_icon(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_the_icon_files_are_the_ones_the_script_draws():
    script = make_favicon()
    svg = finders.find("favicon.svg")
    assert svg is not None
    with open(svg, encoding="utf-8") as f:
        assert f.read() == script.svg()
    with open(settings.WHITENOISE_ROOT / "favicon.ico", "rb") as f:
        assert f.read()[:6] == struct.pack("<HHH", 0, 1, len(script.ICO_SIZES))


# --- error pages -------------------------------------------------------------------------


def test_an_unknown_address_gets_our_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html and "Not Found</h1>" not in html
    assert "desk.css" in html and 'rel="icon"' in html
    assert 'href="/accounts/login/"' in html  # a way on for someone not signed in


def test_the_404_page_offers_the_desk_to_its_people(client, fact_checker, consumer):
    client.force_login(fact_checker)
    html = client.get("/desk/claims/999999/").content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/desk/"' in html and "Sign in to the desk" not in html
    client.force_login(consumer)  # not on the desk: no link to a page it may not open
    html = client.get("/no-such-page/").content.decode()
    assert 'href="/desk/"' not in html.split("<main", 1)[1]


def test_a_server_error_gets_our_500_page_without_a_request_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html
    assert "desk.css" in html and 'rel="icon"' in html
