"""What the API's writes accept: types checked here, the domain's rules in the services.

Each input checks the shape of the body (types, lengths, known choices, references to
records that exist) and hands the services a dict of model field names to values; the
services then validate the record as the edit forms do (``full_clean``) and save it.

An input's fields are the record's editable fields as clauses/fields.py declares them,
each typed, bounded and documented as its model field says (``DeclaredInput``); a field
that names another record (a revision's author or predecessor) is read by its slug or
number, declared here. What every write shares (the edit summary, unknown fields
refused) is core/api/inputs.py.
"""

from typing import cast

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers

from clauses import selectors
from clauses.api.filters import MAX_NUMBER
from clauses.fields import CLAUSE_VERSION, PLAN, POSITION, REVISION
from clauses.forms.edits import NEW_OR_EXISTING, NOT_BOTH
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.vocabularies import Topic
from core.api.exceptions import PREVIOUS_NOT_FOUND, PROPOSED_BY_NOT_FOUND
from core.api.inputs import EDIT_SUMMARY_FIELD, EditInput
from core.fields import Declaration
from parties.selectors import party_get

PARTY_TO_RECORD_NOT_FOUND = "There is no party with the slug {party!r}."
CLAUSE_TO_ADD_NOT_FOUND = (
    "Plan {plan!r} has no clause with the slug {clause!r}: give an existing clause's slug, "
    "or leave clause out and give a new clause's title and topic."
)
CLAUSE_ALREADY_IN_REVISION = (
    "Clause {clause!r} is already part of revision {number}: edit its wording there (PATCH "
    "its URL) instead of adding it again."
)


def _number(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_NUMBER, **kwargs)


def _input_fields(declaration: Declaration) -> tuple[str, ...]:
    """The fields of an edit of the declared record: the edit summary, then what an editor
    may change, in the order the editor's form has it."""
    return (EDIT_SUMMARY_FIELD, *declaration.editable)


class DeclaredInput(EditInput, serializers.ModelSerializer):
    """An input whose fields are built from the model fields its ``Meta.fields`` names:
    types, lengths, choices and help texts as the model declares them (the help text as
    the declaration has it, ``Meta.declaration``). Every field may be left out (send
    only what changes) unless ``Meta.partial`` is false; no integer goes past what every
    database stores."""

    class Meta:
        partial = True

    def build_field(self, field_name, info, model_class, nested_depth):
        field_class, options = super().build_field(field_name, info, model_class, nested_depth)
        if self.Meta.partial:
            options["required"] = False
        if issubclass(field_class, serializers.IntegerField):
            options["max_value"] = min(options.get("max_value", MAX_NUMBER), MAX_NUMBER)
        help_text = self.Meta.declaration.help_text(field_name)
        if help_text:
            options["help_text"] = help_text
        return field_class, options


