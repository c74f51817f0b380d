"""The OpenAPI schema as ``manage.py spectacular --validate --fail-on-warn`` writes it under
the test settings, generated and parsed once per test process.

Nine tests read the schema. Each generated and parsed it again: a third of a second of YAML
parsing each (the first generation in a process another second), for the same document. A
test that changes a setting the schema reads first generates its own.
"""

from __future__ import annotations

import copy
from functools import cache
from io import StringIO

import yaml
from django.core.management import call_command


@cache
def _generated() -> dict:
    # The strictest run: it fails on any warning, so every reader checks that too. An
    # exception is not cached: every test that asks sees it.
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


def openapi_schema() -> dict:
    """The schema, a copy of its own for each caller (a test may change what it reads)."""
    return copy.deepcopy(_generated())
