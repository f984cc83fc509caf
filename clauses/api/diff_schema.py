"""The diff endpoint's body in the OpenAPI schema.

The body itself is ``clauses.diff.RevisionDiff.as_dict()``, the diff module's dataclasses
as JSON; these serializers only describe it, field for field, for the schema (the schema
test run in the suite checks real responses against them).
"""

from rest_framework import serializers

from clauses.diff import ClauseChange, ClauseField, Convergence, Direction
from clauses.textdiff import OpKind
from clauses.vocabularies import Coverage


def _choices(enum):
    return [member.value for member in enum]


class DiffPositionSerializer(serializers.Serializer):
    party_slug = serializers.CharField()
    stance = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    quote = serializers.CharField(allow_blank=True)
    source_title = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(allow_blank=True)
    stated_on = serializers.DateField(allow_null=True)
    carried_over = serializers.BooleanField()
    demand = serializers.CharField(
        allow_blank=True, help_text="What the party demands beyond the clause as worded."
    )


class PartyChangeSerializer(serializers.Serializer):
    party_slug = serializers.CharField()
    party_name = serializers.CharField()
    before = DiffPositionSerializer(allow_null=True)
    after = DiffPositionSerializer(allow_null=True)
    stance_before = serializers.CharField(allow_null=True)
    stance_after = serializers.CharField(allow_null=True)
    value_before = serializers.IntegerField(allow_null=True)
    value_after = serializers.IntegerField(allow_null=True)
    direction = serializers.ChoiceField(choices=_choices(Direction))
    stance_changed = serializers.BooleanField()
    summary_changed = serializers.BooleanField()
    quote_changed = serializers.BooleanField()
    source_changed = serializers.BooleanField()
    stated_on_changed = serializers.BooleanField()
    changed = serializers.BooleanField()
    demand_changed = serializers.BooleanField()


class TextOpSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=_choices(OpKind))
    text = serializers.CharField(allow_blank=True)


class TextDiffSerializer(serializers.Serializer):
    ops = TextOpSerializer(many=True)


class ClauseDiffSerializer(serializers.Serializer):
    clause_id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    topic = serializers.CharField()
    change = serializers.ChoiceField(choices=_choices(ClauseChange))
    changed_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=_choices(ClauseField))
    )
    number_before = serializers.CharField(allow_null=True)
    number_after = serializers.CharField(allow_null=True)
    status_before = serializers.CharField(allow_null=True)
    status_after = serializers.CharField(allow_null=True)
    position_before = serializers.IntegerField(allow_null=True)
    position_after = serializers.IntegerField(allow_null=True)
    text = TextDiffSerializer()
    parties = PartyChangeSerializer(many=True)
    gap_before = serializers.IntegerField(allow_null=True)
    gap_after = serializers.IntegerField(allow_null=True)
    convergence = serializers.ChoiceField(choices=_choices(Convergence))


class RevisionInfoSerializer(serializers.Serializer):
    # Both sides are always revisions: a first revision has no default diff (see
    # clauses.selectors.diffs.default_against).
    revision_id = serializers.IntegerField()
    number = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True)
    coverage = serializers.ChoiceField(
        choices=Coverage.choices,
        help_text="full_text: what is absent is absent; partial: what is absent is only "
        "not described, so the diff calls it first_described or not_described.",
    )


class PartyTotalsSerializer(serializers.Serializer):
    party_slug = serializers.CharField()
    party_name = serializers.CharField()
    moved = serializers.IntegerField()
    toward = serializers.IntegerField()
    away = serializers.IntegerField()


class DiffTotalsSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    removed = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    parties = PartyTotalsSerializer(many=True)
    first_described = serializers.IntegerField(
        help_text="Clauses only in the new revision, which the partial old one does not describe."
    )
    not_described = serializers.IntegerField(
        help_text="Clauses only in the old revision, which the partial new one does not describe."
    )


class RevisionDiffSerializer(serializers.Serializer):
    old = RevisionInfoSerializer()
    new = RevisionInfoSerializer()
    clauses = ClauseDiffSerializer(many=True, help_text="In the new revision's draft order.")
    totals = DiffTotalsSerializer()
    summary = serializers.CharField(help_text='e.g. "3 added, 1 removed, 5 changed, ...".')
    old_url = serializers.URLField(help_text="The revision compared against.")
    new_url = serializers.URLField()
