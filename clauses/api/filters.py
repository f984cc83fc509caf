"""Filters of the positions list. An unknown value is a 400 naming the filter, never an
empty list that looks like an answer."""

import django_filters
from django import forms
from django.apps import apps
from django.db.models import QuerySet

from clauses.choices import ClauseStatus, Topic
from clauses.models import Plan, Position
from clauses.stance import Stance

from . import reads
from .exceptions import REVISION_FILTER_INVALID, REVISION_FILTER_NEEDS_PLAN

LATEST = "latest"
ALL = "all"
# Revision numbers are stored as PostgreSQL integers: a larger number matches nothing, and
# must not reach the database, which would refuse it as out of range.
MAX_NUMBER = 2**31 - 1


class RevisionField(forms.CharField):
    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if value in ("", LATEST, ALL):
            return value
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_NUMBER:
            raise forms.ValidationError(REVISION_FILTER_INVALID.format(value=value), code="invalid")
        return value


class RevisionFilter(django_filters.CharFilter):
    """A revision number (with ``plan``), ``latest`` (each plan's latest revision, also when
    no revision is given) or ``all``."""

    field_class = RevisionField

    def filter(self, qs: QuerySet[Position], value: str) -> QuerySet[Position]:
        if value == ALL:
            return qs
        if value in ("", LATEST):
            return reads.in_latest_revisions(qs)
        return qs.filter(clause_version__revision__number=int(value))


class PositionFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        revision = data.get("revision")
        # An unknown plan is reported on its own; a number without a plan at all is not
        # enough to find a revision.
        if (
            revision not in ("", None, LATEST, ALL)
            and not data.get("plan")
            and "plan" not in self.errors
        ):
            self.add_error(
                "revision",
                forms.ValidationError(
                    REVISION_FILTER_NEEDS_PLAN.format(value=revision), code="invalid"
                ),
            )
        return data


def _parties(request):
    # Looked up when filtering: the clauses app does not import parties at import time.
    return apps.get_model("parties", "Party").objects.all()


class PositionFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        field_name="clause_version__revision__plan",
        to_field_name="slug",
        queryset=Plan.objects.all(),
        help_text="A plan's slug.",
    )
    revision = RevisionFilter(
        help_text="A revision number (give plan too), 'latest' (the default: each plan's "
        "latest revision) or 'all'."
    )
    party = django_filters.ModelChoiceFilter(
        field_name="party", to_field_name="slug", queryset=_parties, help_text="A party's slug."
    )
    stance = django_filters.ChoiceFilter(choices=Stance.choices)
    topic = django_filters.ChoiceFilter(
        field_name="clause_version__clause__topic", choices=Topic.choices
    )
    status = django_filters.ChoiceFilter(
        field_name="clause_version__status",
        choices=ClauseStatus.choices,
        help_text="The clause's status in the revision.",
    )

    class Meta:
        model = Position
        form = PositionFilterForm
        fields = ["plan", "revision", "party", "stance", "topic", "status"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # CharFilter skips an empty value; the default (latest revisions) still applies.
        if not self.form.cleaned_data.get("revision"):
            queryset = self.filters["revision"].filter(queryset, LATEST)
        return queryset
