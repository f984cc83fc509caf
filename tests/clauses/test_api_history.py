"""A clause's edit history through the API: who, when, which fields, why; newest first."""

import datetime

from core.api.inputs import EDIT_SUMMARY_FIELD

HISTORY = "/api/v1/plans/framework/clauses/dmz/history/"
POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
CLAUSE_VERSION = "/api/v1/plans/framework/clauses/dmz/r1/"


def edit(client, url, data, summary):
    etag = client.get(url)["ETag"]
    response = client.patch(
        url,
        {**data, EDIT_SUMMARY_FIELD: summary},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.json()


def test_edits_through_the_api_show_in_the_history(client, editor_client, position):
    edit(editor_client, CLAUSE_VERSION, {"text": "A zone of 30 km."}, "Wording of the leak")
    edit(
        editor_client,
        POSITION,
        {"stance": "red_line", "source_title": "TASS"},
        "Lavrov, 24 Nov",
    )

    body = client.get(HISTORY).json()

    newest, older = body["results"][:2]
    assert newest["object"] == "position"
    assert newest["user"] == "editor"
    assert newest["type"] == "changed"
    assert newest["revision"] == 1
    assert (newest["party"], newest["party_name"]) == ("russia", "Russia")
    assert sorted(newest["changed_fields"]) == ["source_title", "stance"]
    assert newest["summary"] == "Lavrov, 24 Nov"
    assert datetime.datetime.fromisoformat(newest["date"]).tzinfo is not None
    assert older["object"] == "clause_version"
    assert older["changed_fields"] == ["text"]
    assert older["summary"] == "Wording of the leak"


def test_history_is_paginated(client, editor_client, position):
    for n in range(3):
        edit(editor_client, CLAUSE_VERSION, {"text": f"Wording {n}"}, f"Edit {n}")
    body = client.get(HISTORY, {"page_size": 2}).json()
    assert body["count"] == 6  # the clause, its version and the position made, then 3 edits
    assert [e["summary"] for e in body["results"]] == ["Edit 2", "Edit 1"]
    assert body["next"]


def test_history_of_an_unknown_clause_is_404(client, position):
    response = client.get("/api/v1/plans/framework/clauses/nope/history/")
    assert response.status_code == 404
