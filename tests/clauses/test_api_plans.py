"""Plans: by title, with their revision count, latest revision and links."""

from tests.factories import PlanFactory, RevisionFactory


def test_plans_by_title_with_links(client, db):
    plan = PlanFactory(slug="ukraine", title="Peace framework for Ukraine")
    RevisionFactory(plan=plan, number=1)
    RevisionFactory(plan=plan, number=2)
    PlanFactory(slug="empty", title="An empty plan")

    body = client.get("/api/v1/plans/").json()

    assert [p["slug"] for p in body["results"]] == ["empty", "ukraine"]
    empty, ukraine = body["results"]
    assert empty["latest_revision"] is None and empty["latest_revision_url"] is None
    assert ukraine == {
        "url": "http://testserver/api/v1/plans/ukraine/",
        "etag": f'"{plan.pk}-1"',
        "version": 1,
        "slug": "ukraine",
        "title": "Peace framework for Ukraine",
        "description": "",
        "revision_count": 2,
        "latest_revision": 2,
        "latest_revision_url": "http://testserver/api/v1/plans/ukraine/revisions/2/",
        "revisions_url": "http://testserver/api/v1/plans/ukraine/revisions/",
        "clauses_url": "http://testserver/api/v1/plans/ukraine/clauses/",
        "positions_url": "http://testserver/api/v1/positions/?plan=ukraine",
    }
    assert client.get(ukraine["url"]).json() == ukraine


def test_plans_with_one_title_keep_a_stable_order(client, db):
    for slug in ("b", "c", "a"):
        PlanFactory(slug=slug, title="Same title")
    pages = [
        client.get("/api/v1/plans/", {"page_size": 1, "page": n}).json()["results"][0]["slug"]
        for n in (1, 2, 3)
    ]
    assert pages == ["a", "b", "c"]


def test_links_follow(client, db):
    plan = PlanFactory(slug="ukraine")
    RevisionFactory(plan=plan, number=1)
    body = client.get("/api/v1/plans/ukraine/").json()
    for key in ("revisions_url", "clauses_url", "positions_url", "latest_revision_url"):
        assert client.get(body[key]).status_code == 200, key
