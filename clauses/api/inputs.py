"""What the API's writes accept: types checked here, the domain's rules in the services.

Each input checks the shape of the body (types, lengths, known choices, references to
records that exist) and hands the services a dict of model field names to values; the
services then validate the record as the edit forms do (``full_clean``) and save it.

Every write carries an edit summary, as ``edit_summary`` in the body or the
``X-Edit-Summary`` header (not ``summary``: a position has a field of that name). A field
the endpoint cannot change is refused by name rather than silently ignored.
"""

import unicodedata
from urllib.parse import unquote

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers
from rest_framework.request import Request

from clauses import selectors
from clauses.models import Revision
from clauses.tracking import (
    SUMMARY_CONTROL_CHARACTER,
    SUMMARY_MAX_LENGTH,
    SUMMARY_REQUIRED,
    SUMMARY_TOO_LONG,
)
from clauses.vocabularies import ClauseStatus, Coverage, Provenance, RevisionStatus, Stance

from .exceptions import PREVIOUS_NOT_FOUND, PROPOSED_BY_NOT_FOUND, UNKNOWN_FIELD
from .filters import MAX_NUMBER

EDIT_SUMMARY_FIELD = "edit_summary"
EDIT_SUMMARY_HEADER = "X-Edit-Summary"


def edit_summary(request: Request) -> str:
    """The edit summary from the body, else from the header; 400 naming the one that was
    sent when neither has one, or when it is too long or holds a control character."""
    summary = request.data.get(EDIT_SUMMARY_FIELD) if isinstance(request.data, dict) else None
    field = EDIT_SUMMARY_FIELD
    if summary is None:
        # Headers carry Latin-1 only, so a non-ASCII summary comes percent-encoded.
        summary = unquote(request.headers.get(EDIT_SUMMARY_HEADER, ""))
        field = EDIT_SUMMARY_HEADER if summary else EDIT_SUMMARY_FIELD
    if not isinstance(summary, str) or not summary.strip():
        raise serializers.ValidationError({EDIT_SUMMARY_FIELD: SUMMARY_REQUIRED})
    summary = summary.strip()
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise serializers.ValidationError({field: SUMMARY_TOO_LONG.format(length=len(summary))})
    if any(unicodedata.category(character) == "Cc" for character in summary):
        raise serializers.ValidationError({field: SUMMARY_CONTROL_CHARACTER})
    return summary


def _number(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_NUMBER, **kwargs)


class EditInput(serializers.Serializer):
    edit_summary = serializers.CharField(
        required=False,
        help_text="Why you made the change, kept in the history beside your name. "
        "Required: here, or in an X-Edit-Summary header (percent-encode non-ASCII text).",
    )

    def validate(self, attrs):
        if isinstance(self.initial_data, dict):
            unknown = sorted(set(self.initial_data) - set(self.fields))
            if unknown:
                allowed = ", ".join(name for name in self.fields if name != EDIT_SUMMARY_FIELD)
                raise serializers.ValidationError(
                    {name: UNKNOWN_FIELD.format(allowed=allowed) for name in unknown}
                )
        return attrs

    def changes(self) -> dict:
        """The model fields to change, by name (the edit summary travels separately)."""
        return {
            name: value for name, value in self.validated_data.items() if name != EDIT_SUMMARY_FIELD
        }


class RevisionEdit(EditInput):
    """The fields of a revision an editor may change; send only those that change, with
    an edit summary."""

    label = serializers.CharField(max_length=200, required=False)
    published_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=RevisionStatus.choices, required=False)
    provenance = serializers.ChoiceField(choices=Provenance.choices, required=False)
    coverage = serializers.ChoiceField(
        choices=Coverage.choices,
        required=False,
        help_text="full_text (what is absent is absent) or partial (the source describes "
        "only some points: what is absent is not described).",
    )
    proposed_by = serializers.SlugField(
        required=False, allow_null=True, help_text="A party's slug, or null."
    )
    previous = _number(
        required=False,
        allow_null=True,
        help_text="The number of the revision of this plan that it continues, or null.",
    )
    source_title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)

    def validate_proposed_by(self, slug):
        if slug is None:
            return None
        try:
            return selectors.party_get(slug)
        except ObjectDoesNotExist:
            raise serializers.ValidationError(PROPOSED_BY_NOT_FOUND.format(party=slug)) from None

    def validate_previous(self, number):
        if number is None:
            return None
        plan = self.context["plan"]
        try:
            return selectors.revision_get(plan_slug=plan.slug, number=number)
        except Revision.DoesNotExist:
            raise serializers.ValidationError(
                PREVIOUS_NOT_FOUND.format(plan=plan.slug, number=number)
            ) from None


class RevisionClone(EditInput):
    """The next revision, recorded as a copy of this one; every field is optional."""

    label = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text='e.g. "Geneva counter-draft".'
    )
    previous = _number(
        required=False,
        allow_null=True,
        help_text="The revision the new one continues, if not the one cloned (a "
        "counter-proposal answering an earlier draft).",
    )
    number = _number(
        required=False,
        help_text="The number you expect the new revision to take; refused if someone took "
        "it in the meantime, so a script that retries does not record the draft twice.",
    )

    validate_previous = RevisionEdit.validate_previous

    def changes(self) -> dict:
        data = super().changes()
        if "number" in data:
            data["expected_number"] = data.pop("number")
        return data


class ClauseVersionEdit(EditInput):
    """The fields of a clause version an editor may change; send only those that change,
    with an edit summary."""

    number = serializers.CharField(
        max_length=20, required=False, help_text='The label in the draft: "9", "14a".'
    )
    position_in_draft = serializers.IntegerField(min_value=0, max_value=MAX_NUMBER, required=False)
    text = serializers.CharField(required=False)
    status = serializers.ChoiceField(choices=ClauseStatus.choices, required=False)


class PositionEdit(EditInput):
    """The fields of a position an editor may change; send only those that change, with
    an edit summary. Saving reconfirms a carried-over position."""

    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    summary = serializers.CharField(
        required=False, allow_blank=True, help_text="The party's position in a sentence or two."
    )
    demand = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="What the party demands beyond the clause as worded.",
    )
    quote = serializers.CharField(required=False, allow_blank=True)
    source_title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    stated_on = serializers.DateField(required=False, allow_null=True)
