"""Embedding cells: a claim reworded in other words is found, however few words it shares."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from claims.matching import cells, semantic
from claims.matching.retrieval import candidate_ids, find_similar
from claims.models import ClaimEmbedding, EmbeddingCell

KNOWN = "The city council approved a ban on plastic bags in grocery stores."
# Not one content word in common with KNOWN: the word index cannot find it.
REWORDED = "Local lawmakers voted to outlaw single-use carrier sacks at supermarkets."
OTHERS = (
    "The harbour handled 3 million containers last year, a record.",
    "Wheat exports from the port doubled after the new terminal opened.",
    "The minister said teachers will get a 4 percent pay rise in September.",
    "Flights from the northern airport were cancelled because of fog on Tuesday.",
    "The museum welcomed 900,000 visitors in its first year.",
    "A new hospital wing with 120 beds opened in the capital.",
)


@pytest.fixture(autouse=True)
def empty_cache():
    semantic._vectors.clear()
    yield
    semantic._vectors.clear()


@pytest.fixture
def archive(make_claim):
    known = make_claim(KNOWN)
    for text in OTHERS:
        make_claim(text)
    return known


def test_a_rewording_sharing_no_word_is_found_by_its_embedding(archive):
    assert archive.pk not in candidate_ids(REWORDED)  # the word index misses it
    assert archive.pk in cells.nearest(REWORDED)
    matches = find_similar(REWORDED)
    assert [m.claim for m in matches] == [archive]
    assert matches[0].result.decision == "suggest"


def test_nearest_leaves_out_what_the_index_leaves_out(archive, make_claim):
    assert archive.pk not in cells.nearest(REWORDED, exclude=[archive.pk])
    assert cells.nearest(REWORDED, published_only=True) == []  # nothing is published
    assert cells.nearest(REWORDED, k=0) == []


def test_building_files_every_vector_and_new_ones_as_they_come(archive, make_claim):
    count, filed = cells.build(cells=3)
    assert (count, filed) == (3, 1 + len(OTHERS))
    assert EmbeddingCell.objects.count() == 3
    assert not ClaimEmbedding.objects.filter(cell__isnull=True).exists()
    assert sum(cells.sizes()) == filed
    later = make_claim("The bakery on Main Street raised the price of bread by 10 cents.")
    assert ClaimEmbedding.objects.get(claim=later).cell is not None
    # With every cell probed the nearest claims are those of the exact search.
    assert archive.pk in cells.nearest(REWORDED)


def test_only_the_probed_cells_are_read(archive, monkeypatch):
    cells.build(cells=4)
    monkeypatch.setattr(cells, "PROBES", 1)
    query = semantic.vector(REWORDED)
    nearest_cell = int(np.argmax(cells.centroids() @ query))
    in_cell = set(
        ClaimEmbedding.objects.filter(cell=nearest_cell).values_list("claim_id", flat=True)
    )
    found = cells.nearest(REWORDED, k=50)
    assert found and set(found) == in_cell


def test_a_large_archive_without_cells_gets_no_embedding_candidates(archive, monkeypatch, caplog):
    monkeypatch.setattr(cells, "EXACT_UP_TO", 3)
    with caplog.at_level(logging.WARNING, logger="claims.matching.cells"):
        assert cells.nearest(REWORDED) == []
    assert "build_embedding_cells" in caplog.text
    cells.build(cells=2)
    assert archive.pk in cells.nearest(REWORDED)


def test_kmeans_is_deterministic_and_gives_unit_centroids():
    rng = np.random.default_rng(3)
    sample = rng.standard_normal((200, 8)).astype(np.float32)
    sample /= np.linalg.norm(sample, axis=1, keepdims=True)
    first = cells.kmeans(sample, 5, seed=1)
    assert np.array_equal(first, cells.kmeans(sample, 5, seed=1))
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert cells.kmeans(sample[:3], 5).shape == (3, 8)  # never more cells than vectors


def test_cell_count_grows_as_the_square_root():
    assert cells.cell_count(1) == 4
    assert cells.cell_count(10_000) == 400
    assert cells.cell_count(1_000_000) == 4_000
    assert cells.cell_count(10**12) == cells.MAX_CELLS


def test_the_command_reports_what_it_built(archive, capsys):
    call_command("build_embedding_cells", cells=2)
    out = capsys.readouterr().out
    assert out.startswith(f"2 cells, {1 + len(OTHERS)} embeddings filed")


@pytest.mark.parametrize("option", ["cells", "sample", "iterations"])
def test_the_command_refuses_a_count_under_one(archive, option):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=f"--{option} must be at least 1"):
        call_command("build_embedding_cells", **{option: 0})
    assert not EmbeddingCell.objects.exists()


def test_the_command_on_an_empty_archive(db, capsys):
    call_command("build_embedding_cells")
    assert "run embed_claims first" in capsys.readouterr().out


def test_a_large_archive_is_not_read_again_for_a_minute(archive, monkeypatch):
    monkeypatch.setattr(cells, "EXACT_UP_TO", 3)
    assert cells.nearest(REWORDED) == []
    read = []
    monkeypatch.setattr(semantic, "vector", lambda text: read.append(text))
    assert cells.nearest(REWORDED) == []
    assert read == []  # given up before embedding or reading anything


def test_the_beat_task_builds_cells_when_they_are_due(archive, make_claim, monkeypatch):
    from claims.tasks import refresh_embedding_cells_task

    assert refresh_embedding_cells_task() == 0  # 7 vectors: read whole, no cells needed
    monkeypatch.setattr(cells, "EXACT_UP_TO", 3)
    built = refresh_embedding_cells_task()
    assert built == min(cells.cell_count(1 + len(OTHERS)), 1 + len(OTHERS))  # <= vectors
    assert refresh_embedding_cells_task() == 0  # built over all of them: not due
    monkeypatch.setattr(cells, "REBUILD_GROWTH", 1)
    assert refresh_embedding_cells_task() == built  # grown enough (here: at all)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="this run uses SQLite; the PostgreSQL run covers it"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_build_leaves_every_page_of_vectors_readable_from_the_index_alone(make_claim):
    for text in (KNOWN, *OTHERS):
        make_claim(text)
    cells.build(cells=3)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'claims_claimembedding'"
        )
        pages, visible = cursor.fetchone()
    assert pages > 0
    assert visible == pages
