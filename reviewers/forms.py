"""Forms of the desk's pages. They check shape only; the services decide what is allowed.

Every desk form is a ``DeskForm``: when its service refuses, the refusal is added to the
form (beside the input it names, else at the top of the form) and the page is rendered
again with the form as it was sent, so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.utils import timezone

from claims.ingestion import IngestionError
from claims.models import AnonymousReport, Claim, Claimant, Rating, SourceLink
from reviewers.bulk import BulkResult
from reviewers.models import ReviewQueue
from reviewers.selectors import (
    NO_QUEUE,
    ClaimFilters,
    InboxCounts,
    InboxFilters,
    ReportFilters,
    TriageFilters,
    desk_members,
)
from reviewers.services import DEFAULT_DISMISS_REASON, NOTE_MAX_LENGTH, TriageAction


class DeskForm(forms.Form):
    """A form that can carry a service's refusal and lead the browser to its first error.

    Each error message is rendered with the id ``<field id>_error`` (the field's input
    points at it with ``aria-describedby``); the first one, or the form's own errors box
    when there is one, gets ``autofocus``, so a page rendered again after a refusal opens
    on the error, scrolled into view, without any script.
    """

    # A service argument and the field that carries it, where their names differ.
    argument_fields: dict[str, str] = {}
    # The refusal's kind (``WorkflowError.code``, an ingestion error's code); empty when
    # the form itself found the input wrong. The view answers with a status for it.
    refusal_code = ""

    def add_refusal(self, error: Exception) -> None:
        """Put a service's refusal on the form, beside the input it is about."""
        self.refusal_code = getattr(error, "code", "")
        field = self.refusal_field(error)
        message = getattr(error, "message", str(error))
        self.add_error(field if field in self.fields else None, message)

    def refusal_field(self, error: Exception) -> str | None:
        field = getattr(error, "field", None)
        return self.argument_fields.get(field, field)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.fields:
            if name in self._errors:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    @property
    def error_focus(self) -> str | None:
        """Where the browser lands: the form's own errors, else the first field (in the
        form's order) with an error; None for a form without errors."""
        if not self.is_bound or not self.errors:
            return None
        if NON_FIELD_ERRORS in self.errors:
            return NON_FIELD_ERRORS
        return next((name for name in self.fields if name in self.errors), None)


class ActionForm(DeskForm):
    """A form that is only a button (take, withdraw, remove): it carries a refusal."""


class SourceForm(DeskForm):
    # No preselected kind or stance: a default would be recorded whenever a checker did not
    # look, and bias the record ("supports"). The empty first choice is the placeholder.
    url = forms.URLField(
        label="Address",
        max_length=2048,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    title = forms.CharField(label="Title", max_length=500, required=False)
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "Choose a kind"), *SourceLink.Kind.choices],
        error_messages={"required": "Choose what kind of source this is."},
    )
    stance = forms.ChoiceField(
        label="Stance",
        choices=[("", "Choose a stance"), *SourceLink.Stance.choices],
        error_messages={"required": "Choose whether it supports, refutes or gives context."},
    )


class SourceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SourceLink) -> str:
        return obj.title or obj.url


