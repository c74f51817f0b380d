"""The broker is down when an article is submitted: the request still succeeds (202), the
article is stored pending, and the sweeper queues it once the broker is back. A real worker
then extracts it: nothing is lost, nothing runs twice.

``tests/claims/test_sweeper.py`` checks the sweep's message on the broker; this goes on from
the HTTP request to the finished article, with Celery's production publish settings.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims import roles
from claims.api.tokens import token_issue
from claims.ingestion.pipeline import PENDING_STALE_AFTER, sweep_stale_articles
from claims.models import Article, ClaimEvent
from claims.tasks import extract_article_task
from tests.conftest import make_user
from tests.faults.servers import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_article_posted_while_the_broker_is_down_is_extracted_once_when_it_is_back(
    broker, start_worker, seed_text
):
    checker = make_user("broker-checker", roles.FACT_CHECKERS)
    _, secret = token_issue(user=checker, scopes=("ingest",))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

    broker.stop()
    response = client.post(
        "/api/v1/articles/", {"text": seed_text, "title": "Buffer zone"}, format="json"
    )
    assert response.status_code == 202, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert article.status == Article.Status.PENDING and not article.claims.exists()

    broker.start()
    assert broker.queued() == [], "nothing reached the broker while it was down"
    # Beat's sweep: not yet (its message may still be on the way), then once it is stale.
    assert sweep_stale_articles() == 0
    later = timezone.now() + PENDING_STALE_AFTER + timedelta(seconds=1)
    assert sweep_stale_articles(now=later) == 1
    assert sweep_stale_articles(now=later) == 0
    assert len(broker.queued()) == 1

    worker = start_worker()

    def extracted() -> bool:
        article.refresh_from_db()
        return article.status == Article.Status.DONE

    wait_for(extracted, timeout=30, what="the swept article extracted by the worker")
    # The message is acknowledged, and no other is left to run it again.
    wait_for(lambda: broker.unacked() == 0, timeout=5, what="the task acknowledged")
    assert broker.queued() == []
    assert worker.log().count(f"{extract_article_task.name}[") == 2, worker.log()  # got, done
    assert sweep_stale_articles(now=later + PENDING_STALE_AFTER) == 0

    claims = list(article.claims.all())
    assert claims, "the seed article has check-worthy claims"
    assert len({c.text_hash for c in claims}) == len(claims)
    created = ClaimEvent.objects.filter(claim__article=article, kind="created")
    assert sorted(created.values_list("claim_id", flat=True)) == sorted(c.pk for c in claims)
