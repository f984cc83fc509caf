"""A plan whose revision 1 is the English draft of tests/translations/texts.py."""

from clauses.models import ClauseVersion, Plan, Revision
from core.tracking import save_edit
from tests.factories import ClauseVersionFactory, PlanFactory, RevisionFactory
from tests.translations.texts import ENGLISH
from translations.models import ClauseVersionTranslation, text_sha256


def english_revision(*, slug: str = "accord", clauses: int | None = None) -> Revision:
    """Revision 1 of plan ``slug``: the eight English points (or ``clauses`` points, the
    English ones repeated with new numbers, for budgets over sizes)."""
    plan = PlanFactory(slug=slug, title="Accord")
    revision = RevisionFactory(plan=plan, number=1, label="English draft")
    count = clauses or len(ENGLISH)
    for i in range(count):
        number, text = ENGLISH[i % len(ENGLISH)]
        ClauseVersionFactory(
            revision=revision,
            clause__slug=f"point-{i + 1}",
            clause__title=f"Point {i + 1}",
            number=str(i + 1) if clauses else number,
            position_in_draft=i + 1,
            text=text,
        )
    return revision


def points_of(revision: Revision) -> list[ClauseVersion]:
    return list(revision.clause_versions.order_by("position_in_draft"))


def reword_original(version: ClauseVersion, editor) -> None:
    """Reword the English text of ``version``: its translations go stale."""
    save_edit(
        version,
        expected_version=version.version,
        changes={"text": "Sovereignty and borders are confirmed."},
        user=editor,
        summary="Reworded",
    )


def translate_every_other(plan: Plan) -> Plan:
    """Every other clause version of ``plan`` with a Ukrainian text, so that a read in
    Ukrainian (``?lang=uk``, ``lang=uk``) finds translations and originals both."""
    ClauseVersionTranslation.objects.bulk_create(
        ClauseVersionTranslation(
            clause_version=version,
            language="uk",
            text=f"Український текст {version.pk}",
            original_sha256=text_sha256(version.text),
        )
        for version in ClauseVersion.objects.filter(revision__plan=plan).order_by("pk")[::2]
    )
    return plan
