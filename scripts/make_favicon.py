#!/usr/bin/env python3
"""Draw the desk's icon: a white check mark on the desk's blue, in a rounded square.

    python scripts/make_favicon.py

Writes ``factcheck/static/favicon.svg`` (linked by every page of ours) and
``factcheck/root/favicon.ico`` (16, 32 and 48 px PNGs in an ICO, served at ``/favicon.ico``
for the pages that link no icon: the admin, JSON, a browser's first guess). Both come
from the shapes below, drawn here, so the icon is ours and nothing is downloaded. Only the
standard library is used; run it again after changing a shape and commit both files.
"""

from __future__ import annotations

import itertools
import math
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG_PATH = ROOT / "factcheck" / "static" / "favicon.svg"
ICO_PATH = ROOT / "factcheck" / "root" / "favicon.ico"

# In a 32 x 32 box: the square's corner radius, the check mark's points and stroke width.
BOX = 32.0
RADIUS = 6.0
CHECK = [(8.0, 16.5), (13.5, 22.0), (24.0, 10.5)]
STROKE = 4.0
BLUE = (0x0B, 0x5C, 0xAD)  # --accent in desk.css
WHITE = (0xFF, 0xFF, 0xFF)
ICO_SIZES = (16, 32, 48)
SAMPLES = 4  # per pixel side: 16 samples per pixel smooth the edges


def svg() -> str:
    points = " ".join(f"{x:g} {y:g}" for x, y in CHECK)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX:g} {BOX:g}">'
        f'<rect width="{BOX:g}" height="{BOX:g}" rx="{RADIUS:g}" fill="#{_hex(BLUE)}"/>'
        f'<polyline points="{points}" fill="none" stroke="#{_hex(WHITE)}" '
        f'stroke-width="{STROKE:g}" stroke-linecap="round" stroke-linejoin="round"/>'
        "</svg>\n"
    )


def _hex(rgb: tuple[int, int, int]) -> str:
    return "".join(f"{c:02x}" for c in rgb)


def _in_square(x: float, y: float) -> bool:
    # Distance from the square shrunk by the radius, as a rounded rectangle is drawn.
    dx = max(RADIUS - x, 0.0, x - (BOX - RADIUS))
    dy = max(RADIUS - y, 0.0, y - (BOX - RADIUS))
    return 0 <= x <= BOX and 0 <= y <= BOX and dx * dx + dy * dy <= RADIUS * RADIUS


def _on_check(x: float, y: float) -> bool:
    # Round caps and joins: within half the stroke of any segment.
    for (ax, ay), (bx, by) in itertools.pairwise(CHECK):
        vx, vy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)))
        if math.hypot(x - (ax + t * vx), y - (ay + t * vy)) <= STROKE / 2:
            return True
    return False


def pixels(size: int) -> bytes:
    """RGBA rows, top first, of the icon at ``size`` x ``size``."""
    scale = BOX / size
    out = bytearray()
    for row in range(size):
        for col in range(size):
            red = green = blue = alpha = 0.0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (col + (sx + 0.5) / SAMPLES) * scale
                    y = (row + (sy + 0.5) / SAMPLES) * scale
                    if not _in_square(x, y):
                        continue
                    r, g, b = WHITE if _on_check(x, y) else BLUE
                    red, green, blue, alpha = red + r, green + g, blue + b, alpha + 1
            if alpha:
                out += bytes(round(c / alpha) for c in (red, green, blue))
            else:
                out += b"\0\0\0"
            out.append(round(255 * alpha / SAMPLES**2))
    return bytes(out)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = pixels(size)
    stride = size * 4
    rows = b"".join(b"\0" + raw[i * stride : (i + 1) * stride] for i in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    directory = struct.pack("<HHH", 0, 1, len(images))
    for size, image in zip(sizes, images, strict=True):
        directory += struct.pack(
            "<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset
        )
        offset += len(image)
    return directory + b"".join(images)


def main() -> None:
    SVG_PATH.write_text(svg(), encoding="utf-8")
    ICO_PATH.parent.mkdir(parents=True, exist_ok=True)
    ICO_PATH.write_bytes(ico())
    for path in (SVG_PATH, ICO_PATH):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
