"""Forms of the desk's pages. They check shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from claims import roles
from claims.models import Claim, Rating, SourceLink
from reviewers.models import ReviewQueue
from reviewers.selectors import ClaimFilters
from reviewers.triage import TriageAction

User = get_user_model()


class SourceForm(forms.Form):
    url = forms.URLField(label="Address", max_length=2048, assume_scheme="https")
    title = forms.CharField(label="Title", max_length=500, required=False)
    kind = forms.ChoiceField(label="Kind", choices=SourceLink.Kind.choices)
    stance = forms.ChoiceField(label="Stance", choices=SourceLink.Stance.choices)


class SourceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SourceLink) -> str:
        return obj.title or obj.url


class VerdictForm(forms.Form):
    rating = forms.ModelChoiceField(
        label="Rating", queryset=Rating.objects.filter(is_active=True), to_field_name="slug"
    )
    headline = forms.CharField(label="Headline", max_length=300)
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 3}))
    rationale = forms.CharField(
        label="Rationale", required=False, widget=forms.Textarea(attrs={"rows": 6})
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
            sources = claim.sources.filter(removed_at__isnull=True)
        self.fields["sources"].queryset = sources


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(
        label="What needs to change", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
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


class BulkTriageForm(forms.Form):
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


class SubmitForm(forms.Form):
    url = forms.URLField(label="Article address", required=False, assume_scheme="https")
    text = forms.CharField(
        label="Or paste its text", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    title = forms.CharField(label="Title (for pasted text)", required=False, max_length=500)
    html_file = forms.FileField(label="Or upload a saved HTML page", required=False)

    def clean(self):
        data = super().clean()
        given = [k for k in ("url", "text", "html_file") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(
                "Give exactly one of: an address, pasted text, or an HTML file."
            )
        return data


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
        queues = ReviewQueue.objects.order_by("order", "name").values_list("slug", "name", "pk")
        # Whoever can be assigned a claim: the desk's members.
        members = (
            User.objects.filter(
                groups__name__in=[roles.FACT_CHECKERS, roles.EDITORS], is_active=True
            )
            .distinct()
            .order_by("username")
            .values_list("username", "username", "pk")
        )
        ratings = Rating.objects.order_by("order", "id").values_list("slug", "label", "pk")
        self._ids = {}
        for name, rows, empty in [
            ("queue", queues, "Any"),
            ("assignee", members, "Anyone"),
            ("rating", ratings, "Any"),
        ]:
            rows = list(rows)
            self.fields[name].choices = [("", empty), *((key, label) for key, label, _ in rows)]
            self._ids[name] = {key: pk for key, _, pk in rows}

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
            sourcing=data.get("sourcing") or "",
            rating=self._ids["rating"].get(data.get("rating")),
            article=data.get("article"),
            created_from=data.get("created_from"),
            created_to=data.get("created_to"),
            has_match={"yes": True, "no": False}.get(has_match or ""),
        )

    def order(self) -> str:
        """The sort chosen (a ``reviewers.selectors.CLAIM_ORDERS`` name)."""
        return getattr(self, "cleaned_data", {}).get("sort") or "newest"
