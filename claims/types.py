"""The type of the person a service acts for or a selector reads as, for signatures.

``User`` is a signed-in user (the project keeps Django's ``auth.User``, an
``AbstractUser``: permissions, staff flag, names) or the ``AnonymousUser`` of a request
that is not signed in; the permission predicates in ``claims.permissions`` answer for
both. Where a function also accepts no one at all (the system: a task, an automatic
merge), its signature says ``User | None``.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AbstractUser, AnonymousUser

User: TypeAlias = AbstractUser | AnonymousUser
