"""A row or its id: what the services accept, and the one way they read the id from it.

(Ids arriving over HTTP are checked in :mod:`claims.api.ids`.)
"""

from __future__ import annotations

from django.db.models import Model


def pk_of(row: Model | int | str) -> int:
    """The primary key of ``row``, given the row itself or its id (a str of digits, as a
    form may send it, counts as the id)."""
    return row.pk if isinstance(row, Model) else int(row)
