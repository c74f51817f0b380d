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
