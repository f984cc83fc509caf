"""Parties: the list in column order, one party, and links to their positions."""

from tests.factories import PartyFactory


def test_the_api_root_lists_the_entry_points(client, db):
    body = client.get("/api/v1/").json()
    assert body["parties"] == "http://testserver/api/v1/parties/"
    assert body["plans"] == "http://testserver/api/v1/plans/"
    assert body["positions"] == "http://testserver/api/v1/positions/"
    assert body["schema"] == "http://testserver/api/schema/"


def test_parties_in_column_order(client, db):
    PartyFactory(slug="russia", name="Russia", sort_order=2)
    PartyFactory(slug="ukraine", name="Ukraine", sort_order=1)
    PartyFactory(slug="europe", name="European partners", sort_order=2, kind="bloc")

    body = client.get("/api/v1/parties/").json()

    assert body["count"] == 3
    assert [p["slug"] for p in body["results"]] == ["ukraine", "europe", "russia"]
    europe = body["results"][1]
    assert europe == {
        "url": "http://testserver/api/v1/parties/europe/",
        "version": 1,
        "slug": "europe",
        "name": "European partners",
        "short_name": europe["short_name"],
        "kind": "bloc",
        "color": "#5b6770",
        "sort_order": 2,
        "description": "",
        "positions_url": "http://testserver/api/v1/positions/?party=europe",
    }


def test_one_party(client, db):
    PartyFactory(slug="ukraine", name="Ukraine")
    response = client.get("/api/v1/parties/ukraine/")
    assert response.status_code == 200
    assert response.json()["name"] == "Ukraine"


def test_parties_are_read_only(editor_client, staff_client, db):
    PartyFactory(slug="ukraine")
    for c in (editor_client, staff_client):
        assert c.post("/api/v1/parties/", {}, content_type="application/json").status_code == 405
        assert (
            c.patch("/api/v1/parties/ukraine/", {}, content_type="application/json").status_code
            == 405
        )
