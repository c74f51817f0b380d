"""``/api/v1/ratings/``: the newsroom's verdict scale, as consumers map verdicts onto theirs.
Who may read it is in test_authorization's matrix, with the other consumer endpoints."""

from __future__ import annotations

from claims.models import Rating

RATINGS = "/api/v1/ratings/"
KEYS = {"slug", "label", "value", "alternate_name", "order", "description", "active"}


def test_the_default_scale_in_its_order_with_what_each_rating_means(reader, db):
    response = reader.get(RATINGS)
    assert response.status_code == 200
    body = response.json()
    assert (body["worst_rating"], body["best_rating"]) == (1, 5)
    scale = body["results"]
    assert all(set(rating) == KEYS for rating in scale)
    assert [(r["slug"], r["value"], r["alternate_name"]) for r in scale] == [
        ("false", 1, "False"),
        ("mostly_false", 2, "Mostly false"),
        ("mixed", 3, "Half true"),
        ("mostly_true", 4, "Mostly true"),
        ("true", 5, "True"),
        ("misleading", None, "Misleading"),
        ("unverifiable", None, "Unverifiable"),
    ]
    assert [r["order"] for r in scale] == sorted(r["order"] for r in scale)
    # Every default rating says what it means, and no two say the same.
    descriptions = [r["description"] for r in scale]
    assert all(len(d) > 30 for d in descriptions) and len(set(descriptions)) == 7
    assert "contradicts" in scale[0]["description"]
    assert "Off the numeric scale" in scale[5]["description"]
    assert all(r["active"] for r in scale)


def test_a_newsrooms_own_and_retired_ratings_are_listed(reader, db):
    Rating.objects.create(
        slug="pants_on_fire",
        label="Pants on fire",
        alternate_name="Pants on fire",
        value=0,
        order=5,
        description="Not only wrong: ridiculous.",
    )
    Rating.objects.filter(slug="mixed").update(is_active=False)
    body = reader.get(RATINGS).json()
    scale = {r["slug"]: r for r in body["results"]}
    assert body["results"][0]["slug"] == "pants_on_fire"  # order 5, before false's 10
    assert body["worst_rating"] == 0
    # Published verdicts keep a retired rating, so consumers still need to read it.
    assert scale["mixed"]["active"] is False


def test_the_slugs_are_what_verdicts_carry(published, reader):
    slugs = {r["slug"] for r in reader.get(RATINGS).json()["results"]}
    listed = reader.get("/api/v1/claims/").json()["results"]
    assert {item["verdict"]["rating"] for item in listed if item["verdict"]} <= slugs


def test_etag_gives_304_until_the_scale_changes(reader, db):
    first = reader.get(RATINGS)
    assert first["Cache-Control"] == "private, no-cache"
    assert reader.get(RATINGS, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Rating.objects.filter(slug="misleading").update(description="Reworded by the desk.")
    changed = reader.get(RATINGS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "Reworded by the desk." in changed.content.decode()


def test_the_scale_is_two_statements(reader, db, django_assert_num_queries):
    reader.get(RATINGS)  # records the token's use and caches the permission set
    # 1 token with its user, 1 the ratings.
    with django_assert_num_queries(2):
        assert reader.get(RATINGS).status_code == 200
