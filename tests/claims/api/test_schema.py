"""The OpenAPI schema documents every endpoint, and the docs are served without a CDN."""

from __future__ import annotations

import re
from io import StringIO

import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from claims.api.ids import MAX_ID
from claims.api.urls import urlpatterns
from tests.openapi import openapi_schema


def test_schema_is_valid_and_generates_without_warnings(db):
    schema = openapi_schema()
    documented = set(schema["paths"])
    routed = {f"/api/v1/{p.pattern}".replace("<id:pk>", "{id}") for p in urlpatterns[:-1]}
    # Other apps (the reviewers' staff API) add their own paths under /api/v1/ too.
    assert routed <= documented, routed - documented
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "patch", "put", "delete"} and path in routed
    ]
    for path, method, operation in operations:
        responses = operation["responses"]
        expected = {"401", "403", "429"}
        if method == "get" and not path.startswith("/api/v1/webhooks/"):
            expected.add("200")
            # A stream has no validator to answer a conditional request with.
            if path != "/api/v1/claims/export/":
                expected.add("304")
        if "{id}" in path:
            expected.add("404")
        if "requestBody" in operation:
            expected |= {"400", "415"}
        assert expected <= set(responses), (path, method, expected - set(responses))
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


def test_the_claim_shape_documents_sentence_claim_text_and_attribution(db):
    claim = openapi_schema()["components"]["schemas"]["Claim"]
    for field in ("text", "claim_text", "claimant", "claimant_role", "cue"):
        assert claim["properties"][field]["type"] == "string", field
        assert field in claim["required"], field
    assert "attribution frame" in claim["properties"]["claim_text"]["description"]


def test_every_id_in_a_path_states_the_range_the_server_matches(db):
    schema = openapi_schema()
    ids = [
        (path, parameter["schema"])
        for path, item in schema["paths"].items()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["name"] == "id"
    ]
    assert len({path for path, _ in ids}) >= 20
    for path, parameter in ids:
        assert parameter == {"type": "integer", "minimum": 1, "maximum": MAX_ID}, path


