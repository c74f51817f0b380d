"""What a newcomer sees after `make run`: the seed article and demo users in the admin."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from claims.models import Article


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_users_sign_in_and_see_the_seed_article(client, settings):
    settings.DEBUG = True
    settings.DEMO_MODE = True
    settings.SITE_URL = "http://127.0.0.1:9123/"  # `make run PORT=9123`
    out = StringIO()
    call_command("load_demo", stdout=out)
    printed = dict(re.findall(r"^  (checker|editor|consumer)\s+(\S+)$", out.getvalue(), re.M))
    assert set(printed) == {"checker", "editor", "consumer"}
    # The banner names the address served, not a fixed port.
    assert "Sign in to the desk at http://127.0.0.1:9123/accounts/login/" in out.getvalue()
    assert "Administration (staff): http://127.0.0.1:9123/admin/" in out.getvalue()
    assert ":8000" not in out.getvalue()

    article = Article.objects.get()
    assert article.status == "done" and article.claims.exists()

    assert client.login(username="editor", password=printed["editor"])
    page = client.get("/admin/claims/article/")
    assert page.status_code == 200
    assert article.title in page.content.decode()
    claim = article.claims.first()
    detail = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    assert detail.status_code == 200 and "Created" in detail.content.decode()

    # The demo reviewers can take work from the queues straight away.
    from django.contrib.auth.models import User

    from claims.workflow import claim_triage
    from reviewers.queues import assign_next

    checker = User.objects.get(username="checker")
    assert checker.review_queues.filter(is_default=True).exists()
    candidate = article.claims.filter(status="candidate").first()
    claim_triage(claim=candidate, actor=User.objects.get(username="editor"), queue="general")
    taken = assign_next(checker)
    assert taken is not None and taken.assignee == checker

    assert client.login(username="consumer", password=printed["consumer"])
    assert client.get("/admin/").status_code == 302  # not staff: back to the login page

    # Running it again keeps one article and prints new passwords.
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert Article.objects.count() == 1
    assert "already loaded" in again.getvalue()
