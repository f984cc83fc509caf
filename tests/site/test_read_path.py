"""One read path: views, API views, forms and commands read through selectors, and every
page, form and API default agrees on which revision of a plan is current."""

import re
from pathlib import Path

import pytest

from clauses import selectors
from clauses.models import Revision
from clauses.vocabularies import Stance
from comparison.selectors import parties as party_selectors
from parties.selectors import party_get
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

ROOT = Path(__file__).resolve().parents[2]
# The thin layers: they parse input, call selectors and services, and render.
THIN = [
    "core/api/base.py",
    "core/api/inputs.py",
    "core/management/commands",
    "parties/api.py",
    "parties/admin.py",
    "clauses/views",
    "clauses/api/views.py",
    "clauses/api/base.py",
    "clauses/api/inputs.py",
    "clauses/forms",
    "clauses/management/commands",
    "clauses/admin.py",
    "comparison/views",
    "comparison/api",
    "drafting/views.py",
    "drafting/forms.py",
    "drafting/api.py",
    "drafting/translation_views.py",
    "drafting/translation_forms.py",
    "publishing/views",
    "publishing/feeds.py",
    "sources/api.py",
    "sources/forms.py",
    "statements/views.py",
    "statements/forms.py",
    "statements/api.py",
    "translations/api.py",
    "translations/admin.py",
]
# A manager, a shortcut that queries, or a related manager's query (plan.revisions.filter).
ORM_CALL = re.compile(
    r"\.objects\b|get_object_or_404\(|\._default_manager\b"
    r"|\.(revisions|clauses|clause_versions|versions|positions)\.(filter|get|exclude|order_by|"
    r"aggregate|annotate|values|values_list|first|last|count|exists)\("
)


def _modules():
    for entry in THIN:
        path = ROOT / entry
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def test_views_forms_and_commands_never_call_the_orm():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ORM_CALL.search(line)
    ]
    assert offenders == [], "Read through a selector instead:\n" + "\n".join(offenders)


def test_parties_never_imports_the_apps_above_it():
    """Positions name their party: ``clauses`` imports ``parties``, never the reverse (the
    import contracts in pyproject.toml say the same for every app)."""
    above = r"(clauses|comparison|drafting|publishing)"
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "parties").rglob("*.py"))
        if re.search(rf"^\s*(from|import) {above}\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


@pytest.fixture
def plan_with_current_revision(db):
    """Revision 3 recorded before revision 2 (a draft filed late): the current one is 3,
    though 2 has the higher id. Russia holds a position on each revision's clause."""
    plan = PlanFactory(slug="framework")
    first = RevisionFactory(plan=plan, number=1)
    third = RevisionFactory(plan=plan, number=3, previous=first)
    second = RevisionFactory(plan=plan, number=2, previous=first)
    assert second.pk > third.pk
    russia = PartyFactory(slug="russia", name="Russia")
    clause = ClauseFactory(plan=plan, slug="dmz")
    for revision in (first, third, second):
        version = ClauseVersionFactory(revision=revision, clause=clause)
        PositionFactory(clause_version=version, party=russia, stance=Stance.SUPPORTS)
    return plan, third


def test_every_reader_agrees_on_the_current_revision(
    client, editor_client, plan_with_current_revision
):
    plan, current = plan_with_current_revision

    assert Revision.objects.current_for(plan) == current
    assert selectors.current_revision(plan=plan) == current
    assert selectors.current_among(list(selectors.revisions_of(plan=plan))) == current
    assert list(selectors.current_revisions()) == [current]

    overview = client.get("/plans/framework/")
    assert overview.context["revision"] == current

    (party_plan,) = party_selectors.party_positions(party=party_get("russia"))
    assert party_plan.revision == current
    party_page = client.get("/parties/russia/")
    assert [p.revision for p in party_page.context["plans"]] == [current]

    api_plan = client.get("/api/v1/plans/framework/").json()
    assert api_plan["latest_revision"] == 3
    positions = client.get("/api/v1/positions/").json()["results"]
    assert {p["revision"] for p in positions} == {3}

    compare = client.get("/plans/framework/compare/")
    assert compare.context["form"].initial["b"] == 3

    paste = editor_client.get("/plans/framework/revisions/+paste/")
    assert paste.context["previous"] == current
    new = editor_client.get("/plans/framework/revisions/+new/")
    assert new.context["form"].initial["previous"] == current
