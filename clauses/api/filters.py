"""Filters of the positions list. An unknown value is a 400 naming the filter, never an
empty list that looks like an answer."""

import functools

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError

from clauses.models import Plan, Position
from clauses.selectors import api_reads as reads
from clauses.selectors.position_pages import position_page
from clauses.vocabularies import ClauseStatus, Stance, Topic
from core.api.exceptions import PARAMETER_EMPTY, REVISION_FILTER_INVALID
from core.api.inputs import NON_BLANK_PATTERN
from core.api.pagination import PageReader
from parties.models import Party

LATEST = "latest"
ALL = "all"
# Revision numbers are stored as PostgreSQL integers: a larger number matches nothing, and
# must not reach the database, which would refuse it as out of range.
MAX_NUMBER = 2**31 - 1


def _text_filter_schema(help_text: str) -> dict:
    """A filter's schema: text, neither empty nor blank, which ``filter_positions``
    refuses rather than reading as "no filter"."""
    return {
        "type": "string",
        "minLength": 1,
        "pattern": NON_BLANK_PATTERN,
        "description": help_text,
    }


class RevisionField(forms.CharField):
    def __init__(self, *args, **kwargs):
        # Read as sent, as the schema states it: " 2" is no revision number.
        super().__init__(*args, strip=False, **kwargs)

    def clean(self, value):
        value = super().clean(value) or ""
        if value in ("", LATEST, ALL):
            return value
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_NUMBER:
            raise forms.ValidationError(REVISION_FILTER_INVALID.format(value=value), code="invalid")
        return value


class RevisionFilter(django_filters.CharFilter):
    """A revision number (of ``plan``, or of each plan), ``latest`` (each plan's latest
    revision, also when no revision is given) or ``all``."""

    field_class = RevisionField

    def __init__(self, *args, help_text: str, **kwargs):
        super().__init__(*args, help_text=help_text, **kwargs)
        schema = {
            "oneOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER},
                {"type": "string", "enum": [LATEST, ALL]},
            ],
            "description": help_text,
        }
        extend_schema_field(schema)(self)  # type: ignore[type-var]

    def filter(self, qs: QuerySet[Position], value: str) -> QuerySet[Position]:
        if value == ALL:
            return qs
        if value in ("", LATEST):
            return reads.in_latest_revisions(qs)
        return qs.filter(clause_version__revision__number=int(value))


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A record named by its slug: a string in the schema (the model's key is an integer,
    which is what the schema would say otherwise)."""

    def __init__(self, *args, help_text: str, **kwargs):
        super().__init__(*args, to_field_name="slug", help_text=help_text, **kwargs)
        # A schema given this way replaces the one drf-spectacular builds, description too.
        # The decorator marks any object; its hints admit only callables.
        extend_schema_field(_text_filter_schema(help_text))(self)  # type: ignore[type-var]


def _parties(request):
    return Party.objects.all()


class PositionFilter(django_filters.FilterSet):
    plan = SlugChoiceFilter(
        field_name="clause_version__revision__plan",
        queryset=Plan.objects.all(),
        help_text="Only the positions in this plan (its slug, e.g. `ukraine-peace-framework`).",
    )
    revision = RevisionFilter(
        help_text="A revision number (of `plan`, or of each plan without it), `latest` (the "
        "default: each plan's latest revision) or `all`."
    )
    party = SlugChoiceFilter(
        field_name="party",
        queryset=_parties,
        help_text="Only this party's positions (its slug, e.g. `russia`).",
    )
    stance = django_filters.ChoiceFilter(
        choices=Stance.choices, help_text="Only the positions with this stance."
    )
    topic = django_filters.ChoiceFilter(
        field_name="clause_version__clause__topic",
        choices=Topic.choices,
        help_text="Only the positions on clauses of this topic.",
    )
    status = django_filters.ChoiceFilter(
        field_name="clause_version__status",
        choices=ClauseStatus.choices,
        help_text="Only the positions on clauses with this status in their revision.",
    )

    class Meta:
        model = Position
        fields = ["plan", "revision", "party", "stance", "topic", "status"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # CharFilter skips an empty value; the default (latest revisions) still applies.
        if not self.form.cleaned_data.get("revision"):
            queryset = self.filters["revision"].filter(queryset, LATEST)
        return queryset


@functools.cache
def _bound_filters() -> dict[str, django_filters.Filter]:
    """The filters of one ``PositionFilter``, each with its form field built, kept for reuse.

    A FilterSet deep-copies its filters and builds a form class, its fields and a form on
    every request, which cost more than the filtering itself (the positions list case in
    bench/results.md). Cleaning a value and filtering by it change neither the filter nor
    its field, so one set of both serves every request.
    """
    filters = PositionFilter(queryset=Position.objects.none()).filters
    for item in filters.values():
        item.field  # noqa: B018 -- built here, so that requests only ever read the fields
    return filters


def filter_positions(params, queryset: QuerySet[Position]) -> QuerySet[Position]:
    """``queryset`` filtered by the query ``params`` as ``PositionFilter`` with
    ``DjangoFilterBackend`` would filter it: the same fields clean each value, the same
    checks run in the same order, and the same 400 names every bad value.

    The list keeps ``PositionFilter`` as its ``filterset_class``: the schema documents
    the filters from it. A change to the filters' rules goes in both places."""
    filters = _bound_filters()
    cleaned: dict = {}
    errors: dict[str, list[forms.ValidationError]] = {}
    # What the filter set's form does: each field in turn.
    for name, item in filters.items():
        raw = params.get(name)
        # An empty value would read as "no filter": a client that meant one gets a list
        # that looks like an answer. The schema types each filter; none allows "".
        if raw is not None and not raw.strip():
            errors[name] = [forms.ValidationError(PARAMETER_EMPTY.format(name=name), code="blank")]
            continue
        try:
            cleaned[name] = item.field.clean(raw)
        except forms.ValidationError as error:
            errors[name] = error.error_list
    if errors:
        # As django_filters.utils.translate_validation words them.
        raise ValidationError(
            {
                name: [
                    # Formatted only when it has parameters, as Django does: the message may
                    # quote the client's value, which can hold a "%". (A lazy message
                    # becomes its text, as ErrorDetail would make it anyway.)
                    ErrorDetail(
                        str(error.message % error.params if error.params else error.message),
                        code=error.code,
                    )
                    for error in forms.ValidationError(found).error_list
                ]
                for name, found in errors.items()
            }
        )
    for name, value in cleaned.items():
        queryset = filters[name].filter(queryset, value)
    return queryset


