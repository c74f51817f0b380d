"""Ids in paths, bodies and query strings: whole numbers the database can hold, or refused.

An id past the database's integer range is not "no such row" to the database: SQLite
cannot bind an int over 2**63 - 1 (OverflowError), and PostgreSQL refuses a value past its
column type when it has to cast one (DataError). Django's own lookups check the range only
for plain ``exact``/``gt``/... on an integer field, not on a foreign key (``claim_id=``) nor
for ``in``. So the range is checked where an id comes in, the same way everywhere:

- in a path, ``<id:pk>`` (:class:`IdConverter`, registered by the claims app) matches 1
  to ``MAX_ID`` only: a longer number is an unknown address, a 404 problem;
- in a body or a query string, :func:`id_field` is an ``IntegerField`` bounded to the same
  range: a 400 on that field;
- in the OpenAPI schema both say ``minimum: 1`` and ``maximum: MAX_ID`` (:data:`ID_SCHEMA`).

``MAX_ID`` is the largest ``BigAutoField`` (every table of ours). User ids are
``AutoField`` (PostgreSQL ``integer``), so :data:`MAX_USER_ID` is that type's maximum.
"""

from __future__ import annotations

from django.urls import register_converter
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

MAX_ID = 2**63 - 1
MAX_USER_ID = 2**31 - 1

ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class IdConverter:
    # 19 digits hold MAX_ID; the regex keeps int() away from a megabyte of digits.
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # the route does not match: a 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register_converters() -> None:
    """``<id:...>`` in URL patterns; called once, from ``ClaimsConfig.ready``."""
    register_converter(IdConverter, "id")


def id_field(*, maximum: int = MAX_ID, **kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=maximum, **kwargs)


def id_parameter(description: str) -> OpenApiParameter:
    """The ``{id}`` path parameter, with the range the converter matches."""
    return OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description=description)
