"""Request bodies are untrusted: JSON nested past any input of ours is a 400, never a 500."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.exceptions import ParseError

from claims.api.parsers import MAX_JSON_DEPTH, JSONParser, json_nesting_depth
from tests.claims.api.conftest import client_with_token
from tests.claims.api.test_problems import assert_problem

# 1,000 levels in 2 KB: Python's decoder raised RecursionError on it (a 500).
DEEP = "[" * 1000 + "]" * 1000

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\n\u00e9'),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab'), children, max_size=4)
    ),
    max_leaves=30,
)


def _depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@given(JSON_VALUES, st.booleans())
def test_nesting_depth_is_the_documents_own_whatever_its_strings_hold(value, ascii_only):
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert json_nesting_depth(text) == _depth(value)


def test_depth_of_text_that_is_not_json_is_still_counted():
    assert json_nesting_depth(DEEP) == 1000
    assert json_nesting_depth("[[[") == 3
    assert json_nesting_depth("]]]") == 0
    assert json_nesting_depth('"unterminated [[[') == 3


def _parse(text: str):
    return JSONParser().parse(io.BytesIO(text.encode()), "application/json", {})


def test_the_parser_takes_json_at_the_limit_and_refuses_one_level_more():
    at_limit = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert _parse(at_limit) == json.loads(at_limit)
    with pytest.raises(ParseError, match="nested deeper"):
        _parse("[" + at_limit + "]")
    # Brackets inside a string are text, not nesting.
    assert _parse(json.dumps({"note": DEEP})) == {"note": DEEP}


def test_deeply_nested_json_is_a_400_problem_on_every_endpoint_that_takes_json(editor, claim):
    staff = client_with_token(editor, "review", "ingest")
    # The default parser (a workflow action) and the bounded one (article submission).
    for url in (f"/api/v1/claims/{claim.pk}/dismiss/", "/api/v1/articles/"):
        response = staff.generic("POST", url, DEEP, content_type="application/json")
        body = assert_problem(response, 400, "parse_error")
        assert "nested deeper" in body["detail"]
