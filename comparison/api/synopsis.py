"""The synopsis over the API: two to six revisions of a plan side by side, as JSON.

``GET /api/v1/plans/<plan>/synopsis/?revisions=1,3,3:uk&base=1``; without ``revisions``, the
revisions the page shows by default. A column may name a language (``3:uk``): its cells
then hold the clauses' translations into it, or the original marked as such. The body is
the page's data in full (every row, no filters): the columns, the parties, the counts, and
per clause a cell per column with its text, its word diff against the base column and each
party's stance.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from clauses import selectors
from clauses.api.base import PlanApiViewSet, found
from clauses.api.renderers import ROWS_RENDERERS
from clauses.models import Revision
from clauses.selectors import api_reads as reads
from clauses.text_languages import TEXT_KINDS
from clauses.vocabularies import ClauseStatus, Coverage, Provenance, Stance, Topic
from comparison import synopsis as pure
from comparison.api.diff_schema import TextDiffSerializer
from comparison.selectors.synopsis import quoted_rows, revision_infos, synopsis_of
from translations.languages import CHOICES as LANGUAGE_CHOICES
from translations.selectors import original_language


def _choices(values):
    return [str(value) for value in values]


class SynopsisColumnSerializer(serializers.Serializer):
    """A revision set as a column, in the order picked."""

    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    published_on = serializers.DateField(allow_null=True)
    provenance = serializers.ChoiceField(choices=Provenance.choices)
    coverage = serializers.ChoiceField(choices=Coverage.choices)
    line = serializers.ChoiceField(
        choices=["main line", "branch", "withdrawn"],
        help_text="On the plan's main line, a branch (a counter-proposal), or withdrawn.",
    )
    is_base = serializers.BooleanField()
    key = serializers.CharField(help_text='The column as `revisions` names it: "3" or "3:uk".')
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        help_text="The language the column shows its clauses in (the original's code for a "
        "column in the original).",
    )
    language_name = serializers.CharField(help_text="That language's name, in its own script.")
    translated = serializers.BooleanField(help_text="The column asks for a translation.")
    url = serializers.URLField(help_text="The revision in the API.")


class SynopsisPartySerializer(serializers.Serializer):
    """A party holding a position in at least one column, in party order."""

    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class SynopsisCountsSerializer(serializers.Serializer):
    """How many rows each of the page's filters keeps."""

    rows = serializers.IntegerField(help_text="Clauses in at least one column.")
    differs = serializers.IntegerField(help_text="Worded differently between the columns.")
    same = serializers.IntegerField(help_text="Worded the same in every column.")
    only_one = serializers.IntegerField(help_text="In one column only.")
    topics = serializers.DictField(child=serializers.IntegerField(), help_text="Rows by topic.")
    parties = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="By party slug: rows on which the party's stance differs between columns.",
    )


class SynopsisRefSerializer(serializers.Serializer):
    """A clause a recorded split or merge carried this one on as."""

    slug = serializers.CharField()
    title = serializers.CharField()
    number = serializers.CharField(
        allow_null=True, help_text="Its number in this column's revision; null if not in it."
    )


class SynopsisStanceSerializer(serializers.Serializer):
    """A party's stance on the clause in one column."""

    party = serializers.CharField(help_text="The party's slug.")
    stance = serializers.ChoiceField(
        choices=Stance.choices, allow_null=True, help_text="Null: no position."
    )
    quote = serializers.CharField(allow_blank=True)
    differs = serializers.BooleanField(help_text="Not the party's stance in the base column.")


class SynopsisCellSerializer(serializers.Serializer):
    """A clause in one column: its wording, or why it is not there."""

    revision = serializers.IntegerField()
    column = serializers.CharField(help_text='The column\'s key: "3" or "3:uk".')
    cell = serializers.ChoiceField(choices=_choices(pure.CellKind))
    number = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=ClauseStatus.choices, allow_null=True)
    text = serializers.CharField(allow_blank=True, help_text="The text shown, in `language`.")
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        allow_null=True,
        help_text="The language of `text`; null where the clause is not in this column.",
    )
    text_kind = serializers.ChoiceField(
        choices=TEXT_KINDS,
        allow_null=True,
        help_text="original (a column in the original), official or unofficial (a "
        "translation), missing (no translation in the column's language: the original); "
        "null where the clause is not in this column.",
    )
    stale = serializers.BooleanField(
        help_text="A translation made from an earlier wording of the clause."
    )
    differs = serializers.BooleanField(
        help_text="Its original wording (or absence) is not the base's."
    )
    lineage = serializers.CharField(allow_blank=True, help_text='e.g. "split into 4a, 4b".')
    into = SynopsisRefSerializer(many=True)
    diff = TextDiffSerializer(
        allow_null=True,
        help_text="The word diff from the base column's text shown; null in the base column, "
        "where the base has no wording, or where the two texts are in different languages.",
    )
    stances = SynopsisStanceSerializer(many=True)


