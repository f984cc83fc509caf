"""Slugs from titles in any script stay readable ASCII, so URLs stay citable."""

import pytest

from clauses.services import plan_create
from clauses.vocabularies import Topic
from core.saving import unique_slug
from drafting.services import ConfirmedPoint, revision_from_paste


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Гарантії безпеки", "garantiyi-bezpeki"),  # Ukrainian
        ("Гарантии безопасности", "garantii-bezopasnosti"),  # Russian
        ("Юнікод план 🇺🇦 миру", "iunikod-plan-miru"),  # the emoji has no Latin spelling
        ("Ασφάλεια", "asphaleia"),
        ("Security guarantees", "security-guarantees"),
    ],
)
def test_a_title_in_any_script_gives_a_readable_slug(title, slug):
    assert unique_slug(title, set(), fallback="clause") == slug


def test_a_title_of_emoji_alone_takes_the_fallback():
    taken: set[str] = set()
    assert unique_slug("🕊️🇺🇦", taken, fallback="clause") == "clause"
    assert unique_slug("🕊️", taken, fallback="clause") == "clause-2"


def test_two_cyrillic_titles_that_transliterate_alike_stay_distinct():
    taken: set[str] = set()
    assert unique_slug("Мир", taken, fallback="clause") == "mir"
    assert unique_slug("Мир", taken, fallback="clause") == "mir-2"


@pytest.mark.django_db
def test_plans_and_clauses_from_cyrillic_titles_have_citable_urls(editor, client):
    plan = plan_create(title="Юнікод план 🇺🇦 миру", user=editor, summary="New plan")
    assert plan.slug == "iunikod-plan-miru"
    revision_from_paste(
        plan=plan,
        previous=None,
        points=[
            ConfirmedPoint(
                number="1",
                text="Суверенітет України підтверджується.",
                title="Суверенітет України",
                topic=Topic.GOVERNANCE_ELECTIONS,
            ),
            ConfirmedPoint(
                number="2",
                text="Гарантии безопасности.",
                title="Гарантии безопасности",
                topic=Topic.SECURITY_GUARANTEES,
            ),
        ],
        user=editor,
        summary="First draft",
    )

    assert sorted(plan.clauses.values_list("slug", flat=True)) == [
        "garantii-bezopasnosti",
        "suverenitet-ukrayini",
    ]
    page = client.get("/plans/iunikod-plan-miru/clauses/suverenitet-ukrayini/")
    assert page.status_code == 200
    assert "Суверенітет України" in page.content.decode()
    api = client.get("/api/v1/plans/iunikod-plan-miru/clauses/").json()
    assert {c["url"].rsplit("/", 2)[-2] for c in api["results"]} == {
        "garantii-bezopasnosti",
        "suverenitet-ukrayini",
    }
