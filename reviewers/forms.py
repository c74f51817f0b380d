"""Forms of the desk's pages. They check shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from claims.models import Claim, Rating, SourceLink
from reviewers.models import ReviewQueue
from reviewers.triage import TriageAction


class SourceForm(forms.Form):
    # No preselected kind or stance: a default would be recorded whenever a checker did not
    # look, and bias the record ("supports"). The empty first choice is the placeholder.
    url = forms.URLField(label="Address", max_length=2048, assume_scheme="https")
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