class SynopsisRowSerializer(serializers.Serializer):
    """One clause across the columns, a cell per column in their order."""

    clause = serializers.CharField(help_text="The clause's slug.")
    title = serializers.CharField()
    topic = serializers.ChoiceField(choices=Topic.choices)
    differs = serializers.BooleanField()
    same = serializers.BooleanField()
    only_one = serializers.BooleanField()
    parties_differ = serializers.ListField(child=serializers.CharField())
    cells = SynopsisCellSerializer(many=True)


class SynopsisSerializer(serializers.Serializer):
    """Two to six revisions of a plan side by side, one row per clause."""

    plan = serializers.CharField()
    revisions = serializers.ListField(child=serializers.IntegerField())
    base = serializers.IntegerField()
    columns = SynopsisColumnSerializer(many=True)
    parties = SynopsisPartySerializer(many=True)
    counts = SynopsisCountsSerializer()
    rows = SynopsisRowSerializer(many=True)


EXAMPLE = {
    "plan": "ukraine-peace-framework",
    "revisions": [1, 2, 2],
    "base": 1,
    "columns": [
        {
            "number": 1,
            "label": "US 28-point draft",
            "published_on": "2025-11-20",
            "provenance": "leaked",
            "coverage": "full_text",
            "line": "main line",
            "is_base": True,
            "key": "1",
            "language": "en",
            "language_name": "English",
            "translated": False,
            "url": "https://example.org/api/v1/plans/ukraine-peace-framework/revisions/1/",
        },
        {
            "number": 2,
            "label": "European counter-proposal",
            "published_on": "2025-11-23",
            "provenance": "reported",
            "coverage": "full_text",
            "line": "branch",
            "is_base": False,
            "key": "2",
            "language": "en",
            "language_name": "English",
            "translated": False,
            "url": "https://example.org/api/v1/plans/ukraine-peace-framework/revisions/2/",
        },
        {
            "number": 2,
            "label": "European counter-proposal",
            "published_on": "2025-11-23",
            "provenance": "reported",
            "coverage": "full_text",
            "line": "branch",
            "is_base": False,
            "key": "2:uk",
            "language": "uk",
            "language_name": "Українська",
            "translated": True,
            "url": "https://example.org/api/v1/plans/ukraine-peace-framework/revisions/2/",
        },
    ],
    "parties": [{"slug": "ukraine", "name": "Ukraine", "short_name": "UA"}],
    "counts": {
        "rows": 1,
        "differs": 1,
        "same": 0,
        "only_one": 0,
        "topics": {"military": 1},
        "parties": {"ukraine": 1},
    },
    "rows": [
        {
            "clause": "armed-forces-cap",
            "title": "Cap on Ukraine's armed forces",
            "topic": "military",
            "differs": True,
            "same": False,
            "only_one": False,
            "parties_differ": ["ukraine"],
            "cells": [
                {
                    "revision": 1,
                    "column": "1",
                    "cell": "present",
                    "number": "6",
                    "status": "contested",
                    "text": "Ukraine's armed forces are capped at 600,000.",
                    "language": "en",
                    "text_kind": "original",
                    "stale": False,
                    "differs": False,
                    "lineage": "",
                    "into": [],
                    "diff": None,
                    "stances": [
                        {"party": "ukraine", "stance": "opposes", "quote": "", "differs": False}
                    ],
                },
                {
                    "revision": 2,
                    "column": "2",
                    "cell": "present",
                    "number": "6",
                    "status": "open",
                    "text": "Ukraine's armed forces are capped at 800,000.",
                    "language": "en",
                    "text_kind": "original",
                    "stale": False,
                    "differs": True,
                    "lineage": "",
                    "into": [],
                    "diff": {
                        "ops": [
                            {"kind": "equal", "text": "Ukraine's armed forces are capped at "},
                            {"kind": "delete", "text": "600,000."},
                            {"kind": "insert", "text": "800,000."},
                        ]
                    },
                    "stances": [
                        {
                            "party": "ukraine",
                            "stance": "conditional",
                            "quote": "We can live with 800,000.",
                            "differs": True,
                        }
                    ],
                },
                {
                    "revision": 2,
                    "column": "2:uk",
                    "cell": "present",
                    "number": "6",
                    "status": "open",
                    "text": "Чисельність збройних сил України обмежується 800 000.",
                    "language": "uk",
                    "text_kind": "official",
                    "stale": False,
                    "differs": True,
                    "lineage": "",
                    "into": [],
                    "diff": None,
                    "stances": [
                        {
                            "party": "ukraine",
                            "stance": "conditional",
                            "quote": "We can live with 800,000.",
                            "differs": True,
                        }
                    ],
                },
            ],
        }
    ],
}