# The filters that name a record by its slug.
_BY_SLUG = ("plan", "party")


def _values_matched_by_slug(params) -> dict | None:
    """The value of each filter as ``filter_positions`` cleans it, but the plan's and the
    party's as their slugs; or None where ``filter_positions`` must answer: a value it
    refuses (the 400 naming it), or one holding a NUL, which PostgreSQL would refuse to
    compare."""
    filters = _bound_filters()
    values: dict = {}
    for name, item in filters.items():
        raw = params.get(name)
        if raw is not None and (not raw.strip() or "\x00" in raw):
            return None
        if name in _BY_SLUG:
            values[name] = raw
            continue
        try:
            values[name] = item.field.clean(raw)
        except forms.ValidationError:
            return None
    return values


def matched_page_reader(params) -> PageReader | None:
    """How to read a page of the positions ``filter_positions`` keeps for the filters
    ``params`` names (each row with the count of all, see
    ``core.api.pagination.PageReader``), or None where ``filter_positions`` must answer
    (see ``_values_matched_by_slug``).

    The page is read in the SQL of ``position_page``, the plan and the party matched by
    slug there rather than looked up first, which costs a query each: a page with rows
    shows that they exist, and only a page that comes back empty needs
    ``filter_positions`` to tell "none" from "no such plan" (see ``PositionViewSet.list``).
    """
    values = _values_matched_by_slug(params)
    if values is None:
        return None
    revision = values["revision"]
    current = revision in ("", LATEST)
    # A choice not given cleans to "".
    return functools.partial(
        position_page,
        plan=values["plan"],
        current=current,
        revision=None if current or revision == ALL else int(revision),
        party=values["party"],
        stance=values["stance"] or None,
        topic=values["topic"] or None,
        status=values["status"] or None,
    )