def test_request_shapes_state_what_the_server_refuses(db, settings):
    settings.VERDICT_MIN_SOURCES = 2
    out = StringIO()
    call_command("spectacular", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    requests = {
        name: component
        for name, component in schema["components"]["schemas"].items()
        if name.endswith("Request")
    }
    assert len(requests) >= 10
    # A required string is refused when blank: it says so (minLength), in every request.
    for name, component in requests.items():
        for field in component.get("required", []):
            prop = component["properties"][field]
            if (
                prop.get("type") == "string"
                and "enum" not in prop
                and prop.get("format") != "binary"
            ):
                assert prop.get("minLength", 0) >= 1, (name, field)
    # Every list a request takes is refused empty (ids, sources, webhook events): it says so.
    lists = [
        (name, field, prop)
        for name, component in requests.items()
        for field, prop in component.get("properties", {}).items()
        if prop.get("type") == "array"
    ]
    assert len(lists) >= 7
    for name, field, prop in lists:
        assert prop.get("minItems", 0) >= 1, (name, field)
    # Id lists: the bulk actions refuse an empty list, a verdict too few sources.
    bulk = ("BulkQueueInputRequest", "BulkDismissInputRequest", "BulkMergeInputRequest")
    for name in (*bulk, "BulkAssignInputRequest"):
        assert requests[name]["properties"]["claim_ids"]["minItems"] == 1
    assert requests["ProposeInputRequest"]["properties"]["sources"]["minItems"] == 2
    # Responses are not held to it: an output string may be empty.
    assert "minLength" not in schema["components"]["schemas"]["Claim"]["properties"]["claimant"]


def test_a_body_of_another_media_type_is_the_documented_415(db, editor, claim):
    from tests.claims.api.conftest import client_with_token
    from tests.claims.api.test_problems import assert_problem

    desk = client_with_token(editor, "review")
    response = desk.generic(
        "POST", f"/api/v1/claims/{claim.pk}/dismiss/", "reason=x", content_type="text/plain"
    )
    assert_problem(response, 415, "unsupported_media_type")


def test_the_change_feed_documents_its_items_as_a_claim_or_a_tombstone(db):
    schema = openapi_schema()
    listing = schema["paths"]["/api/v1/claims/"]["get"]
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    items = schema["components"]["schemas"][page.rsplit("/", 1)[1]]["properties"]["results"]
    item = schema["components"]["schemas"][items["items"]["$ref"].rsplit("/", 1)[1]]
    assert item["oneOf"] == [
        {"$ref": "#/components/schemas/Claim"},
        {"$ref": "#/components/schemas/Tombstone"},
    ]
    tombstone = schema["components"]["schemas"]["Tombstone"]
    assert set(tombstone["required"]) == {"id", "removed", "removed_at", "reason", "updated_at"}
    assert "tombstone" in listing["description"]


def test_the_claimreview_item_documents_its_claimant_appearances_language_and_date(db):
    schemas = openapi_schema()["components"]["schemas"]
    item = schemas["SchemaClaim"]["properties"]
    assert {"author", "appearance", "firstAppearance", "inLanguage", "datePublished"} <= set(item)
    assert "datePublished" in schemas["SchemaClaim"]["required"]
    assert "jobTitle" in schemas["SchemaClaimant"]["properties"]
    assert "datePublished" in schemas["SchemaCreativeWork"]["properties"]


def test_the_detail_verdict_documents_its_rationale_and_the_list_verdict_does_not(db):
    schemas = openapi_schema()["components"]["schemas"]
    detail_verdict = schemas["ClaimDetail"]["properties"]["verdict"]["allOf"][0]["$ref"]
    assert detail_verdict == "#/components/schemas/VerdictDetail"
    assert "page publishes" in schemas["VerdictDetail"]["properties"]["rationale"]["description"]
    assert "rationale" not in schemas["Verdict"]["properties"]


def test_request_shapes_state_the_rules_a_server_check_would_otherwise_surprise(db):
    schema = openapi_schema()
    components = schema["components"]["schemas"]

    def parameter(path: str, name: str) -> dict:
        (found,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
        return found["schema"]

    # An address is a URI of the scheme the server takes: "example.com" is not one.
    http = {"format": "uri", "pattern": "^https?://"}
    addresses = [
        parameter("/api/v1/articles/lookup/", "url"),
        parameter("/api/v1/claims/", "article_url"),
        components["SubmitURLRequest"]["properties"]["url"],
        components["SubmitFileRequest"]["properties"]["url"],
        components["SourceInputRequest"]["properties"]["url"],
        components["WebhookCreateRequest"]["properties"]["url"],
    ]
    for address in addresses:
        assert http.items() <= address.items(), address
    consumer = components["ConsumerWebhookCreateRequest"]["properties"]["url"]
    assert consumer["pattern"] == "^https://"
    # The export's cursor has one shape, and every string of it is a cursor.
    assert parameter("/api/v1/claims/export/", "cursor")["pattern"] == "^[A-Za-z0-9_-]{21}[AQgw]$"
    # An upload is HTML or text, in the part's own Content-Type.
    upload = schema["paths"]["/api/v1/articles/"]["post"]["requestBody"]["content"]
    types = upload["multipart/form-data"]["encoding"]["file"]["contentType"].split(", ")
    assert set(types) == {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}
    # Each bulk triage action requires what it needs.
    triage = components["BulkTriageRequest"]
    assert triage["discriminator"]["propertyName"] == "action"
    assert "reason" in components["BulkDismissInputRequest"]["required"]
    assert "canonical" in components["BulkMergeInputRequest"]["required"]
    # A reference that may name no row documents its 422; a duplicate source its 409.
    for path in ("/api/v1/claims/", "/api/v1/triage/bulk/", "/api/v1/assign/bulk/"):
        operation = schema["paths"][path].get("get") or schema["paths"][path]["post"]
        assert "422" in operation["responses"], path
    for action in ("triage", "assign", "merge"):
        path = f"/api/v1/claims/{{id}}/{action}/"
        assert "422" in schema["paths"][path]["post"]["responses"], path
    assert "409" in schema["paths"]["/api/v1/claims/{id}/sources/"]["post"]["responses"]
