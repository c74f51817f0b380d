"""What every desk selector shares: who may read the desk's work, and the statuses that
make a claim open, assigned or counted against its SLA."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from claims import permissions, roles
from claims.models import Claim
from claims.types import User
from claims.workflow import ActionNotPermitted

# Claims that are waiting on the desk: past ``due_at`` in one of these is an SLA breach.
SLA_STATUSES = (Claim.Status.QUEUED, Claim.Status.IN_REVIEW)


def _require_staff(viewer: User) -> None:
    if not permissions.can_review(viewer):
        raise ActionNotPermitted("Only the desk may see its work.")


# Claims the desk has not finished: waiting, being checked, or waiting for an editor.
OPEN_STATUSES = (Claim.Status.QUEUED, Claim.Status.IN_REVIEW, Claim.Status.PENDING_APPROVAL)
# An open claim with a reviewer holds one of these (approval and release clear it).
ASSIGNED_STATUSES = (Claim.Status.IN_REVIEW, Claim.Status.PENDING_APPROVAL)


def desk_members() -> QuerySet:
    """Active fact-checkers and editors: who may be assigned or mentioned. A user in both
    groups is one row (an ``EXISTS``, not a join)."""
    User = get_user_model()
    in_desk_group = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=(roles.FACT_CHECKERS, roles.EDITORS)
    )
    return User.objects.filter(Exists(in_desk_group), is_active=True)
