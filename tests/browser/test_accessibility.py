"""axe-core finds no violation, of any impact, on any page type: the seed's pages, a
generated long negotiation's pages, and an editor's form when logged in.

axe.min.js is the copy bundled in the ``axe-playwright-python`` wheel (pinned in
requirements-dev.txt); it is evaluated in the page, as Playwright evaluates any script, so
the site's content security policy does not stand in its way and nothing is downloaded."""

from importlib.resources import files

import pytest
from django.core.management import call_command

from clauses.models import ClauseVersion, Position
from generator.plans import generate_plan
from sources.models import Source
from tests.conftest import PASSWORD

# Markup, not data: the same on either database, so checked on one (CI's SQLite run).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.once]

AXE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    """Every violation on the page, as "rule (impact): the first offending elements"."""
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        + f" [{len(v['nodes'])} elements]"
        for v in results["violations"]
    ]


def plan_page_paths(plan_slug: str, party_slug: str) -> list[str]:
    """Every page type of a plan: overview, revisions, a revision, its diff, a comparison,
    a clause, the clause in one revision, the parties, a party, search and pictures."""
    versions = ClauseVersion.objects.filter(revision__plan__slug=plan_slug)
    numbers = sorted(set(versions.values_list("revision__number", flat=True)))
    first, latest = numbers[0], numbers[-1]
    clause = versions.filter(revision__number=latest).order_by("position_in_draft").first()
    base = f"/plans/{plan_slug}"
    clause_path = f"{base}/clauses/{clause.clause.slug}/"
    return [
        "/",
        f"{base}/",
        f"{base}/revisions/",
        f"{base}/revisions/{latest}/",
        f"{base}/revisions/{latest}/diff/",
        f"{base}/compare/{first}...{latest}/",
        clause_path,
        f"{clause_path}r{latest}/",
        "/parties/",
        f"/parties/{party_slug}/",
        "/search/?q=ceasefire",
        f"{base}/pictures/",
        "/accounts/login/",
    ]


def newer_page_paths(plan_slug: str) -> list[str]:
    """The synopsis, the changes since a date, a citation, the sources, and a source (one
    that positions cite, if any) with its citation."""
    base = f"/plans/{plan_slug}"
    paths = [
        f"{base}/synopsis/",
        f"{base}/changes/?since=2020-01-01",
        f"{base}/revisions/1/cite/",
        "/sources/",
    ]
    source = Source.objects.filter(positions__isnull=False).order_by("pk").first()
    source = source or Source.objects.order_by("pk").first()
    if source is not None:
        paths += [f"/sources/{source.pk}/", f"/sources/{source.pk}/cite/"]
    return paths


def assert_no_violations(page, base_url: str, paths: list[str]) -> None:
    found = {}
    for path in paths:
        response = page.goto(base_url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(v) for path, v in found.items())


def test_the_seed_pages_have_no_axe_violation(page, live_server, transactional_db):
    call_command("seed", verbosity=0)
    slug = "ukraine-peace-framework"
    assert_no_violations(
        page, live_server.url, plan_page_paths(slug, "russia") + newer_page_paths(slug)
    )


def test_a_long_negotiations_pages_have_no_axe_violation(page, live_server, transactional_db):
    plan = generate_plan(clauses=60, parties=10, revisions=12, slug="long", history=False).plan
    party = Position.objects.filter(clause_version__revision__plan=plan).first().party.slug
    paths = plan_page_paths(plan.slug, party) + newer_page_paths(plan.slug)
    assert_no_violations(page, live_server.url, paths)


def test_an_editors_form_has_no_axe_violation(page, live_server, editor, plan):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert_no_violations(
        page,
        live_server.url,
        [
            f"/plans/{plan.slug}/",
            f"/plans/{plan.slug}/revisions/1/next/",
            f"/plans/{plan.slug}/edit/",
            f"/plans/{plan.slug}/revisions/1/translate/",
            f"/plans/{plan.slug}/statements/+propose/",
            "/sources/+new/",
        ],
    )
