"""Every workflow endpoint is in the OpenAPI schema, with its errors as problems."""

from __future__ import annotations

from reviewers.api.urls import urlpatterns
from tests.openapi import openapi_schema


def test_every_workflow_endpoint_is_documented_with_its_errors(db):
    schema = openapi_schema()
    routed = {
        f"/api/v1/{p.pattern}".replace("<id:pk>", "{id}").replace("<slug:slug>", "{slug}")
        for p in urlpatterns
    }
    assert routed <= set(schema["paths"])
    for path in routed:
        for method, operation in schema["paths"][path].items():
            if method not in {"get", "post", "delete"}:
                continue
            responses = operation["responses"]
            assert {"401", "403", "429"} <= set(responses), (path, method)
            assert any(s.startswith("2") for s in responses), (path, method)
            if "{id}" in path:
                assert "404" in responses, (path, method)
            if method == "post" and "{id}" in path:
                assert {"400", "409"} <= set(responses), (path, method)
            if "requestBody" in operation:
                assert {"400", "415"} <= set(responses), (path, method)
            assert operation["tags"] == ["Workflow (staff)"]
            for status, response in responses.items():
                if status.startswith("4"):
                    assert set(response["content"]) == {"application/problem+json"}