class SynopsisViewSet(PlanApiViewSet):
    # Documented with the plan it reads: "plan_synopsis" in the "plans" tag.
    resource_name = "plan"
    queryset = selectors.nothing_of(Revision)  # for the model permissions of writes
    serializer_class = SynopsisSerializer
    renderer_classes = ROWS_RENDERERS

    @extend_schema(
        summary="Two to six revisions side by side, clause by clause",
        description="One row per clause (its identity kept across renumbering), one cell per "
        "revision in the order given: the clause as worded there with its word diff "
        "against the base revision, or why it is not there (deleted, split into, merged "
        "into, not in this draft, not described), and each party's stance. Bad input "
        "(malformed, fewer than two or more than six columns, a revision twice in the same "
        "language, a language code the site does not know, a number the plan has no "
        "revision for) is a 400 naming `revisions`; a base not among them a 400 naming "
        "`base`. A column may name a language after its revision number (`3:uk`): its "
        "cells hold the clauses' translations into it, or the original marked `missing`, "
        "and a translation made from an earlier wording is flagged `stale`.",
        parameters=[
            OpenApiParameter(
                "revisions",
                {"type": "string", "pattern": pure.REVISIONS_PATTERN},
                description="Two to six columns, comma-separated, in order: each the number of "
                "a revision of the plan, optionally followed by a colon and the ISO 639-1 "
                "code of the language to show it in (e.g. 1,3,3:uk: revision 3 in the "
                "original and in Ukrainian). By default the current revision, every "
                "branch off its line and the drafts those answer, or else the last three "
                "on the main line, in the original.",
                examples=[
                    OpenApiExample("three revisions", value="1,2,3"),
                    OpenApiExample("a revision beside its Ukrainian text", value="1,2,2:uk"),
                ],
            ),
            OpenApiParameter(
                "base",
                {"type": "string", "pattern": pure.BASE_PATTERN},
                description="The column every other column is compared with, as `revisions` "
                "names it (2, or 2:uk; a bare number the revision's original column if "
                "picked, else its first); by default the first.",
            ),
        ],
        responses=SynopsisSerializer,
        examples=[
            OpenApiExample("a draft and a counter-proposal", value=EXAMPLE, response_only=True)
        ],
    )
    def synopsis(self, request, plan: str):
        found_plan = found(lambda: selectors.plan_get(plan), plan=plan)
        infos = revision_infos(list(reads.revisions(found_plan)))
        raw_revisions = request.query_params.get("revisions")
        raw_base = request.query_params.get("base")
        try:
            # Given empty, a parameter is malformed, as the schema states; only one left
            # out takes its default.
            if raw_revisions == "":
                pure.parse_revisions(raw_revisions)
            if raw_base == "":
                raise pure.SynopsisRefused("base", pure.BASE_MALFORMED.format(value=raw_base))
            picks, base = pure.choose(
                raw_revisions,
                raw_base,
                infos,
                plan=found_plan.slug,
                original=original_language(),
            )
        except pure.SynopsisRefused as refused:
            raise serializers.ValidationError({refused.field: str(refused)}) from None
        result = synopsis_of(plan=found_plan, revisions=infos, picks=picks, base=base)
        rows = quoted_rows(plan=found_plan, result=result, rows=result.rows)
        return Response(_body(result, rows, found_plan.slug, self.links()))


def _body(result: pure.Synopsis, rows, plan: str, links) -> dict:
    base = result.base.number
    original = original_language()
    return {
        "plan": plan,
        "revisions": [column.number for column in result.columns],
        "base": base,
        "columns": [
            {
                "number": column.number,
                "label": column.label,
                "published_on": column.published_on.isoformat() if column.published_on else None,
                "provenance": column.provenance,
                "coverage": column.coverage,
                "line": column.line,
                "is_base": index == result.base_index,
                "key": column.key,
                "language": column.language or original,
                "language_name": column.language_name,
                "translated": bool(column.language),
                "url": links.revision(plan, column.number),
            }
            for index, column in enumerate(result.columns)
        ],
        "parties": [
            {"slug": party.slug, "name": party.name, "short_name": party.short_name}
            for party in result.parties
        ],
        "counts": {
            "rows": result.counts.rows,
            "differs": result.counts.differs,
            "same": result.counts.same,
            "only_one": result.counts.only_one,
            "topics": dict(result.counts.topics),
            "parties": dict(result.counts.parties),
        },
        "rows": [
            {
                "clause": row.clause.slug,
                "title": row.clause.title,
                "topic": row.clause.topic,
                "differs": row.differs,
                "same": row.same,
                "only_one": row.only_one,
                "parties_differ": [p.slug for p in result.parties if p.slug in row.parties_differ],
                "cells": [
                    _cell(cell, column)
                    for column, cell in zip(result.columns, row.cells, strict=True)
                ],
            }
            for row in rows
        ],
    }


def _cell(cell: pure.Cell, column: pure.RevisionInfo) -> dict:
    return {
        "revision": column.number,
        "column": column.key,
        "cell": str(cell.kind),
        "number": cell.number,
        "status": cell.status,
        "text": cell.text,
        "language": cell.language if cell.present else None,
        "text_kind": cell.text_kind if cell.present else None,
        "stale": cell.stale,
        "differs": cell.differs,
        "lineage": cell.lineage,
        "into": [{"slug": ref.slug, "title": ref.title, "number": ref.number} for ref in cell.into],
        "diff": None
        if cell.diff is None
        else {"ops": [{"kind": str(op.kind), "text": op.text} for op in cell.diff.ops]},
        "stances": [
            {
                "party": stated.party_slug,
                "stance": stated.stance,
                "quote": stated.quote,
                "differs": stated.differs,
            }
            for stated in cell.stances
        ],
    }
