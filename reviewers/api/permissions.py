"""Who may call the staff workflow API: a token with the ``review`` scope (or a session) of
an account that may review claims. Which action a reviewer may take on which claim is the
services' decision (a refusal there is a 403 too), so it holds whatever the door."""

from __future__ import annotations

from claims import permissions
from claims.api.permissions import RequiresScope
from claims.models import ApiToken


class ReviewScope(RequiresScope):
    scope = ApiToken.Scope.REVIEW

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False  # 401: DRF answers an unauthenticated refusal with the challenge
        if not super().has_permission(request, view):
            return False
        if not permissions.can_review(user):
            self.message = "Only fact-checkers and editors may use the workflow API."
            return False
        return True
