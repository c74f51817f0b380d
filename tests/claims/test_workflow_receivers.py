"""The workflow's side effects are the receivers its module docstring lists, in its order.

Receivers run in the order they were connected: the claims app's (``claims.apps``) before
the reviewers app's (``reviewers.apps``), as ``INSTALLED_APPS`` lists them. A receiver
added, removed or reordered fails here until the docstring of ``claims.workflow`` says so.
"""

from __future__ import annotations

import re
import weakref

import pytest
from django.db.models.signals import post_save

from claims import workflow
from claims.models import ClaimEvent
from claims.workflow import claim_created, claim_transitioned, verdict_deciding

# (dispatch_uid, the receiver's dotted path), in the order each signal calls them.
EXPECTED = {
    "claim_created": [
        ("claims-matching", "claims.matching.services.on_claim_created"),
        ("claims-ledger", "claims.claimants.ledger.receivers.on_claim_created"),
        ("reviewers-auto-route", "reviewers.sync.on_claim_created"),
    ],
    "claim_transitioned": [
        ("claims-webhooks", "claims.webhooks.events.on_claim_transitioned"),
        (
            "claims-ledger-verdicts",
            "claims.claimants.ledger.contradictions.on_claim_transitioned",
        ),
        ("reviewers-sync", "reviewers.sync.on_claim_transitioned"),
        ("reviewers-notify", "reviewers.notifications.on_claim_transitioned"),
    ],
    "verdict_deciding": [
        ("reviewers-review-hold", "reviewers.review_holds.on_verdict_deciding"),
    ],
}
SIGNALS = {
    "claim_created": claim_created,
    "claim_transitioned": claim_transitioned,
    "verdict_deciding": verdict_deciding,
}


def wired(signal, sender: object = None) -> list[tuple[str, str]]:
    """(dispatch_uid, dotted path) of each receiver connected for ``sender`` (None: for
    every sender), in the order the signal calls them (the order they were connected)."""
    found = []
    for (uid, sender_key), ref, *_ in signal.receivers:
        if sender_key != id(sender):
            continue
        receiver = ref() if isinstance(ref, weakref.ReferenceType) else ref
        found.append((uid, f"{receiver.__module__}.{receiver.__qualname__}"))
    return found


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_workflow_signal_has_exactly_the_listed_receivers_in_order(name):
    assert wired(SIGNALS[name]) == EXPECTED[name]


def test_a_claim_event_saved_renews_the_lease_and_nothing_else():
    # post_save has receivers of other senders (Django's own); a ClaimEvent's are ours.
    assert wired(post_save, ClaimEvent) == [
        ("reviewers-lease-renewal", "reviewers.sync.on_claim_event_saved")
    ]


def test_the_workflow_docstring_lists_every_receiver_in_calling_order():
    doc = workflow.__doc__
    for name, receivers in EXPECTED.items():
        section = doc.split(f"``{name}`` (", 1)[1].split("\n\n``", 1)[0]
        listed = re.findall(r"^\d+\. ``([\w.]+)`` \(``([\w-]+)``\)", section, re.MULTILINE)
        assert [(uid, path) for path, uid in listed] == receivers, name
    assert "``reviewers.sync.on_claim_event_saved`` (``reviewers-lease-renewal``)" in " ".join(
        doc.split()
    )