class RevisionEdit(DeclaredInput):
    """The fields of a revision an editor may change; send only those that change, with
    an edit summary."""

    class Meta(DeclaredInput.Meta):
        model = Revision
        declaration = REVISION
        fields = _input_fields(REVISION)

    proposed_by = serializers.SlugField(
        required=False, allow_null=True, help_text="A party's slug, or null."
    )
    previous = _number(
        required=False,
        allow_null=True,
        help_text="The number of the revision of this plan that it continues, or null.",
    )

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

    # A declared field, which DRF moves off the class: it does not replace Field.label,
    # as the stubs take it to.
    label = serializers.CharField(  # type: ignore[assignment]
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


class ClauseVersionEdit(DeclaredInput):
    """The fields of a clause version an editor may change; send only those that change,
    with an edit summary."""

    class Meta(DeclaredInput.Meta):
        model = ClauseVersion
        declaration = CLAUSE_VERSION
        fields = _input_fields(CLAUSE_VERSION)


class PositionEdit(DeclaredInput):
    """The fields of a position an editor may change; send only those that change, with
    an edit summary. Saving reconfirms a carried-over position."""

    class Meta(DeclaredInput.Meta):
        model = Position
        declaration = POSITION
        fields = _input_fields(POSITION)


class PlanCreate(DeclaredInput):
    """A new plan: its title and description, with an edit summary."""

    class Meta(DeclaredInput.Meta):
        model = Plan
        declaration = PLAN
        fields = _input_fields(PLAN)
        partial = False


class PlanEdit(DeclaredInput):
    """The fields of a plan an editor may change (its title and description); send only
    those that change, with an edit summary."""

    class Meta(DeclaredInput.Meta):
        model = Plan
        declaration = PLAN
        fields = _input_fields(PLAN)


class PositionRecord(DeclaredInput):
    """A party's first position on a clause version, recorded at its own URL: the fields
    of a position, each optional (a stance left out is unknown), with an edit summary."""

    class Meta(DeclaredInput.Meta):
        model = Position
        declaration = POSITION
        fields = _input_fields(POSITION)


class PositionCreate(PositionRecord):
    """A party's first position on a clause version, posted to the clause version's
    positions: the party's slug, the fields of a position (each optional), and an edit
    summary."""

    class Meta(PositionRecord.Meta):
        fields = (EDIT_SUMMARY_FIELD, "party", *POSITION.editable)

    party = serializers.SlugField(help_text="The party's slug, e.g. `russia`.")

    def validate_party(self, slug):
        try:
            return party_get(slug)
        except ObjectDoesNotExist:
            raise serializers.ValidationError(
                PARTY_TO_RECORD_NOT_FOUND.format(party=slug)
            ) from None


class ClauseAdd(DeclaredInput):
    """A clause added to a revision: an existing clause of the plan (its slug) or a new
    one (its title and topic), with its number, text and status there, and an edit
    summary. Without a number or a place it goes at the end of the draft, numbered after
    its last point."""

    class Meta(DeclaredInput.Meta):
        model = ClauseVersion
        declaration = CLAUSE_VERSION
        fields = (EDIT_SUMMARY_FIELD, "clause", "title", "topic", *CLAUSE_VERSION.editable)

    # Either an existing clause, or a new one's title and topic (the schema says so).
    schema_any_of = (
        {"required": ["clause"], "properties": {"clause": {"type": "string"}}},
        {"required": ["title", "topic"]},
    )

    clause = serializers.SlugField(
        required=False,
        allow_null=True,
        help_text="The slug of a clause of the plan this revision does not hold yet (e.g. one "
        "dropped from an earlier draft); null or left out for a new clause.",
    )
    title = serializers.CharField(
        required=False,
        max_length=cast(int, Clause._meta.get_field("title").max_length),
        help_text="A new clause's title (its slug is made from it).",
    )
    topic = serializers.ChoiceField(
        choices=Topic.choices, required=False, help_text="A new clause's topic."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True

    def validate_clause(self, slug):
        if slug is None:
            return None
        revision = self.context["revision"]
        try:
            clause = selectors.clause_get(plan_slug=revision.plan.slug, clause_slug=slug)
        except ObjectDoesNotExist:
            raise serializers.ValidationError(
                CLAUSE_TO_ADD_NOT_FOUND.format(plan=revision.plan.slug, clause=slug)
            ) from None
        if not selectors.clauses_not_in(revision=revision).filter(pk=clause.pk).exists():
            raise serializers.ValidationError(
                CLAUSE_ALREADY_IN_REVISION.format(clause=slug, number=revision.number)
            )
        return clause

    def validate(self, attrs):
        attrs = super().validate(attrs)
        new = bool(attrs.get("title", "").strip() or attrs.get("topic"))
        if attrs.get("clause") is not None and new:
            raise serializers.ValidationError({"clause": NOT_BOTH})
        if attrs.get("clause") is None and not (
            attrs.get("title", "").strip() and attrs.get("topic")
        ):
            missing = "topic" if attrs.get("title", "").strip() else "title"
            raise serializers.ValidationError({missing: NEW_OR_EXISTING})
        return attrs
