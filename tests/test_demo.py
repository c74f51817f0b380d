"""What a newcomer sees after `make run`: the seed article and demo users in the admin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Article

ROOT = Path(__file__).resolve().parent.parent


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
    from reviewers.take import assign_next

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


@pytest.mark.slow
def test_the_embedded_default_says_nothing_about_a_broker(tmp_path):
    """`make run` without REDIS_URL: tasks run in-process, and nothing logs about a broker
    ("kombu.connection No hostname was supplied" came from Celery's eager path taking a
    producer for a broker URL of None)."""
    unset = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        DEBUG="true",
        FACTCHECK_DEMO="true",
        FACTCHECK_VAR_DIR=str(tmp_path),
        FACTCHECK_ENV_FILE="off",
    )
    output = ""
    for command in ("migrate", "load_demo"):
        result = subprocess.run(
            [sys.executable, "manage.py", command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        output += result.stdout + result.stderr

    assert "Seed article loaded" in output
    assert "succeeded" in output  # the extraction task ran, in this process
    assert "kombu" not in output and "hostname" not in output.lower()
