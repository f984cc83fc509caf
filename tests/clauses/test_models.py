"""The database itself refuses rows that break the domain's rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clauses.models import (
    CLAUSE_OTHER_PLAN,
    PREVIOUS_NOT_EARLIER,
    PREVIOUS_OTHER_PLAN,
    ClauseVersion,
    Position,
    Revision,
)
from clauses.vocabularies import MAX_GAP, ORDINAL, Stance, agreement_gap, stance_value
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.django_db


def refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_a_clause_appears_once_in_a_revision():
    version = ClauseVersionFactory()
    refused(
        lambda: ClauseVersion.objects.create(
            revision=version.revision,
            clause=version.clause,
            number="2",
            position_in_draft=2,
            text="Again.",
        )
    )


def test_unknown_stance_is_refused_by_the_database():
    position = PositionFactory()
    refused(lambda: Position.objects.filter(pk=position.pk).update(stance="enthusiastic"))


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "finished"), ("provenance", "rumour"), ("number", 0)],
)
def test_revision_values_outside_their_choices_are_refused(field, value):
    revision = RevisionFactory()
    refused(lambda: Revision.objects.filter(pk=revision.pk).update(**{field: value}))


def test_clause_version_status_and_topic_are_checked():
    version = ClauseVersionFactory()
    refused(lambda: ClauseVersion.objects.filter(pk=version.pk).update(status="maybe"))
    refused(lambda: type(version.clause).objects.filter(pk=version.clause_id).update(topic="x"))


def test_revision_numbers_are_unique_within_a_plan():
    revision = RevisionFactory(number=1)
    refused(lambda: Revision.objects.create(plan=revision.plan, number=1, label="Copy"))
    # Another plan may have its own revision 1.
    assert Revision.objects.create(plan=PlanFactory(), number=1, label="Other plan's first")


def test_previous_from_another_plan_is_refused_by_the_database():
    other = RevisionFactory(number=1)
    revision = RevisionFactory(number=2)
    refused(lambda: Revision.objects.filter(pk=revision.pk).update(previous=other))
    refused(
        lambda: Revision.objects.create(plan=revision.plan, number=3, label="x", previous=other)
    )


def test_previous_must_be_an_earlier_revision():
    first = RevisionFactory(number=1)
    second = RevisionFactory(plan=first.plan, number=2, previous=first)
    refused(lambda: Revision.objects.filter(pk=first.pk).update(previous=second))
    refused(lambda: Revision.objects.filter(pk=first.pk).update(previous=first))
    # The rule accepts what it should.
    third = Revision.objects.create(plan=first.plan, number=3, label="Counter", previous=first)
    assert third.previous == first


def test_clean_names_the_problem_with_previous():
    first = RevisionFactory(number=1)
    later = RevisionFactory(plan=first.plan, number=2)
    foreign = RevisionFactory(number=1)
    first.previous = later
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert error.value.message_dict["previous"] == [PREVIOUS_NOT_EARLIER]
    first.previous = foreign
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert error.value.message_dict["previous"] == [PREVIOUS_OTHER_PLAN]


def test_a_clause_version_joins_a_clause_and_revision_of_one_plan():
    revision = RevisionFactory()
    foreign_clause = ClauseFactory()  # of another plan
    version = ClauseVersion(
        revision=revision, clause=foreign_clause, number="1", position_in_draft=1, text="x"
    )
    with pytest.raises(ValidationError) as error:
        version.full_clean()
    assert error.value.message_dict["clause"] == [CLAUSE_OTHER_PLAN]
    refused(version.save)


def test_one_position_per_party_on_a_clause_version():
    position = PositionFactory()
    refused(
        lambda: Position.objects.create(
            clause_version=position.clause_version, party=position.party, stance=Stance.OPPOSES
        )
    )


def test_party_colour_is_validated():
    party = PartyFactory.build(color="blue")
    with pytest.raises(ValidationError) as error:
        party.full_clean()
    assert "color" in error.value.message_dict


def test_str_reads_well():
    position = PositionFactory(
        party=PartyFactory(name="Ukraine"),
        clause_version__clause__title="Demilitarized zone",
        clause_version__revision__number=2,
        clause_version__number="9",
        stance=Stance.RED_LINE,
    )
    assert str(position) == "Ukraine on Demilitarized zone: red line"
    assert str(position.clause_version) == "Demilitarized zone (r2, point 9)"
    revision = position.clause_version.revision
    assert str(revision) == f"{revision.plan.title} r2: {revision.label}"


def test_stance_scale_values_live_in_one_place():
    assert [ORDINAL[s] for s in Stance.values] == [2, 1, 0, -1, -2, None]
    assert stance_value(Stance.UNKNOWN) is None


def test_agreement_gap_ignores_unknown_instead_of_counting_it_as_zero():
    assert agreement_gap([Stance.SUPPORTS, Stance.RED_LINE]) == MAX_GAP == 4
    assert agreement_gap([Stance.SUPPORTS, Stance.UNKNOWN]) is None
    assert agreement_gap([Stance.SUPPORTS, Stance.CONDITIONAL, Stance.UNKNOWN]) == 1
    assert agreement_gap([Stance.OPPOSES, Stance.OPPOSES]) == 0
