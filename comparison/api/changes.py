"""What was recorded in a plan since a day, over the API:
``GET /api/v1/plans/<plan>/changes/?since=YYYY-MM-DD``.

The same data as the page (clauses/selectors/changes.py): the revisions recorded since the
day, then the clauses reworded or moved on since, paged, each with its changes newest
first and who recorded each and why. A missing or bad ``since`` is a 400 naming it.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from clauses import selectors
from clauses.api.base import PlanApiViewSet, found
from clauses.models import Revision
from clauses.selectors.changes import plan_changes
from clauses.since import SINCE, SinceError, parse_since
from core.api.pagination import ApiPagination
from core.links import PageLinks


class ChangeSerializer(serializers.Serializer):
    """One change: a rewording of the clause or a party's stance move."""

    kind = serializers.CharField(help_text="rewording or move.")
    date = serializers.DateTimeField(help_text="When it was recorded.")
    user = serializers.CharField(allow_null=True, help_text="Who recorded it (username).")
    reason = serializers.CharField(allow_blank=True, help_text="Why: the edit summary.")
    revision = serializers.IntegerField(allow_null=True)
    number = serializers.CharField(allow_blank=True, help_text="A rewording's point number.")
    text = serializers.CharField(allow_blank=True, help_text="A rewording's new text.")
    text_before = serializers.CharField(allow_blank=True)
    party = serializers.CharField(allow_blank=True, help_text="A move's party (slug).")
    stance_before = serializers.CharField(allow_blank=True)
    stance_after = serializers.CharField(allow_blank=True)
    direction = serializers.CharField(allow_blank=True, help_text="A move's: toward or away.")


class ClauseChangesSerializer(serializers.Serializer):
    """A clause reworded or moved on since the day, with its changes newest first."""

    clause = serializers.CharField(help_text="The clause's slug.")
    title = serializers.CharField()
    url = serializers.URLField(help_text="The clause (API).")
    page_url = serializers.URLField(help_text="The clause's page.")
    changes = ChangeSerializer(many=True)


class NewRevisionSerializer(serializers.Serializer):
    """A revision recorded since the day, with who recorded it and why."""

    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    url = serializers.URLField()
    date = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class PlanChangesSerializer(serializers.Serializer):
    """What was recorded in the plan since the day: its new revisions, then one page of
    the clauses changed."""

    since = serializers.DateField()
    revisions = NewRevisionSerializer(many=True, help_text="Recorded since, newest first.")
    rewordings = serializers.IntegerField(help_text="Rewordings since, over every clause.")
    moves = serializers.IntegerField(help_text="Stance moves since, over every clause.")
    count = serializers.IntegerField(help_text="Clauses changed since.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ClauseChangesSerializer(many=True, help_text="The clause changed last first.")


CHANGE_FIELDS = list(ChangeSerializer().fields)


class PlanChangesViewSet(PlanApiViewSet):
    resource_name = "plan"
    queryset = selectors.nothing_of(Revision)  # for the model permissions of writes
    serializer_class = PlanChangesSerializer

    @extend_schema(
        summary="What was recorded in the plan since a day",
        description="Every revision, rewording and stance move recorded on or after the day "
        "(UTC), the last two grouped by clause, each with who recorded it and why. A stance "
        "move is counted as the diff counts it: not to or from unknown, and not the same "
        "quote read twice.",
        parameters=[
            OpenApiParameter(
                SINCE,
                {"type": "string", "format": "date"},
                required=True,
                description="The first day to show, YYYY-MM-DD.",
            ),
            # The list's pagination (core/api/pagination.py), over the clauses changed.
            *(
                OpenApiParameter(parameter["name"], parameter["schema"], description=text)
                for parameter, text in zip(
                    ApiPagination().get_schema_operation_parameters(None),
                    ("The page of clauses, from 1 (`last` names the last).", "Clauses a page."),
                    strict=True,
                )
            ),
        ],
        responses=PlanChangesSerializer,
    )
    def changes(self, request, plan: str):
        found_plan = found(lambda: selectors.plan_get(plan), plan=plan)
        try:
            since = parse_since(request.query_params.get(SINCE))
        except SinceError as refused:
            raise ValidationError({SINCE: [str(refused)]}) from None
        result = plan_changes(plan=found_plan, since=since)
        links = self.links()
        pages = PageLinks(request)
        clause_page = pages.template("clauses:clause", "plan", "clause")
        # The pager takes any sequence; its stubs name only querysets.
        page: list = self.paginate_queryset(result.clauses) or []  # type: ignore[arg-type]
        data = {
            "since": since.isoformat(),
            "revisions": [
                {
                    "number": record.revision,
                    "label": record.label,
                    "url": links.revision(found_plan.slug, record.revision)
                    if record.revision is not None
                    else None,
                    "date": record.date.isoformat(),
                    "user": record.user,
                    "reason": record.reason,
                }
                for record in result.revisions
            ],
            "rewordings": result.rewordings,
            "moves": result.moves,
        }
        results = [
            {
                "clause": clause.slug,
                "title": clause.title,
                "url": links.clause(found_plan.slug, clause.slug),
                "page_url": clause_page.format(plan=found_plan.slug, clause=clause.slug),
                "changes": [
                    {
                        **{name: getattr(record, name) for name in CHANGE_FIELDS},
                        "date": record.date.isoformat(),
                    }
                    for record in clause.records
                ],
            }
            for clause in page
        ]
        response = self.get_paginated_response(results)
        response.data = {**data, **response.data}
        return response
