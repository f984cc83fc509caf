"""Every analyst's page opens for every persona; edit controls appear only for editors."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/plans/generated/",
    "/plans/generated/revisions/",
    "/plans/generated/revisions/2/",
    "/plans/generated/revisions/2/diff/",
    "/plans/generated/revisions/1/diff/",
    "/plans/generated/compare/",
    "/plans/generated/compare/1...2/",
    "/plans/generated/clauses/clause-0/",
    "/plans/generated/clauses/clause-0/r2/",
    "/parties/",
    "/parties/generated-party-0/",
    "/plans/generated/changes/?since=2000-01-01",
    "/plans/generated/revisions/2/cite/",
    "/plans/generated/clauses/clause-0/r2/cite/",
    "/plans/generated/clauses/clause-0/r2/cite/generated-party-0/",
]

# Pages whose templates carry the editor's controls (the _actions_* partials).
WITH_EDITOR_CONTROLS = {
    "/",  # New plan
    "/plans/generated/",
    "/plans/generated/revisions/",
    "/plans/generated/revisions/2/",
    "/plans/generated/clauses/clause-0/",
    "/plans/generated/clauses/clause-0/r2/",
}


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


@pytest.mark.parametrize("persona", [None, "analyst"])
def test_readers_see_every_page_without_edit_controls(request, plan, persona):
    client = client_for(request.getfixturevalue(persona) if persona else None)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "edit-actions" not in response.content.decode(), url


@pytest.mark.parametrize("persona", ["editor", "staff"])
def test_writers_see_every_page_with_their_edit_controls(request, plan, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert ("edit-actions" in response.content.decode()) == (url in WITH_EDITOR_CONTROLS), url


def test_every_page_links_to_the_plans_and_the_parties(client, plan):
    for url in PAGES:
        page = client.get(url).content.decode()
        assert '<a href="/">Plans</a>' in page, url
        assert '<a href="/parties/">Parties</a>' in page, url


def test_the_plan_pages_share_the_plan_s_navigation(client, plan):
    for url in PAGES[1:10]:
        page = client.get(url).content.decode()
        assert 'href="/plans/generated/revisions/"' in page, url
        assert 'href="/plans/generated/compare/"' in page, url


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/plans/generated/", "Overview"),
        ("/plans/generated/revisions/2/", "Revisions"),
        ("/plans/generated/revisions/2/diff/", "Compare"),
        ("/plans/generated/compare/", "Compare"),
        ("/plans/generated/changes/?since=2000-01-01", "Changes"),
    ],
)
def test_the_plan_s_navigation_marks_the_current_section(client, plan, url, current):
    page = client.get(url).content.decode()
    assert f' aria-current="page">{current}</a>' in page


def test_the_seeded_plan_s_pages_all_open(client, seeded):
    version = (
        seeded.revisions.order_by("-number").first().clause_versions.select_related("clause")[0]
    )
    party = version.positions.select_related("party")[0].party
    for url in [
        seeded.get_absolute_url(),
        reverse("clauses:revisions", kwargs={"plan": seeded.slug}),
        version.revision.get_absolute_url(),
        reverse(
            "clauses:revision_diff", kwargs={"plan": seeded.slug, "number": version.revision.number}
        ),
        version.clause.get_absolute_url(),
        version.get_absolute_url(),
        party.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
