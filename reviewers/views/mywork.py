"""My work: the reviewer's open assignments and "take the next claim" per queue."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from claims import permissions
from claims.models import Claim
from reviewers import selectors
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.queues import assign_next
from reviewers.views.common import ActionFailed, as_message, desk_view

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")


@desk_only
def my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Editors may see everyone's; this page is about the viewer's own desk.
    assignments = selectors.my_work(viewer=user, assignee=user).filter(reviewer=user)
    queues = [q for q in selectors.queues_overview(viewer=user) if q.is_member]
    waiting = []
    if not queues:
        # Not in any queue yet (a new account): still offer the most urgent queued claims,
        # each of which can be taken from its page.
        waiting = list(
            QueueEntry.objects.filter(
                waiting=True, claim__status=Claim.Status.QUEUED, queue__is_active=True
            )
            .select_related("claim", "queue")
            .order_by("priority_at", "id")[:10]
        )
    context = {
        "assignments": assignments,
        "queues": queues,
        "waiting": waiting,
        "now": timezone.now(),
        "is_editor": permissions.can_assign_others(user),
    }
    return render(request, "reviewers/my_work.html", context)


@require_POST
@desk_only
def take_next(request: HttpRequest) -> HttpResponse:
    queue = None
    if request.POST.get("queue"):
        queue = get_object_or_404(ReviewQueue, slug=request.POST["queue"], is_active=True)
        if not queue.members.filter(pk=request.user.pk).exists():
            messages.error(request, f"You are not a member of the queue {queue.name}.")
            return redirect("desk:my-work")
    try:
        with as_message(request):
            claim = assign_next(request.user, queue)
    except ActionFailed:
        return redirect("desk:my-work")
    if claim is None:
        messages.info(request, "Nothing is waiting in that queue right now.")
        return redirect("desk:my-work")
    messages.success(request, "Here is your next claim.")
    return redirect("desk:claim", pk=claim.pk)
