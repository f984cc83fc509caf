"""A plan for the synopsis tests: a first draft, a counter-proposal recorded as a branch
answering it, a later main-line draft that renumbers, splits, deletes and rewords, and a
partial press report continuing it."""

import pytest

from clauses.models import ClauseDeletion, ClauseLineage
from clauses.vocabularies import ClauseStatus, Coverage, LineageKind, Stance, Topic
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

ARMY_CAP = "The armed forces of Ukraine are capped at {} personnel."
HOSTILE = '<script>alert("x")</script> & co'


@pytest.fixture
def synopsis_plan():
    plan = PlanFactory(slug="framework", title="Peace framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", short_name="UA", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", short_name="RU", sort_order=2)
    parties = {"ukraine": ukraine, "russia": russia}
    army = ClauseFactory(plan=plan, slug="army", title="Army cap", topic=Topic.MILITARY)
    lines = ClauseFactory(plan=plan, slug="lines", title="Lines of contact", topic=Topic.TERRITORY)
    donbas = ClauseFactory(plan=plan, slug="donbas", title="Donbas", topic=Topic.TERRITORY)
    nato = ClauseFactory(plan=plan, slug="nato", title=HOSTILE, topic=Topic.ALLIANCES)
    east = ClauseFactory(plan=plan, slug="lines-east", title="Eastern lines", topic=Topic.TERRITORY)
    south = ClauseFactory(
        plan=plan, slug="lines-south", title="Southern lines", topic=Topic.TERRITORY
    )

    def version(revision, clause, number, place, text, **stances):
        cv = ClauseVersionFactory(
            revision=revision,
            clause=clause,
            number=number,
            position_in_draft=place,
            text=text,
            status=ClauseStatus.OPEN,
        )
        for party, stance in stances.items():
            quote = HOSTILE if party == "russia" else ""
            PositionFactory(clause_version=cv, party=parties[party], stance=stance, quote=quote)
        return cv

    first = RevisionFactory(plan=plan, number=1, label="US draft")
    version(
        first,
        army,
        "1",
        1,
        ARMY_CAP.format("600,000"),
        ukraine=Stance.OPPOSES,
        russia=Stance.SUPPORTS,
    )
    version(first, lines, "2", 2, "Lines of contact frozen.", ukraine=Stance.CONDITIONAL)
    version(first, donbas, "3", 3, "Donbas is ceded.", ukraine=Stance.RED_LINE)
    version(first, nato, "4", 4, "Ukraine never joins NATO. " + HOSTILE)

    counter = RevisionFactory(
        plan=plan, number=2, label="European counter-proposal", previous=first, branch=True
    )
    version(
        counter,
        army,
        "1",
        1,
        ARMY_CAP.format("800,000"),
        ukraine=Stance.CONDITIONAL,
        russia=Stance.OPPOSES,
    )
    version(counter, lines, "2", 2, "Lines of contact frozen.", ukraine=Stance.CONDITIONAL)
    version(counter, nato, "3", 3, "Ukraine never joins NATO. " + HOSTILE)

    later = RevisionFactory(plan=plan, number=3, label="Framework", previous=first)
    version(
        later,
        army,
        "2",
        2,
        ARMY_CAP.format("800,000"),
        ukraine=Stance.CONDITIONAL,
        russia=Stance.RED_LINE,
    )
    version(later, east, "1a", 1, "Eastern lines frozen.", ukraine=Stance.CONDITIONAL)
    version(later, south, "1b", 3, "Southern lines frozen.")
    for successor in (east, south):
        ClauseLineage.objects.create(
            revision=later, predecessor=lines, successor=successor, kind=LineageKind.SPLIT
        )
    ClauseDeletion.objects.create(revision=later, clause=donbas, note="point 3 deleted")

    report = RevisionFactory(
        plan=plan, number=4, label="Press report", previous=later, coverage=Coverage.PARTIAL
    )
    version(report, army, "2", 1, ARMY_CAP.format("800,000"), ukraine=Stance.CONDITIONAL)
    return plan
