"""The ledger's moves from a claim's desk page: corroborate, contradict, withdraw or reopen
its anonymous report (``claims.claimants.ledger``). A refused move comes back on the
claim's page with its form as sent and the error beside the input it is about."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import permissions
from claims.claimants.ledger import (
    ReportAction,
    report_contradict,
    report_corroborate,
    report_reopen,
    report_withdraw,
)
from claims.models import Claim
from reviewers.views.common import Refusal, Refused, desk_view, run
from reviewers.views.report_panel import MOVES
from reviewers.views.review import _review_page

ledger_keepers_only = desk_view(
    permissions.can_keep_report_ledger, "Only the desk keeps the ledger of anonymous reports."
)

SERVICES = {
    ReportAction.CORROBORATE: report_corroborate,
    ReportAction.CONTRADICT: report_contradict,
    ReportAction.WITHDRAW: report_withdraw,
    ReportAction.REOPEN: report_reopen,
}


@require_POST
@ledger_keepers_only
def report_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    chosen = MOVES[move]
    form = chosen.make_form(request.POST)
    service = SERVICES[chosen.action]
    try:
        run(form, lambda data: service(claim=claim.pk, actor=request.user, **data))
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, chosen.name))
    messages.success(request, chosen.done)
    return redirect(f"{reverse('desk:claim', args=[claim.pk])}#report")