class VerdictForm(DeskForm):
    rating = forms.ModelChoiceField(
        label="Rating", queryset=Rating.objects.filter(is_active=True), to_field_name="slug"
    )
    headline = forms.CharField(label="Headline", max_length=300)
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 3}))
    # Headline, summary and rationale are all public; the rationale's help text says so,
    # since it reads like a desk note.
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Published with the verdict: readers see it on the fact check's page, and "
        "API consumers in the claim's detail.",
    )
    sources = SourceChoiceField(
        label="Cited sources",
        queryset=SourceLink.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, claim: Claim, sources=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if sources is None:
            sources = claim.sources.filter(removed_at__isnull=True).order_by("added_at", "id")
        self.fields["sources"].queryset = sources


class NoteForm(DeskForm):
    note = forms.CharField(
        label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(DeskForm):
    # Required in the browser; an empty note still reaches the service, whose refusal says
    # what the note is for ("A note is required to reopen a claim.").
    note = forms.CharField(
        label="What needs to change",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


class ClaimNoteForm(DeskForm):
    # Not required here: an empty note reaches the service, whose refusal says so beside
    # the field (the browser asks for it first).
    body = forms.CharField(
        label="Add a note",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(
            attrs={"rows": 3, "required": True, "aria-describedby": "note-body-hint"}
        ),
    )


class TriageFilterForm(forms.Form):
    q = forms.CharField(label="Text or claimant", required=False)
    min_score = forms.FloatField(
        label="Minimum score",
        required=False,
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )
    sourcing = forms.ChoiceField(
        label="Sourcing", required=False, choices=[("", "Any"), *Claim.Sourcing.choices]
    )
    article = forms.IntegerField(label="Article id", required=False, min_value=1)

    def filters(self) -> TriageFilters:
        """The filters, when every one is valid; else none (the whole list)."""
        if not self.is_valid():
            return TriageFilters()
        data = self.cleaned_data
        return TriageFilters(
            q=data["q"],
            min_score=data["min_score"],
            sourcing=data["sourcing"],
            article=data["article"],
        )


class ReportFilterForm(forms.Form):
    """The anonymous reports page's filters (the page offers the outlets it knows)."""

    outlet = forms.CharField(
        label="Outlet",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "report-outlets"}),
    )
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("", "Waiting (open or stale)"), *AnonymousReport.State.choices],
    )
    # An anonymous description (its claimant record): its claimant page links here with it.
    claimant = forms.IntegerField(
        label="Description", required=False, min_value=1, widget=forms.Select
    )
    queue = forms.SlugField(label="Topic (review queue)", required=False, widget=forms.Select)

    def filters(self) -> ReportFilters:
        """The filters, when every one is valid; else none (the waiting reports)."""
        if not self.is_valid():
            return ReportFilters()
        data = self.cleaned_data
        return ReportFilters(
            outlet=data["outlet"].strip(),
            state=data["state"],
            claimant=data["claimant"],
            queue=data["queue"],
        )

    def offer(self, *, descriptions: list[Claimant], queues: list[ReviewQueue]) -> None:
        """The choices the page knows: the anonymous descriptions with reports, the queues
        and "not in a queue yet"."""
        self.fields["claimant"].widget.choices = [
            ("", "Any"),
            *((d.pk, d.display_name) for d in descriptions),
        ]
        self.fields["queue"].widget.choices = [
            ("", "Any"),
            *((q.slug, q.name) for q in queues),
            (NO_QUEUE, "Not in a queue yet"),
        ]


class ClaimantIdentifiersForm(DeskForm):
    """A claimant's identifiers; the service checks them (and refuses an anonymous one)."""

    wikidata_qid = forms.CharField(
        label="Wikidata QID",
        required=False,
        max_length=20,
        help_text="Q and digits, as in https://www.wikidata.org/wiki/Q42.",
    )
    website = forms.CharField(label="Website", required=False, max_length=500)
    note = forms.CharField(label="Why (optional)", required=False, max_length=4000)


