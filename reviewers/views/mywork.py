"""My work: the reviewer's open assignments and "take the next claim" per queue."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from claims import permissions
from claims.models import Claim
from claims.workflow import ActionNotPermitted
from reviewers import selectors
from reviewers.forms import ActionForm
from reviewers.models import ReviewQueue
from reviewers.take import assign_next
from reviewers.views.common import Refusal, Refused, desk_view, run
from reviewers.views.review import mark_just_taken

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")

# The page's keyboard shortcuts (factcheck/static/js/desk.js), shown by "?".
SHORTCUTS = [("n", "Take the next claim"), ("?", "Show or hide these shortcuts")]


@desk_only
def my_work(request: HttpRequest) -> HttpResponse:
    return _my_work_page(request)


def _my_work_page(request: HttpRequest, refused: Refused | None = None) -> HttpResponse:
    """My work; after a refused take, with its error beside the queue's button (or at the
    top of the section when that queue is not listed), answered with the refusal's status."""
    user = request.user
    page = selectors.my_work_page(viewer=user)
    queues = page.queues
    context = {
        "shortcuts": SHORTCUTS,
        "assignments": page.assignments,
        "queues": queues,
        # Not in any queue yet (a new account): still offer the most urgent queued claims,
        # each of which can be taken from its page.
        "waiting": page.waiting,
        "now": timezone.now(),
        "is_editor": permissions.can_assign_others(user),
        "refused": refused,
        "refused_queue_listed": refused is not None
        and any(q.slug == refused.target for q in queues),
    }
    status = refused.status if refused is not None else 200
    return render(request, "reviewers/my_work.html", context, status=status)


@require_POST
@desk_only
def take_next(request: HttpRequest) -> HttpResponse:
    queue = None
    if request.POST.get("queue"):
        queue = get_object_or_404(ReviewQueue, slug=request.POST["queue"], is_active=True)
    form = ActionForm(request.POST)

    def take(_) -> Claim | None:
        if queue is not None and not queue.members.filter(pk=request.user.pk).exists():
            raise ActionNotPermitted(f"You are not a member of the queue {queue.name}.")
        return assign_next(request.user, queue)

    try:
        claim = run(form, take)
    except Refusal:
        return _my_work_page(request, Refused(form, "take-next", queue.slug if queue else ""))
    if claim is None:
        messages.info(request, "Nothing is waiting in that queue right now.")
        return redirect("desk:my-work")
    messages.success(request, "Here is your next claim.")
    mark_just_taken(request, claim)
    return redirect("desk:claim", pk=claim.pk)
