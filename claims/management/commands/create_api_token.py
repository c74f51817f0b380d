"""Create an API token for a user and print it once: the token alone on the last line."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from claims.api.tokens import SCOPES, TokenError, token_issue


class Command(BaseCommand):
    help = (
        "Create an API token. It is printed once, alone on the last line of the output, "
        "and cannot be shown again (only its hash is stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="User name the token acts as.")
        parser.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=sorted(SCOPES),
            help="Repeat for several scopes: --scope read --scope ingest.",
        )
        parser.add_argument(
            "--expires-in-days", type=int, default=None, help="Expire after N days (N >= 1)."
        )
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, user, scope, expires_in_days, name, **options):
        User = get_user_model()
        try:
            owner = User.objects.get(**{User.USERNAME_FIELD: user})
        except User.DoesNotExist:
            raise CommandError(f"No user named {user!r}.") from None
        if not owner.is_active:
            raise CommandError(f"User {user!r} is inactive.")
        if expires_in_days is not None and expires_in_days < 1:
            raise CommandError("--expires-in-days must be at least 1.")
        expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
        try:
            token, secret = token_issue(user=owner, scopes=scope, name=name, expires_at=expires_at)
        except TokenError as exc:
            raise CommandError(str(exc)) from None
        expiry = f"expires {token.expires_at:%Y-%m-%d %H:%M} UTC" if expires_at else "no expiry"
        self.stderr.write(
            f"Token {token.prefix}… for {owner} (scopes: {', '.join(token.scopes)}; {expiry}). "
            "Store it now; it cannot be shown again."
        )
        self.stdout.write(secret)
