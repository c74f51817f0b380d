"""The OpenAPI schema documents every endpoint, and the docs are served without a CDN."""

from __future__ import annotations

import re
from io import StringIO

import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from claims.api.urls import urlpatterns


def test_schema_is_valid_and_generates_without_warnings(db):
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    documented = set(schema["paths"])
    routed = {f"/api/v1/{p.pattern}".replace("<int:pk>", "{id}") for p in urlpatterns[:-1]}
    assert documented == routed
    for path, item in schema["paths"].items():
        responses = item["get"]["responses"]
        for status in ("200", "304", "401", "403", "404", "429"):
            assert status in responses, (path, status)
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                assert set(response["content"]) == {"application/problem+json"}
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_schema_and_docs_are_public(client, db):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html and "unpkg" not in html
    # Every asset the page loads is one of our static files (served by WhiteNoise).
    assets = re.findall(r'"/static/([^"]+)"', html)
    assert len(assets) >= 3
    assert all(finders.find(asset) for asset in assets), assets
