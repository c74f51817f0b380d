"""On PostgreSQL a statement run again and again on a connection is prepared: planned once."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.models import Claim

pytestmark = pytest.mark.postgres


def test_a_repeated_query_is_prepared_on_the_server(db):
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")
    if not connection.settings_dict["OPTIONS"].get("server_side_binding"):
        pytest.skip("DATABASE_PREPARED_STATEMENTS is off")
    for pk in range(1, 8):  # psycopg prepares after the 5th run
        list(Claim.objects.filter(pk=pk, status=Claim.Status.PUBLISHED).values("id"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "claims_claim"' in sql and "$1" in sql for sql in prepared), prepared