class ClaimantMergeForm(DeskForm):
    """Another claimant, by number, to merge into the page's claimant."""

    argument_fields = {"source": "other"}

    other = forms.IntegerField(
        label="Claimant number to merge into this one",
        min_value=1,
        help_text="Its aliases, roles, claims and suggestions move here; it is kept as a "
        "pointer to this one.",
    )
    note = forms.CharField(
        label="Why they are the same",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


class ClaimantSplitForm(DeskForm):
    """The page claimant's names that belong to someone else."""

    aliases = forms.TypedMultipleChoiceField(
        label="Names that are someone else", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    display_name = forms.CharField(
        label="Their name (optional: the first name ticked)", required=False, max_length=300
    )
    note = forms.CharField(
        label="Why they are someone else",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )

    def __init__(self, *args, aliases=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aliases"].choices = [(alias.pk, alias.name) for alias in aliases]


class ReportMoveForm(DeskForm):
    """A move of the claim's anonymous report on its desk page (``claims.claimants.ledger``):
    a note, and for some moves the evidence offered from what the page knows (``offer``).
    The choices are shown, not enforced: the service checks what is evidence."""

    note_label = "Note"
    note_required = False

    note = forms.CharField(
        label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = self.note_label
        if self.note_required:
            # Required in the browser; an empty note still reaches the service, whose
            # refusal says what it is for ("Say why the report is withdrawn.").
            self.fields["note"].widget.attrs["required"] = True

    def offer(self, **choices: list[tuple[int, str]]) -> None:
        """The choices each evidence field shows (``evidence=[(pk, label)], ...``)."""
        for name, offered in choices.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            # A refused choice the page no longer offers (or never did) stays selected.
            sent = str(self[name].value() or "").strip() if self.is_bound else ""
            if sent and sent not in {str(pk) for pk, _ in offered}:
                offered = [*offered, (sent, f"#{sent} (as sent)")]
            field.widget.choices = [("", field.empty_label), *offered]


class EvidenceField(forms.IntegerField):
    """A claim, verdict or source picked from a list: its id (the service checks it)."""

    def __init__(self, *, empty_label: str, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1, widget=forms.Select, **kwargs)
        self.empty_label = empty_label


class ReportCorroborateForm(ReportMoveForm):
    note_label = "Note (required without evidence: what confirmed it)"
    evidence = EvidenceField(label="Confirmed by a matching claim", empty_label="No claim")
    source = EvidenceField(label="Or by a document cited as its source", empty_label="No source")
    field_order = ["evidence", "source", "note"]


class ReportContradictForm(ReportMoveForm):
    note_label = "Note (required without evidence: what denied it)"
    evidence = EvidenceField(label="Denied by a matching claim", empty_label="No claim")
    verdict = EvidenceField(label="Or by a published verdict", empty_label="No verdict")
    field_order = ["evidence", "verdict", "note"]


class ReportWithdrawForm(ReportMoveForm):
    note_label = "Where the outlet corrected or took it back"
    note_required = True


class ReportReopenForm(ReportMoveForm):
    note_label = "Why open it again"
    note_required = True


class ClaimIdsField(forms.Field):
    """The ticked claims: a list of ids (the checkboxes are the page's own markup)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "Tick at least one claim.",
        "invalid": "Tick claims from the list.",
    }

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class BulkTriageForm(DeskForm):
    argument_fields = {"claim_ids": "claims"}

    action = forms.ChoiceField(
        label="Action",
        choices=[
            (TriageAction.QUEUE, "Queue for review"),
            (TriageAction.DISMISS, "Dismiss"),
            (TriageAction.MERGE, "Merge as duplicates"),
        ],
    )
    queue = forms.ModelChoiceField(
        label="Queue",
        queryset=ReviewQueue.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label="Let routing choose",
    )
    reason = forms.CharField(label="Reason (to dismiss)", required=False, max_length=2000)
    canonical = forms.IntegerField(label="Merge into claim id", required=False, min_value=1)
    claims = ClaimIdsField(label="Claims")

    # Each claim the service could not triage, with why (a bulk action is not
    # all-or-nothing: see reviewers.bulk).
    claim_errors: dict[int, str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claim_errors = {}

    def ticked(self) -> list[int]:
        """The claims ticked when the form was sent, valid or not, to tick them again."""
        raw = self["claims"].value() if self.is_bound else []
        return [int(v) for v in raw or [] if str(v).isdigit()]

    def add_claim_refusals(self, failed: list[BulkResult]) -> None:
        self.claim_errors = {r.claim_id: r.error for r in failed}
        if failed and not self.refusal_code:
            self.refusal_code = failed[0].error_code

    @classmethod
    def as_sent(cls, data: Any) -> BulkTriageForm:
        """The form as the page sent it, not validated: a row's button was pressed, not
        Apply, so the bulk inputs are only shown again (ticks, action, reason), with no
        complaint about them."""
        form = cls(data)
        form.cleaned_data = {}
        form._errors = ErrorDict()
        return form


class TriageRowForm(DeskForm):
    """A row's button on the triage list: ``row`` is ``queue:<claim>``, ``dismiss:<claim>``
    or ``merge:<claim>:<link>`` (the stored match the row shows); the reason typed above
    the list, if any, is the dismissal's."""

    row = forms.RegexField(
        regex=r"^(?:(queue|dismiss):[0-9]+|merge:[0-9]+:[0-9]+)$",
        error_messages={"invalid": "Choose an action from a claim's row."},
    )
    reason = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("row"):
            action, claim, *link = data["row"].split(":")
            data.update(
                action=TriageAction(action), claim=int(claim), link=int(link[0]) if link else None
            )
        return data


class ClaimTriageForm(DeskForm):
    """Triage from the claim page: queue, dismiss (the reason is optional) or merge into
    the suggested match ``link``."""

    action = forms.ChoiceField(
        choices=[(a.value, a.value) for a in TriageAction],
        error_messages={"invalid_choice": "Choose queue, dismiss or merge."},
    )
    reason = forms.CharField(
        label="Reason (to dismiss)",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": DEFAULT_DISMISS_REASON}),
    )
    link = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "triage-%s")  # unique beside the page's other forms
        super().__init__(*args, **kwargs)

    def refusal_field(self, error: Exception) -> str | None:
        # Only the reason is an input on the page; other refusals go at the top.
        field = super().refusal_field(error)
        return field if field == "reason" else None


class SubmitForm(DeskForm):
    url = forms.URLField(label="Article address", required=False, assume_scheme="https")
    text = forms.CharField(
        label="Or paste its text", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    title = forms.CharField(label="Title (for pasted text)", required=False, max_length=500)
    html_file = forms.FileField(label="Or upload a saved HTML page", required=False)

    def clean(self):
        data = super().clean()
        given = [k for k in self.INPUTS if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(
                "Give exactly one of: an address, pasted text, or an HTML file."
            )
        return data

    INPUTS = ("url", "text", "html_file")

    def given(self) -> str:
        """Which input the article came in (the form is valid)."""
        return next(k for k in self.INPUTS if self.cleaned_data.get(k))

    def refusal_field(self, error: Exception) -> str | None:
        # An ingestion error is about the one input given: the address, the text or the file.
        if isinstance(error, IngestionError):
            return self.given()
        return super().refusal_field(error)


def _named_rows(name: str):
    """(URL key, label, id) of the queues, desk members or ratings, for a filter."""
    if name == "queue":
        return ReviewQueue.objects.order_by("order", "name").values_list("slug", "name", "pk")
    if name == "rating":
        return Rating.objects.order_by("order", "id").values_list("slug", "label", "pk")
    # Whoever can be assigned a claim or propose a verdict: the desk's members.
    return desk_members().order_by("username").values_list("username", "username", "pk")


def _named_choices(form: forms.Form, fields: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Fill each ``(field, empty label)``'s choices (a member field is named for its role:
    assignee, checker) with one query each; return each field's URL keys to ids."""
    ids = {}
    for name, empty in fields:
        rows = list(_named_rows(name if name in ("queue", "rating") else "member"))
        form.fields[name].choices = [("", empty), *((key, label) for key, label, _ in rows)]
        ids[name] = {key: pk for key, _, pk in rows}
    return ids


class ClaimListForm(forms.Form):
    """The claims list's filters, read from the URL (so a view can be bookmarked). Each
    field checks shape only; a value that is not valid is left out and said so.

    Queues, desk members and ratings are named in the URL by slug or user name and offered
    as plain choices, read once each (a ``ModelChoiceField`` reads its queryset again to
    render, through a server-side cursor on PostgreSQL, and once more to check a value)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        choices=Claim.Status.choices,
        widget=forms.MultipleHiddenInput,
    )
    queue = forms.ChoiceField(label="Queue", required=False)
    assignee = forms.ChoiceField(label="Assignee", required=False)
    claimant = forms.CharField(label="Claimant", required=False, max_length=300)
    # A claimant record, by id: set by the links of the claimant's page and of each row,
    # kept through the form, shown (and cleared) above the list.
    claimant_id = forms.IntegerField(
        label="Claimant record", required=False, min_value=1, widget=forms.HiddenInput
    )
    sourcing = forms.ChoiceField(
        label="Sourcing", required=False, choices=[("", "Any"), *Claim.Sourcing.choices]
    )
    rating = forms.ChoiceField(label="Rating", required=False)
    article = forms.IntegerField(label="Article id", required=False, min_value=1)
    created_from = forms.DateField(
        label="Found from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    created_to = forms.DateField(
        label="Found until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    has_match = forms.ChoiceField(
        label="Match",
        required=False,
        choices=[("", "Any"), ("yes", "Matches a known claim"), ("no", "No match")],
    )
    overdue = forms.ChoiceField(
        label="Due time",
        required=False,
        choices=[("", "Any"), ("yes", "Overdue (queued or in review, past due)")],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("newest", "Newest first"),
            ("score", "Highest score first"),
            ("due", "Due soonest first"),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._ids = _named_choices(
            self, [("queue", "Any"), ("assignee", "Anyone"), ("rating", "Any")]
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start > end:
            self.add_error("created_to", "Must not be before the start date.")
            data.pop("created_to", None)
        return data

    def filters(self) -> ClaimFilters:
        """The valid filters (an unbound or wholly invalid form: none)."""
        data = getattr(self, "cleaned_data", {})
        has_match = data.get("has_match")
        return ClaimFilters(
            q=(data.get("q") or "").strip(),
            statuses=tuple(data.get("status") or ()),
            queue=self._ids["queue"].get(data.get("queue")),
            assignee=self._ids["assignee"].get(data.get("assignee")),
            claimant=(data.get("claimant") or "").strip(),
            claimant_ref=data.get("claimant_id"),
            sourcing=data.get("sourcing") or "",
            rating=self._ids["rating"].get(data.get("rating")),
            article=data.get("article"),
            created_from=data.get("created_from"),
            created_to=data.get("created_to"),
            has_match={"yes": True, "no": False}.get(has_match or ""),
            overdue_at=timezone.now() if data.get("overdue") == "yes" else None,
        )

    def order(self) -> str:
        """The sort chosen (a ``reviewers.selectors.CLAIM_ORDERS`` name)."""
        return getattr(self, "cleaned_data", {}).get("sort") or "newest"


class InboxFilterForm(forms.Form):
    """The inbox's filters, read from the URL (so a view can be bookmarked), like the claims
    list's (``ClaimListForm``): a value that is not valid is left out and said so. Each
    choice is labelled with how many proposals it would show (``show_counts``)."""

    queue = forms.ChoiceField(label="Queue", required=False)
    checker = forms.ChoiceField(label="Checker", required=False)
    rating = forms.ChoiceField(label="Rating", required=False)
    age = forms.ChoiceField(
        label="Waiting",
        required=False,
        choices=[
            ("", "Any time"),
            ("1h", "Over 1 hour"),
            ("24h", "Over 24 hours"),
            ("3d", "Over 3 days"),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._ids = _named_choices(
            self, [("queue", "Any queue"), ("checker", "Anyone"), ("rating", "Any rating")]
        )

    def filters(self) -> InboxFilters:
        """The valid filters (an unbound or wholly invalid form: none)."""
        data = getattr(self, "cleaned_data", {})
        return InboxFilters(
            queue=self._ids["queue"].get(data.get("queue")),
            checker=self._ids["checker"].get(data.get("checker")),
            rating=self._ids["rating"].get(data.get("rating")),
            age=data.get("age") or "",
        )

    def show_counts(self, counts: InboxCounts) -> None:
        """Label each choice with its count: "General (3)"."""
        for name in ("queue", "checker", "rating", "age"):
            per = getattr(counts, name)
            ids = self._ids.get(name)
            self.fields[name].choices = [
                (key, f"{label} ({per.get(ids[key] if ids else key, 0)})" if key else label)
                for key, label in self.fields[name].choices
            ]
