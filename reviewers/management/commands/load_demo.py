"""Load the demo desk: the seed article with its claims, and three demo users.

It lives in the reviewers app because it wires both apps: the demo reviewers join the
review queues.

Demo mode only (DEBUG and FACTCHECK_DEMO on). The users' passwords are new on every run
and printed once, so nothing secret is stored in the repository.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

import claims
from claims import roles
from reviewers.models import ReviewQueue
from reviewers.notifications import site_url

DEMO_USERS = [
    # username, group, may use the admin, works the review queues
    ("checker", roles.FACT_CHECKERS, True, True),
    ("editor", roles.EDITORS, True, True),
    ("consumer", roles.API_CONSUMERS, False, False),
]
BUILT_IN_SAMPLE = Path(claims.__file__).resolve().parent / "demo" / "sample_article.txt"


def seed_article_path() -> Path:
    """The project's seed article from ../shared/fixtures, else our own short sample."""
    configured = getattr(settings, "FACTCHECK_SEED_ARTICLE", None)
    candidates = [Path(configured)] if configured else []
    candidates.append(
        settings.BASE_DIR.parent / "shared" / "fixtures" / "seed-article-buffer-zone.txt"
    )
    for path in candidates:
        if path.is_file():
            return path
    return BUILT_IN_SAMPLE


class Command(BaseCommand):
    help = "Load the seed article and demo users (demo mode only)."

    def handle(self, *args, **options) -> None:
        if not (settings.DEBUG and settings.DEMO_MODE):
            raise CommandError(
                "load_demo only runs in demo mode (DEBUG=true FACTCHECK_DEMO=true); "
                "it creates users with known passwords."
            )
        from claims.ingestion.pipeline import ingest_text

        passwords = self._users()
        path = seed_article_path()
        title = (
            "Ukraine security guarantees: the buffer-zone idea returns"
            if path != BUILT_IN_SAMPLE
            else "Tram line ridership and costs (built-in sample)"
        )
        result = ingest_text(text=path.read_text(encoding="utf-8"), title=title)
        article = result.article
        article.refresh_from_db()
        state = "loaded" if result.created else "already loaded"
        self.stdout.write(
            f"Seed article {state}: {path.name} -> {article.claims.count()} claims "
            f"(status {article.status})."
        )
        self._print_passwords(passwords)

    @transaction.atomic
    def _users(self) -> dict[str, str]:
        passwords = {}
        for username, group_name, staff, reviews in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@demo.invalid"}
            )
            user.is_staff = staff
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            if reviews:
                # Members of every active queue, so "Take next claim" works at once.
                user.review_queues.add(*ReviewQueue.objects.filter(is_active=True))
            passwords[username] = password
        return passwords

    def _print_passwords(self, passwords: dict[str, str]) -> None:
        line = "-" * 60
        self.stdout.write(line)
        self.stdout.write("Demo users (passwords are new on every start; demo mode only):")
        for username, password in passwords.items():
            self.stdout.write(f"  {username:<9} {password}")
        # SITE_URL, which `make run` derives from the HOST and PORT it serves on.
        self.stdout.write(f"Sign in to the desk at {site_url(reverse('login'))}")
        self.stdout.write(f"Administration (staff): {site_url(reverse('admin:index'))}")
        self.stdout.write(line)
