"""Adding a clause to a revision through the API: an existing clause or a new one, with
the revision's ETag in If-Match, as the editor's "Add a clause" form does."""

import pytest

from clauses.api.inputs import CLAUSE_ALREADY_IN_REVISION
from clauses.api.views import NEW_CLAUSE_NOT_PERMITTED
from clauses.forms.edits import NEW_OR_EXISTING, NOT_BOTH
from clauses.models import NUMBER_TAKEN_IN_REVISION, Clause, ClauseVersion, Revision
from clauses.vocabularies import ClauseStatus
from core.api.etag import IF_MATCH_REQUIRED
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.tracking import SUMMARY_REQUIRED
from tests.factories import ClauseFactory, ClauseVersionFactory, PlanFactory, RevisionFactory

ADD = "/api/v1/plans/framework/revisions/2/clauses/"
REVISION = "/api/v1/plans/framework/revisions/2/"
NEW_CLAUSE = {
    "title": "Prisoner exchange",
    "topic": "humanitarian",
    "number": "12",
    "text": "All prisoners of war will be exchanged, all for all.",
    "status": "agreed_in_principle",
    EDIT_SUMMARY_FIELD: "Point 12 of the draft",
}


@pytest.fixture
def revision(db):
    plan = PlanFactory(slug="framework")
    first = RevisionFactory(plan=plan, number=1)
    second = RevisionFactory(plan=plan, number=2, previous=first)
    dmz = ClauseFactory(plan=plan, slug="dmz", title="Demilitarised zone")
    ClauseVersionFactory(revision=first, clause=dmz, number="1", position_in_draft=1)
    amnesty = ClauseFactory(plan=plan, slug="amnesty", title="Amnesty")
    ClauseVersionFactory(revision=second, clause=amnesty, number="1", position_in_draft=1)
    return second


def etag(client) -> str:
    return client.get(REVISION)["ETag"]


def add(client, data, *, if_match=None, **headers):
    if if_match is None:
        if_match = etag(client)
    return client.post(ADD, data, format="json", HTTP_IF_MATCH=if_match, **headers)


def errors(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_a_new_clause_is_added_with_its_wording_and_history(editor_api, editor, revision):
    response = add(editor_api, NEW_CLAUSE)

    assert response.status_code == 201, response.json()
    clause = Clause.objects.get(title="Prisoner exchange")
    version = ClauseVersion.objects.get(revision=revision, clause=clause)
    assert (version.number, version.status) == ("12", ClauseStatus.AGREED_IN_PRINCIPLE)
    assert version.position_in_draft == 2  # after the last point
    url = f"/api/v1/plans/framework/clauses/{clause.slug}/r2/"
    assert response["Location"] == f"http://testserver{url}"
    assert response["ETag"] == f'"{version.pk}-{version.version}"' == response.json()["etag"]
    assert response.json()["text"] == NEW_CLAUSE["text"]
    for record in (clause, version):
        created = record.history.get()
        assert (created.history_user, created.history_change_reason) == (
            editor,
            "Point 12 of the draft",
        )


def test_an_existing_clause_is_added_by_its_slug(editor_api, revision):
    response = add(editor_api, {"clause": "dmz", "text": "A zone.", EDIT_SUMMARY_FIELD: "Back"})

    assert response.status_code == 201, response.json()
    version = ClauseVersion.objects.get(revision=revision, clause__slug="dmz")
    assert (version.number, version.status) == ("2", ClauseStatus.OPEN)


def test_a_taken_number_is_400_naming_number(editor_api, revision):
    response = add(editor_api, {**NEW_CLAUSE, "number": "1"})

    assert response.status_code == 400, response.json()
    assert errors(response) == {"number": NUMBER_TAKEN_IN_REVISION.format(number="1")}
    assert not Clause.objects.filter(title="Prisoner exchange").exists()
    assert revision.clause_versions.count() == 1


def test_a_clause_the_revision_holds_is_refused_naming_clause(editor_api, revision):
    response = add(editor_api, {"clause": "amnesty", "text": "Again.", EDIT_SUMMARY_FIELD: "x"})

    assert response.status_code == 400
    assert errors(response) == {
        "clause": CLAUSE_ALREADY_IN_REVISION.format(clause="amnesty", number=2)
    }


def test_an_unknown_clause_slug_is_400_naming_clause(editor_api, revision):
    response = add(editor_api, {"clause": "atlantis", "text": "x", EDIT_SUMMARY_FIELD: "x"})

    assert response.status_code == 400
    assert list(errors(response)) == ["clause"]


def test_a_new_clause_needs_title_and_topic_and_not_both_ways(editor_api, revision):
    no_topic = add(editor_api, {"title": "Elections", "text": "x", EDIT_SUMMARY_FIELD: "x"})
    assert no_topic.status_code == 400
    assert errors(no_topic) == {"topic": NEW_OR_EXISTING}
    neither = add(editor_api, {"text": "x", EDIT_SUMMARY_FIELD: "x"})
    assert errors(neither) == {"title": NEW_OR_EXISTING}
    both = add(editor_api, {**NEW_CLAUSE, "clause": "dmz"})
    assert errors(both) == {"clause": NOT_BOTH}
    no_text = add(editor_api, {k: v for k, v in NEW_CLAUSE.items() if k != "text"})
    assert list(errors(no_text)) == ["text"]
    assert revision.clause_versions.count() == 1


def test_without_if_match_it_is_428(editor_api, revision):
    response = editor_api.post(ADD, NEW_CLAUSE, format="json")

    assert response.status_code == 428
    assert errors(response) == {"If-Match": IF_MATCH_REQUIRED}
    assert revision.clause_versions.count() == 1


def test_a_stale_if_match_is_412_with_the_revision_as_it_is(editor_api, revision):
    stale = etag(editor_api)
    relabel = {"label": "Relabelled", EDIT_SUMMARY_FIELD: "x"}
    changed = editor_api.patch(REVISION, relabel, format="json", HTTP_IF_MATCH=stale)
    assert changed.status_code == 200

    response = add(editor_api, NEW_CLAUSE, if_match=stale)

    assert response.status_code == 412, response.json()
    assert response.json()["current"]["label"] == "Relabelled"
    assert response["ETag"] == changed["ETag"]
    assert revision.clause_versions.count() == 1


def test_without_an_edit_summary_it_is_400(editor_api, revision):
    data = {k: v for k, v in NEW_CLAUSE.items() if k != EDIT_SUMMARY_FIELD}
    response = add(editor_api, data)

    assert response.status_code == 400
    assert errors(response) == {EDIT_SUMMARY_FIELD: SUMMARY_REQUIRED}
    assert response_made_nothing(revision)


def response_made_nothing(revision: Revision) -> bool:
    return revision.clause_versions.count() == 1 and Clause.objects.count() == 2


def test_a_new_clause_needs_the_add_clause_permission(editor, editor_api, revision):
    from django.contrib.auth.models import Permission

    editor.groups.clear()
    editor.user_permissions.add(Permission.objects.get(codename="add_clauseversion"))
    response = add(editor_api, NEW_CLAUSE)

    assert response.status_code == 403
    assert errors(response) == {None: NEW_CLAUSE_NOT_PERMITTED}
    assert response_made_nothing(revision)


def test_readers_cannot_add(client, revision):
    response = client.post(ADD, NEW_CLAUSE, content_type="application/json", HTTP_IF_MATCH="x")

    assert response.status_code in (401, 403)
    assert response_made_nothing(revision)
