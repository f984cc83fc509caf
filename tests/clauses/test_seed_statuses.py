"""The seed's clause statuses say no more than the report: a point the report gives only as
a party's demand, a speaker's suggestion or a claim, and does not place in the plan's text,
is "raised outside the text", not "open" (an open point of the plan)."""

import pytest

from clauses.models import ClauseVersion
from clauses.vocabularies import ClauseStatus

pytestmark = pytest.mark.django_db

# Each clause with what the report says of it (fixtures/seed.json, ../sources).
RAISED_OUTSIDE_THE_TEXT = [
    pytest.param("comparable-russian-withdrawal", "Ukraine’s demand", id="ukraine-demand"),
    pytest.param("donbas-territory-demand", "Russia’s demand", id="donbas-demand"),
    pytest.param("nato-renunciation", "Russia’s demand", id="nato-demand"),
    pytest.param("consequences-of-rejection", "his suggestion", id="zelenskyy-suggestion"),
    pytest.param("donetsk-full-control", "Russia’s demand", id="donetsk-demand"),
    pytest.param("annexation-claims", "does not say how the plan treats", id="annexation"),
]


def seeded_version(plan, slug):
    return ClauseVersion.objects.get(
        revision=plan.revisions.order_by("-number").first(), clause__slug=slug
    )


@pytest.mark.parametrize(("slug", "report_says"), RAISED_OUTSIDE_THE_TEXT)
def test_a_demand_or_suggestion_is_raised_outside_the_text(seeded, slug, report_says):
    version = seeded_version(seeded, slug)
    assert report_says in version.text  # the report names it so, not as the plan's wording
    assert version.status == ClauseStatus.RAISED_OUTSIDE_TEXT


def test_only_those_six_are_raised_outside_the_text(seeded):
    """The plan's own points, reported as in the text, stay open or contested."""
    raised = set(
        ClauseVersion.objects.filter(status=ClauseStatus.RAISED_OUTSIDE_TEXT).values_list(
            "clause__slug", flat=True
        )
    )
    assert raised == {param.values[0] for param in RAISED_OUTSIDE_THE_TEXT}
    assert seeded_version(seeded, "international-monitoring").status == ClauseStatus.OPEN
    assert seeded_version(seeded, "zaporizhzhia-nuclear-plant").status == ClauseStatus.CONTESTED
