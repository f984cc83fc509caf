"""A plan for the synopsis tests: a first draft, a counter-proposal recorded as a branch
answering it, a later main-line draft that renumbers, splits, deletes and rewords, and a
partial press report continuing it."""

import pytest

from clauses.models import ClauseDeletion, ClauseLineage, ClauseVersion
from clauses.vocabularies import ClauseStatus, Coverage, LineageKind, Stance, Topic
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)
from translations.models import ClauseVersionTranslation, text_sha256

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


def in_two_languages(picked: str) -> str:
    """``picked`` (revision numbers) with every other column in Ukrainian and, where there
    is room, the first revision once more in Arabic: the same number of columns or one more,
    at most six."""
    numbers = picked.split(",")
    columns = [f"{n}:uk" if index % 2 else n for index, n in enumerate(numbers)]
    if len(columns) < 6:
        columns.append(f"{numbers[0]}:ar")
    return ",".join(columns)


ARMY_CAP_UK = "Чисельність збройних сил України обмежується {} осіб."


@pytest.fixture
def synopsis_translations(synopsis_plan):
    """Ukrainian texts of the army cap in r1 (official) and r2 (unofficial, made from an
    earlier wording: stale), and a hostile one of NATO in r1; none of the lines."""

    def translate(number, slug, text, *, official=False, made_from=None):
        version = ClauseVersion.objects.get(
            revision__plan=synopsis_plan, revision__number=number, clause__slug=slug
        )
        ClauseVersionTranslation.objects.create(
            clause_version=version,
            language="uk",
            text=text,
            official=official,
            original_sha256=text_sha256(made_from or version.text),
        )

    translate(1, "army", ARMY_CAP_UK.format("600 000"), official=True)
    translate(2, "army", ARMY_CAP_UK.format("800 000"), made_from="an earlier wording")
    translate(1, "nato", "Україна не вступає до НАТО. " + HOSTILE)
    return synopsis_plan
