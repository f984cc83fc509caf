"""A plan whose passages exercise the search: three revisions (the third a branch), texts in
English, Ukrainian and Russian, accented Latin, and markup that must come out escaped; and
translations of clause texts into Ukrainian (official), Russian (unofficial) and Hebrew."""

import pytest

from clauses.models import ClauseVersion
from clauses.vocabularies import Stance, Topic
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

DMZ_R1 = "A demilitarized zone of 30 km is established along the line of contact."
DMZ_R2 = "A demilitarised buffer zone is established; NATO troops stay out of it."
NATO_TEXT = "Ukraine will not join NATO; security guarantees akin to Article 5 instead."
PLANT_TEXT = "Запорізька АЕС переходить під нагляд МАГАТЕ <script>alert(1)</script>."
CAFE_TEXT = "Talks resume at the Café de la Paix under Élysée mediation."
NATO_UK = "Україна не вступатиме до НАТО; гарантії безпеки замість статті 5."
DMZ_RU = "Создаётся демилитаризованная буферная зона; войска НАТО в неё не входят."
CAFE_HE = "השיחות מתחדשות בבית הקפה דה לה פה בתיווך האליזה."


def translated(version: ClauseVersion, language: str, text: str, user, *, official: bool):
    from translations.services import TranslatedPoint, translations_record

    translations_record(
        revision=version.revision,
        language=language,
        points=[TranslatedPoint(version.pk, text)],
        official=official,
        user=user,
        summary="Translation",
    )


@pytest.fixture
def searchable(db, editor):
    plan = PlanFactory(slug="framework", title="Peace framework")
    other = PlanFactory(slug="other-plan", title="Another plan")
    r1 = RevisionFactory(plan=plan, number=1)
    r2 = RevisionFactory(plan=plan, number=2, previous=r1)
    r3 = RevisionFactory(plan=plan, number=3, previous=r1, branch=True)
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", sort_order=2)
    dmz = ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY)
    nato = ClauseFactory(plan=plan, slug="nato", title="NATO membership", topic=Topic.ALLIANCES)
    plant = ClauseFactory(
        plan=plan, slug="plant", title="Запорізька атомна станція", topic=Topic.NUCLEAR_ENERGY
    )
    cafe = ClauseFactory(
        plan=plan, slug="talks", title="Talks venue", topic=Topic.IMPLEMENTATION_MONITORING
    )
    versions = {
        (dmz, r1): DMZ_R1,
        (dmz, r2): DMZ_R2,
        (dmz, r3): DMZ_R1,
        (nato, r1): NATO_TEXT,
        (nato, r2): NATO_TEXT,
        (plant, r2): PLANT_TEXT,
        (cafe, r2): CAFE_TEXT,
    }
    made = {}
    for place, ((clause, revision), text) in enumerate(versions.items(), start=1):
        made[clause.slug, revision.number] = ClauseVersionFactory(
            revision=revision, clause=clause, number=str(place), position_in_draft=place, text=text
        )
    for number in (1, 2):  # the same position in both revisions: its passages stored once
        PositionFactory(
            clause_version=made["nato", number],
            party=russia,
            stance=Stance.RED_LINE,
            summary="Россия требует гарантий нейтралитета Украины.",
            quote="Никакого расширения НАТО на восток.",
            demand="A legally binding ban on NATO enlargement (расширение НАТО).",
            source_title="Kremlin readout",
        )
    PositionFactory(
        clause_version=made["dmz", 2],
        party=ukraine,
        stance=Stance.CONDITIONAL,
        summary="Accepts a demilitarized strip if monitors <b>are</b> present.",
        source_title="Office of the President & partners",
    )
    ClauseVersionFactory(
        revision=RevisionFactory(plan=other, number=1),
        clause=ClauseFactory(plan=other, slug="dmz", title="Buffer", topic=Topic.MILITARY),
        text="A demilitarized corridor in another plan.",
    )
    for number in (1, 2):  # the same Ukrainian text in both revisions: stored once
        translated(made["nato", number], "uk", NATO_UK, editor, official=True)
    translated(made["dmz", 2], "ru", DMZ_RU, editor, official=False)
    translated(made["talks", 2], "he", CAFE_HE, editor, official=False)
    return plan
