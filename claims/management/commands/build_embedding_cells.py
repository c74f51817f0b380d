"""File every stored claim embedding in a cell, so matching finds rewordings in other words.

    python manage.py build_embedding_cells [--cells N] [--sample 100000]

Matching adds to the word index's candidates the stored claims nearest a text by embedding,
read from the few cells nearest it (``claims/matching/cells.py``). This computes the cells
(spherical k-means on a sample of the stored vectors, about 4 sqrt(n) cells for n vectors)
and files every vector under its nearest one, in one transaction. Run it after
``embed_claims`` on an archive of more than 2,000 claims, and again when the archive has
grown several times over; new claims are filed as they are stored. Deterministic.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from claims.matching import cells


class Command(BaseCommand):
    help = "Build the embedding cells matching reads the nearest stored claims from."

    def add_arguments(self, parser):
        parser.add_argument("--cells", type=int, default=None, help="default: 4 sqrt(n)")
        parser.add_argument("--sample", type=int, default=100_000, help="vectors clustered")
        parser.add_argument("--iterations", type=int, default=12)

    def handle(self, *args, **options):
        for name in ("cells", "sample", "iterations"):
            if options[name] is not None and options[name] < 1:
                raise CommandError(f"--{name} must be at least 1 (got {options[name]}).")
        started = time.perf_counter()
        count, filed = cells.build(
            cells=options["cells"], sample=options["sample"], iterations=options["iterations"]
        )
        if not filed:
            self.stdout.write("no stored embeddings: run embed_claims first")
            return
        sizes = sorted(cells.sizes())
        self.stdout.write(
            f"{count} cells, {filed} embeddings filed in {time.perf_counter() - started:.1f} s"
            f" (cell sizes: median {sizes[len(sizes) // 2]}, largest {sizes[-1]})"
        )
