"""The diff endpoint's body in the OpenAPI schema.

The body itself is ``comparison.diff.RevisionDiff.as_dict()``, the diff module's dataclasses
as JSON; these serializers only describe it, field for field, for the schema (the schema
test run in the suite checks real responses against them).
"""

from rest_framework import serializers

from clauses.fields import POSITION
from clauses.vocabularies import ClauseStatus, Coverage, Stance, Topic
from comparison.diff import ClauseChange, ClauseField, Convergence, Direction
from comparison.textdiff import OpKind
from core.api.declared import documents


def _choices(enum):
    return [member.value for member in enum]


def _stance(**kwargs):
    return serializers.ChoiceField(choices=Stance.choices, **kwargs)


def _status(**kwargs):
    return serializers.ChoiceField(choices=ClauseStatus.choices, allow_null=True, **kwargs)


@documents(POSITION, after="party_slug", read_only=False)
class DiffPositionSerializer(serializers.Serializer):
    """A party's position on the clause in one of the two revisions."""

    party_slug = serializers.CharField(help_text="The party's slug.")


class PartyChangeSerializer(serializers.Serializer):
    """How one party's position on the clause changed between the two revisions."""

    party_slug = serializers.CharField(help_text="The party's slug.")
    party_name = serializers.CharField()
    before = DiffPositionSerializer(
        allow_null=True, help_text="The position in the old revision; null if it held none."
    )
    after = DiffPositionSerializer(
        allow_null=True, help_text="The position in the new revision; null if it holds none."
    )
    stance_before = _stance(allow_null=True, help_text="Null if the party held no position.")
    stance_after = _stance(allow_null=True, help_text="Null if the party holds no position.")
    value_before = serializers.IntegerField(
        allow_null=True, help_text="The stance as a number (supports 2 ... red line -2)."
    )
    value_after = serializers.IntegerField(allow_null=True, help_text="Likewise, after.")
    direction = serializers.ChoiceField(
        choices=_choices(Direction),
        help_text="Whether the party moved toward agreement (a higher value) or away.",
    )
    stance_changed = serializers.BooleanField()
    summary_changed = serializers.BooleanField()
    quote_changed = serializers.BooleanField()
    source_changed = serializers.BooleanField()
    stated_on_changed = serializers.BooleanField()
    changed = serializers.BooleanField(help_text="Whether anything of the position changed.")
    demand_changed = serializers.BooleanField()


class TextOpSerializer(serializers.Serializer):
    """A run of words kept, inserted or deleted."""

    kind = serializers.ChoiceField(choices=_choices(OpKind))
    text = serializers.CharField(allow_blank=True, help_text="The words, as plain text.")


class TextDiffSerializer(serializers.Serializer):
    """The clause's text change, word by word: read the ops in order."""

    ops = TextOpSerializer(many=True)


class ClauseRefSerializer(serializers.Serializer):
    """A clause a split or a merge links to."""

    clause_id = serializers.IntegerField(help_text="The clause's internal id.")
    slug = serializers.CharField(help_text="The clause's slug.")
    title = serializers.CharField()
    number = serializers.CharField(help_text="Its number in the revision it is in there.")


class ClauseDiffSerializer(serializers.Serializer):
    """One clause: added, removed, changed or unchanged (or split, merged, made by a split
    or a merge), and what changed."""

    clause_id = serializers.IntegerField(help_text="The clause's internal id.")
    slug = serializers.CharField(help_text="The clause's slug.")
    title = serializers.CharField()
    topic = serializers.ChoiceField(choices=Topic.choices)
    change = serializers.ChoiceField(choices=_choices(ClauseChange))
    changed_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=_choices(ClauseField)),
        help_text="What changed of a changed clause.",
    )
    number_before = serializers.CharField(
        allow_null=True, help_text="Its number in the old draft; null if absent there."
    )
    number_after = serializers.CharField(
        allow_null=True, help_text="Its number in the new draft; null if absent there."
    )
    status_before = _status(help_text="Null if absent from the old draft.")
    status_after = _status(help_text="Null if absent from the new draft.")
    position_before = serializers.IntegerField(
        allow_null=True, help_text="Its place in the old draft's order."
    )
    position_after = serializers.IntegerField(
        allow_null=True, help_text="Its place in the new draft's order."
    )
    text = TextDiffSerializer()
    parties = PartyChangeSerializer(many=True, help_text="Every party, in the matrix's order.")
    gap_before = serializers.IntegerField(
        allow_null=True,
        help_text="The distance between the furthest-apart known stances; null with fewer "
        "than two.",
    )
    gap_after = serializers.IntegerField(allow_null=True, help_text="Likewise, after.")
    convergence = serializers.ChoiceField(
        choices=_choices(Convergence), help_text="Whether the parties moved closer or apart."
    )
    moved = serializers.BooleanField(
        help_text="In both revisions, renumbered or moved among the clauses both hold."
    )
    split_into = ClauseRefSerializer(
        many=True,
        help_text="A clause of the old revision split (change `split`, or `changed` with "
        "`lineage` when it continues): the clauses of the new one it became, itself included "
        "when it continues, numbered as in the new revision; empty otherwise.",
    )
    split_from = ClauseRefSerializer(
        allow_null=True,
        help_text="A clause made by a split (change `split_from`): the clause split, numbered "
        "as in the old revision; null otherwise.",
    )
    merged_into = ClauseRefSerializer(
        allow_null=True,
        help_text="A clause of the old revision merged into another (change `merged`): that "
        "clause, numbered as in the new revision; null otherwise.",
    )
    merged_from = ClauseRefSerializer(
        many=True,
        help_text="A clause several were merged into (change `merged_from`, or `changed` with "
        "`lineage` when it is one of them continuing): the clauses merged, numbered as in the "
        "old revision; empty otherwise.",
    )


