"""Hard-wrapped text: are its sentences the sentences of the same text unwrapped?

    .venv/bin/python bench/hard_wrapped.py [--split dev|train] [--widths 60 72 80] [--data-dir DIR]

Plain text from a wire feed, an e-mail, a press release or a PDF often comes broken at a
fixed width inside its paragraphs. This takes real news (PolNeAR's articles, read from
``../shared`` at run time; nothing of them is written anywhere), breaks every line at each
width the way a greedy wrapper does (a space becomes a newline, so offsets do not move) and
counts the sentences of the original text that the segmenter finds again, exactly, in the
wrapped one. Baseline in the same run: the segmenter with the joining of wrapped lines
turned off (``segmentation._unwrap`` replaced by the identity), which is how it read such
text before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.extraction import segmentation  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "data" / "attribution" / "polnear"


def wrap(text: str, width: int) -> str:
    """``text`` with the last space before each line grows past ``width`` made a newline."""
    out = list(text)
    column, last_space = 0, -1
    for i, ch in enumerate(text):
        if ch == "\n":
            column, last_space = 0, -1
            continue
        if ch == " ":
            last_space = i
        column += 1
        if column > width and last_space >= 0:
            out[last_space] = "\n"
            column, last_space = i - last_space, -1
    return "".join(out)


def sentence_spans(text: str) -> set[tuple[int, int]]:
    return {(s.start, s.end) for s in segmentation.segment(text) if s.kind == "sentence"}


def measure(texts: list[str], width: int) -> tuple[int, int, int]:
    found = total = identical = 0
    for text in texts:
        want = sentence_spans(text)
        got = sentence_spans(wrap(text, width))
        found += len(want & got)
        total += len(want)
        identical += want == got
    return found, total, identical


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--widths", type=int, nargs="+", default=[60, 72, 80])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    files = sorted((args.data_dir / args.split / "text").glob("*.txt"))
    if not files:
        sys.exit(f"no articles under {args.data_dir / args.split / 'text'}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    unwrap = segmentation._unwrap
    print(f"PolNeAR {args.split}: {len(texts)} articles; sentences of the unwrapped text found")
    print("exactly in the wrapped one (articles whose sentences are all the same)")
    print(f"{'width':>5}  {'without joining (before)':>28}  {'with joining':>28}")
    for width in args.widths:
        segmentation._unwrap = lambda text, lines: lines
        before = measure(texts, width)
        segmentation._unwrap = unwrap
        after = measure(texts, width)
        cells = [f"{f}/{t} = {f / t:.3f} ({i}/{len(texts)})" for f, t, i in (before, after)]
        print(f"{width:>5}  {cells[0]:>28}  {cells[1]:>28}")


if __name__ == "__main__":
    main()
