"""Staff workflow endpoints (scope ``review`` or a staff session).

Each view translates: the input serializer validates, one service from
``claims.workflow`` / ``reviewers.*`` acts (permissions and history are the service's),
a selector reloads what changed, an output serializer renders. Domain errors become
problems in ``claims.api.exceptions`` (409 illegal transition, 403 not permitted, 400
invalid input); a missing claim, verdict or source is a 404.

One module per resource: ``triage`` and ``assignment`` (actions on a claim), ``next``
(take the most urgent claim), ``sources``, ``verdicts``, ``bulk`` (many claims at once),
``queues`` (backlog and overdue), ``work`` (my work, the editor inbox), ``history``; what
they share is in ``common``. The views are re-exported here for ``reviewers.api.urls``.
"""

from reviewers.api.views.assignment import AssignView, ReleaseView, RenewView, ReopenView
from reviewers.api.views.bulk import BulkAssignView, BulkTriageView
from reviewers.api.views.history import HistoryView
from reviewers.api.views.next import NextView, QueueNextView
from reviewers.api.views.queues import OverdueView, QueuesView
from reviewers.api.views.sources import SourcesView, SourceView
from reviewers.api.views.triage import DismissView, MergeView, RestoreView, TriageView
from reviewers.api.views.verdicts import ApproveView, ProposeView, RequestChangesView, WithdrawView
from reviewers.api.views.work import InboxView, MyWorkView

__all__ = [
    "ApproveView",
    "AssignView",
    "BulkAssignView",
    "BulkTriageView",
    "DismissView",
    "HistoryView",
    "InboxView",
    "MergeView",
    "MyWorkView",
    "NextView",
    "OverdueView",
    "ProposeView",
    "QueueNextView",
    "QueuesView",
    "ReleaseView",
    "RenewView",
    "ReopenView",
    "RequestChangesView",
    "RestoreView",
    "SourceView",
    "SourcesView",
    "TriageView",
    "WithdrawView",
]