class RevisionInfoSerializer(serializers.Serializer):
    """One side of the diff."""

    # Both sides are always revisions: a first revision has no default diff (see
    # comparison.selectors.diffs.default_against).
    revision_id = serializers.IntegerField(help_text="The revision's internal id.")
    number = serializers.IntegerField(help_text="The revision's number in its plan.")
    # A field named "label" shadows Field.label in the stubs; DRF declares fields this way.
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    coverage = serializers.ChoiceField(
        choices=Coverage.choices,
        help_text="full_text: what is absent is absent; partial: what is absent is only "
        "not described, so the diff calls it first_described or not_described.",
    )


class PartyTotalsSerializer(serializers.Serializer):
    """How many clauses one party moved on, and in which direction."""

    party_slug = serializers.CharField()
    party_name = serializers.CharField()
    moved = serializers.IntegerField(help_text="Clauses whose stance it changed.")
    toward = serializers.IntegerField(help_text="Of those, moves toward agreement.")
    away = serializers.IntegerField(help_text="Of those, moves away from agreement.")


class DiffTotalsSerializer(serializers.Serializer):
    """The counts for the diff's header."""

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
    deleted = serializers.IntegerField(
        help_text="Clauses only in the old revision, which an editor recorded the new one as "
        "striking out (change `deleted`), whatever its coverage."
    )
    split = serializers.IntegerField(help_text="Clauses of the old revision split.")
    split_into = serializers.IntegerField(help_text="The clauses those became.")
    merged = serializers.IntegerField(help_text="Clauses of the old revision merged.")
    merged_into = serializers.IntegerField(help_text="The clauses those became.")


class ClauseTextLanguagesSerializer(serializers.Serializer):
    """The language of each side's text of one clause, in a diff asked in a language."""

    clause = serializers.CharField(help_text="The clause's slug.")
    language_before = serializers.CharField(allow_null=True)
    language_after = serializers.CharField(allow_null=True)
    marks = serializers.ListField(
        child=serializers.CharField(),
        help_text='e.g. "r2: original (English): no Українська translation in r2".',
    )


class RevisionDiffSerializer(serializers.Serializer):
    """What changed between two revisions of a plan, clause by clause and party by party."""

    old = RevisionInfoSerializer(help_text="The revision compared against.")
    new = RevisionInfoSerializer(help_text="The revision whose changes these are.")
    clauses = ClauseDiffSerializer(many=True, help_text="In the new revision's draft order.")
    totals = DiffTotalsSerializer()
    summary = serializers.CharField(help_text='e.g. "3 added, 1 removed, 5 changed, ...".')
    # Never null: a first revision's diff without `against` is a 404, not a diff with no
    # old side.
    old_url = serializers.URLField(help_text="The revision compared against.")
    new_url = serializers.URLField(help_text="The revision whose changes these are.")
    # Only with ?lang=: without it the body is the diff module's output as is.
    language = serializers.CharField(
        required=False, help_text="With ?lang=: the language the texts were compared in."
    )
    text_languages = ClauseTextLanguagesSerializer(
        many=True,
        required=False,
        help_text="With ?lang=: each clause's sides (empty for the original), where a side "
        "with no translation keeps its original text, marked.",
    )
