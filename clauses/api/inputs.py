"""What the API's writes accept: types checked here, the domain's rules in the services.

Each input checks the shape of the body (types, lengths, known choices, references to
records that exist) and hands the services a dict of model field names to values; the
services then validate the record as the edit forms do (``full_clean``) and save it.

What every write shares (the edit summary, unknown fields refused) is core/api/inputs.py.
"""


from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers

from clauses import selectors
from clauses.api.filters import MAX_NUMBER
from clauses.models import Revision
from clauses.vocabularies import ClauseStatus, Coverage, Provenance, RevisionStatus, Stance
from core.api.exceptions import PREVIOUS_NOT_FOUND, PROPOSED_BY_NOT_FOUND
from core.api.inputs import EditInput
from parties.selectors import party_get


def _number(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_NUMBER, **kwargs)


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
            return party_get(slug)
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


class PlanCreate(EditInput):
    """A new plan: its title and description, with an edit summary."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
