"""Shapes of the staff workflow API: inputs validated here, outputs rendered from what the
selectors loaded. Staff see the internal record (statuses, assignees, notes); none of this
is ever served to consumers."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from claims.api.ids import MAX_USER_ID, id_field
from claims.api.schema import WebAddressField
from claims.ingestion.urls import InvalidURL, normalize_url
from claims.models import Claim, ClaimEvent, SourceLink, Verdict
from reviewers.bulk import BULK_LIMIT
from reviewers.review_holds import active_hold
from reviewers.services import TriageAction

User = get_user_model()

# The characters of a URI (RFC 3986), a "%" only before two hex digits; no "[" or "]" (an
# IPv6 literal is no source's address).
URI_TEXT = re.compile(r"(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+")
NOTE = {"required": False, "allow_blank": True, "default": "", "max_length": 5000}
CLAIM_TEXT_HELP = "The statement checked, without its attribution frame (Claim.statement)."


# --- inputs ---------------------------------------------------------------------------


class NoteInput(serializers.Serializer):
    note = serializers.CharField(**NOTE, help_text="Optional; kept in the claim's history.")


class RequiredNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=5000, help_text="Required; kept in the history.")


class TriageInput(NoteInput):
    queue = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Queue slug; omit or null to let the routing rules choose.",
    )


class DismissInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, help_text="Why it is not worth checking.")


class MergeInput(NoteInput):
    canonical = id_field(help_text="Id of the claim this one repeats.")


class _Assignee(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "User id of the reviewer.")
        super().__init__(
            queryset=User.objects.filter(is_active=True),
            pk_field=id_field(maximum=MAX_USER_ID),
            **kwargs,
        )

    def to_internal_value(self, data):
        # DRF converts with the pk field but does not validate with it: a number past the
        # range would be "no such user" (a 422), while the schema calls it invalid (a 400).
        self.pk_field.run_validation(data)
        return super().to_internal_value(data)


class AssignInput(NoteInput):
    assignee = _Assignee()


class SourceInput(serializers.Serializer):
    url = WebAddressField(max_length=2048, help_text="The source's http(s) address.")
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=SourceLink.Kind.choices, default=SourceLink.Kind.OTHER)
    stance = serializers.ChoiceField(
        choices=SourceLink.Stance.choices, default=SourceLink.Stance.CONTEXT
    )

    def validate_url(self, value: str) -> str:
        # What the schema says: a URI (ASCII; anything else percent-encoded), under the
        # rules of every address the API takes (claims.ingestion.urls), not Django's
        # URLValidator's, which refuses a one-letter top-level domain a "uri" may have.
        # Stored as given: the desk shows the link as it was cited, fragment included.
        if not URI_TEXT.fullmatch(value):
            raise serializers.ValidationError(
                "Write the address as a URI: other characters than ASCII letters, digits "
                "and URI punctuation percent-encoded (%C3%A9), no spaces."
            )
        try:
            normalize_url(value)
        except InvalidURL as exc:
            raise serializers.ValidationError(exc.message) from None
        return value


class ProposeInput(serializers.Serializer):
    rating = serializers.SlugField(help_text="Rating slug, e.g. mostly_false.")
    headline = serializers.CharField(max_length=300)
    summary = serializers.CharField(max_length=10000)
    rationale = serializers.CharField(max_length=50000, required=False, allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        # Built per instance: the minimum is a setting, and stated here the schema says it
        # (minItems). The service enforces it too, for the desk's form.
        minimum = settings.VERDICT_MIN_SOURCES
        fields["sources"] = serializers.ListField(
            child=id_field(),
            allow_empty=minimum == 0,
            min_length=minimum,
            max_length=100,
            error_messages={
                "min_length": "A verdict must cite at least {min_length} source link(s).",
                "empty": f"A verdict must cite at least {minimum} source link(s).",
            },
            help_text="Ids of this claim's source links that the verdict cites.",
        )
        return fields


class ClaimIdsField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(
            child=id_field(),
            allow_empty=False,
            min_length=1,  # what allow_empty says, in words the schema states (minItems)
            max_length=BULK_LIMIT,
            help_text=f"Claim ids, at most {BULK_LIMIT}; duplicates are taken once.",
            **kwargs,
        )


class BulkTriageInput(serializers.Serializer):
    claim_ids = ClaimIdsField()
    action = serializers.ChoiceField(choices=[a.value for a in TriageAction])
    queue = serializers.SlugField(
        required=False, allow_null=True, default=None, help_text="For queue: slug, or routing."
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="For dismiss: required."
    )
    canonical = id_field(
        required=False, allow_null=True, default=None, help_text="For merge: required."
    )
    note = serializers.CharField(**NOTE)

    def validate(self, attrs):
        if attrs["action"] == TriageAction.DISMISS and not attrs["reason"].strip():
            raise serializers.ValidationError({"reason": "A reason is required to dismiss."})
        if attrs["action"] == TriageAction.MERGE and attrs["canonical"] is None:
            raise serializers.ValidationError({"canonical": "Choose the canonical claim."})
        return attrs


# What BulkTriageInput takes, as the schema shows it: one shape per action, so the fields
# an action requires (dismiss: a reason; merge: the canonical claim) are required there.
class BulkQueueInput(serializers.Serializer):
    claim_ids = ClaimIdsField()
    action = serializers.ChoiceField(choices=[TriageAction.QUEUE.value])
    queue = serializers.SlugField(
        required=False, allow_null=True, help_text="Queue slug; omit or null for routing."
    )
    note = serializers.CharField(**NOTE)


class BulkDismissInput(serializers.Serializer):
    claim_ids = ClaimIdsField()
    action = serializers.ChoiceField(choices=[TriageAction.DISMISS.value])
    reason = serializers.RegexField(r"\S", help_text="Why they are not worth checking.")
    note = serializers.CharField(**NOTE)


class BulkMergeInput(serializers.Serializer):
    claim_ids = ClaimIdsField()
    action = serializers.ChoiceField(choices=[TriageAction.MERGE.value])
    canonical = id_field(help_text="Id of the claim they repeat.")
    note = serializers.CharField(**NOTE)


BULK_TRIAGE = PolymorphicProxySerializer(
    component_name="BulkTriage",
    serializers={
        TriageAction.QUEUE.value: BulkQueueInput,
        TriageAction.DISMISS.value: BulkDismissInput,
        TriageAction.MERGE.value: BulkMergeInput,
    },
    resource_type_field_name="action",
)


class BulkAssignInput(NoteInput):
    claim_ids = ClaimIdsField()
    assignee = _Assignee()


class MyWorkParams(serializers.Serializer):
    assignee = id_field(
        maximum=MAX_USER_ID,
        required=False,
        help_text="Editors: only this reviewer's work (user id).",
    )
    queue = serializers.SlugField(required=False, help_text="Only work from this queue.")


class OverdueParams(serializers.Serializer):
    queue = serializers.SlugField(required=False, help_text="Only this queue.")


# --- outputs --------------------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class ClaimStateSerializer(serializers.Serializer):
    """A claim as the desk sees it after an action."""

    id = serializers.IntegerField()
    text = serializers.CharField(help_text="The sentence as the article printed it.")
    claim_text = serializers.CharField(source="statement", help_text=CLAIM_TEXT_HELP)
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    assignee = UserRefSerializer(allow_null=True)
    queue = serializers.SerializerMethodField(help_text="Slug of its queue, if it has one.")
    due_at = serializers.SerializerMethodField(help_text="SLA due time in its queue.")
    lease_expires_at = serializers.SerializerMethodField(
        help_text="When the open assignment returns to the queue unless renewed."
    )
    canonical = serializers.IntegerField(source="canonical_id", allow_null=True)
    published_verdict = serializers.IntegerField(source="published_verdict_id", allow_null=True)
    updated_at = serializers.DateTimeField()

    @staticmethod
    def _entry(obj: Claim):
        try:
            return obj.queue_entry
        except Claim.queue_entry.RelatedObjectDoesNotExist:
            return None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_queue(self, obj: Claim) -> str | None:
        entry = self._entry(obj)
        return entry.queue.slug if entry else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, obj: Claim):
        entry = self._entry(obj)
        return serializers.DateTimeField().to_representation(entry.due_at) if entry else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_lease_expires_at(self, obj: Claim):
        open_ = getattr(obj, "open_assignments", [])
        if not open_:
            return None
        return serializers.DateTimeField().to_representation(open_[0].lease_expires_at)


class SourceOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim = serializers.IntegerField(source="claim_id")
    url = serializers.URLField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=SourceLink.Kind.choices)
    stance = serializers.ChoiceField(choices=SourceLink.Stance.choices)
    added_at = serializers.DateTimeField()
    removed_at = serializers.DateTimeField(allow_null=True)


class VerdictOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim = serializers.IntegerField(source="claim_id")
    version = serializers.IntegerField()
    state = serializers.ChoiceField(choices=Verdict.State.choices)
    rating = serializers.CharField(source="rating.slug")
    headline = serializers.CharField()
    summary = serializers.CharField()
    author = UserRefSerializer()
    decided_by = UserRefSerializer(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class ReviewHoldSerializer(serializers.Serializer):
    editor = UserRefSerializer()
    expires_at = serializers.DateTimeField()


class InboxItemSerializer(serializers.Serializer):
    verdict = serializers.IntegerField(source="id")
    version = serializers.IntegerField()
    claim = serializers.IntegerField(source="claim_id")
    claim_text = serializers.CharField(source="claim.statement", help_text=CLAIM_TEXT_HELP)
    queue = serializers.SerializerMethodField()
    rating = serializers.CharField(source="rating.slug")
    headline = serializers.CharField()
    author = UserRefSerializer()
    proposed_at = serializers.DateTimeField(source="created_at")
    review_hold = serializers.SerializerMethodField(
        help_text="The editor reviewing this proposal, and until when (other editors' "
        "decisions are refused meanwhile: 409); null when nobody is."
    )

    @extend_schema_field(ReviewHoldSerializer(allow_null=True))
    def get_review_hold(self, obj: Verdict) -> dict | None:
        hold = active_hold(obj)
        return ReviewHoldSerializer(hold).data if hold else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_queue(self, obj: Verdict) -> str | None:
        entry = ClaimStateSerializer._entry(obj.claim)
        return entry.queue.slug if entry else None


class WorkItemSerializer(serializers.Serializer):
    """One open assignment."""

    assignment = serializers.IntegerField(source="id")
    claim = serializers.IntegerField(source="claim_id")
    claim_text = serializers.CharField(source="claim.statement", help_text=CLAIM_TEXT_HELP)
    status = serializers.ChoiceField(source="claim.status", choices=Claim.Status.choices)
    article_url = serializers.SerializerMethodField()
    reviewer = UserRefSerializer()
    queue = serializers.CharField(source="queue.slug", allow_null=True, default=None)
    assigned_at = serializers.DateTimeField()
    lease_expires_at = serializers.DateTimeField()
    due_at = serializers.SerializerMethodField(help_text="SLA due time in its queue.")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_article_url(self, obj) -> str | None:
        return obj.claim.article.url if obj.claim.article_id else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, obj):
        entry = ClaimStateSerializer._entry(obj.claim)
        return serializers.DateTimeField().to_representation(entry.due_at) if entry else None


class OverdueItemSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id")
    claim_text = serializers.CharField(source="claim.statement", help_text=CLAIM_TEXT_HELP)
    status = serializers.ChoiceField(source="claim.status", choices=Claim.Status.choices)
    queue = serializers.CharField(source="queue.slug")
    assignee = UserRefSerializer(source="claim.assignee", allow_null=True)
    entered_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()


class QueueSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    sla_hours = serializers.IntegerField()
    is_default = serializers.BooleanField()
    is_member = serializers.BooleanField(help_text="Whether you take work from it.")
    backlog = serializers.IntegerField(help_text="Claims queued, waiting to be taken.")
    in_review = serializers.IntegerField()
    overdue = serializers.IntegerField(help_text="Queued or in review past the SLA due time.")


class BulkResultSerializer(serializers.Serializer):
    claim_id = serializers.IntegerField()
    ok = serializers.BooleanField()
    status = serializers.ChoiceField(
        choices=Claim.Status.choices, allow_null=True, help_text="The claim's status now."
    )
    error_code = serializers.CharField(help_text="Empty on success; else e.g. illegal_transition.")
    error = serializers.CharField(help_text="Empty on success; else a readable reason.")


class BulkOutcomeSerializer(serializers.Serializer):
    succeeded = serializers.IntegerField()
    failed = serializers.IntegerField()
    results = BulkResultSerializer(many=True)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ClaimEvent.Kind.choices)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = UserRefSerializer(allow_null=True, help_text="Null when the system acted.")
    verdict = serializers.IntegerField(source="verdict_id", allow_null=True)
    note = serializers.CharField()
    data = serializers.DictField()
    created_at = serializers.DateTimeField()
