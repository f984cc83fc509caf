"""The corrections' API: withdraw and restore a revision, strike a clause out of a revision
and take it back, rename a clause. If-Match with the record's ETag (428 without, 412 when
stale), an edit summary, a 400 naming the field for bad input."""

import pytest
from django.core.management import call_command

from clauses.api.corrections import CLAUSE_OF_PLAN_NOT_FOUND
from clauses.models import ClauseDeletion, Correction, FormerClauseSlug, Revision
from clauses.services import clause_version_add, revision_clone, revision_create
from clauses.services.corrections import (
    TITLE_REQUIRED,
    WITHDRAWAL_REASON_REQUIRED,
    WORDED_IN_REVISION,
)
from clauses.services.fingerprints import fingerprints_refresh_all
from clauses.vocabularies import Coverage
from core.api.etag import etag_for
from tests.editing_helpers import make_plan

pytestmark = pytest.mark.django_db

REVISION = "/api/v1/plans/framework/revisions/{}/"


@pytest.fixture
def chain(editor):
    """r1; r2 a copy of r1; r3 a partial report continuing r2 wording only sovereignty."""
    plan = make_plan()
    fingerprints_refresh_all()
    first = plan.revisions.get()
    second = revision_clone(source=first, user=editor, summary="Joint framework")
    third = revision_create(
        plan=plan, previous=second, user=editor, summary="Report", coverage=Coverage.PARTIAL
    )
    clause_version_add(
        revision=third,
        clause=plan.clauses.get(slug="sovereignty"),
        text="Sovereignty confirmed.",
        user=editor,
        summary="As reported",
    )
    return plan, first, second, Revision.objects.get(pk=third.pk)


def errors_of(response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_withdraw_and_restore(chain, editor_api, client):
    *_, third = chain
    url = REVISION.format(3)

    response = editor_api.post(
        url + "withdraw/",
        {"reason": "Recorded twice", "edit_summary": "Duplicate"},
        format="json",
        HTTP_IF_MATCH=etag_for(third),
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["withdrawn"], body["withdrawal_reason"]) == (True, "Recorded twice")
    assert response["ETag"] == etag_for(Revision.objects.get(pk=third.pk))
    plan_body = client.get("/api/v1/plans/framework/").json()
    assert plan_body["latest_revision"] == 2
    call_command("verify_fingerprints", verbosity=0)

    response = editor_api.post(
        url + "restore/",
        {},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
        HTTP_X_EDIT_SUMMARY="Not a duplicate",
    )
    assert response.status_code == 200, response.content
    assert response.json()["withdrawn"] is False
    assert client.get("/api/v1/plans/framework/").json()["latest_revision"] == 3
    assert [c.kind for c in Correction.objects.order_by("pk")] == ["withdraw", "restore"]


def test_withdraw_refusals(chain, editor_api, client):
    *_, third = chain
    url = REVISION.format(3) + "withdraw/"
    body = {"reason": "Twice", "edit_summary": "Duplicate"}

    assert editor_api.post(url, body, format="json").status_code == 428
    stale = editor_api.post(url, body, format="json", HTTP_IF_MATCH=f'"{third.pk}-999"')
    assert stale.status_code == 412 and stale.json()["current"]["number"] == 3
    missing = editor_api.post(
        url, {"edit_summary": "x"}, format="json", HTTP_IF_MATCH=etag_for(third)
    )
    assert missing.status_code == 400 and "reason" in errors_of(missing)
    blank = editor_api.post(
        url, {"reason": "  ", "edit_summary": "x"}, format="json", HTTP_IF_MATCH=etag_for(third)
    )
    assert blank.status_code == 400
    assert errors_of(blank).get("reason") in (
        WITHDRAWAL_REASON_REQUIRED,
        "This field may not be blank.",
    )
    assert client.post(url, body, content_type="application/json").status_code in (401, 403)
    assert not Revision.objects.get(pk=third.pk).withdrawn
    assert not Correction.objects.exists()


def test_mark_deleted_and_take_back(chain, editor_api, client):
    *_, third = chain
    url = REVISION.format(3) + "deletions/"

    response = editor_api.post(
        url,
        {"clause": "amnesty", "note": "Point 4 deleted", "edit_summary": "Struck"},
        format="json",
        HTTP_IF_MATCH=etag_for(third),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["clause"], body["revision"], body["note"]) == ("amnesty", 3, "Point 4 deleted")
    assert response["Location"].endswith(url + "amnesty/")
    listed = client.get(url).json()
    assert [d["clause"] for d in listed["results"]] == ["amnesty"]
    diff = client.get(REVISION.format(3) + "diff/").json()
    changes = {c["slug"]: c["change"] for c in diff["clauses"]}
    assert changes["amnesty"] == "deleted"
    assert changes["army-size"] == "not_described"
    assert diff["totals"]["deleted"] == 1
    call_command("verify_fingerprints", verbosity=0)

    detail = client.get(url + "amnesty/")
    assert detail.status_code == 200
    assert editor_api.delete(url + "amnesty/", HTTP_X_EDIT_SUMMARY="x").status_code == 428
    gone = editor_api.delete(
        url + "amnesty/", HTTP_IF_MATCH=detail["ETag"], HTTP_X_EDIT_SUMMARY="Misread"
    )
    assert gone.status_code == 204
    assert not ClauseDeletion.objects.exists()
    assert client.get(url + "amnesty/").status_code == 404
    call_command("verify_fingerprints", verbosity=0)


def test_deleting_a_clause_worded_in_the_revision_is_a_400_naming_the_clause(chain, editor_api):
    plan, *_rest, third = chain
    url = REVISION.format(3) + "deletions/"
    worded = editor_api.post(
        url,
        {"clause": "sovereignty", "edit_summary": "x"},
        format="json",
        HTTP_IF_MATCH=etag_for(third),
    )
    assert worded.status_code == 400
    title = plan.clauses.get(slug="sovereignty").title
    assert errors_of(worded)["clause"] == WORDED_IN_REVISION.format(
        title=title, number=3, point="1"
    )
    unknown = editor_api.post(
        url,
        {"clause": "nothing", "edit_summary": "x"},
        format="json",
        HTTP_IF_MATCH=etag_for(third),
    )
    assert unknown.status_code == 400
    assert errors_of(unknown)["clause"] == CLAUSE_OF_PLAN_NOT_FOUND.format(
        plan="framework", clause="nothing"
    )
    assert not ClauseDeletion.objects.exists()


def test_rename_and_the_old_url_redirects(chain, editor_api, client):
    plan, *_ = chain
    clause = plan.clauses.get(slug="amnesty")
    url = "/api/v1/plans/framework/clauses/amnesty/"

    empty = editor_api.post(
        url + "rename/",
        {"title": " ", "edit_summary": "x"},
        format="json",
        HTTP_IF_MATCH=etag_for(clause),
    )
    assert empty.status_code == 400 and "title" in errors_of(empty)
    assert errors_of(empty)["title"] in (TITLE_REQUIRED, "This field may not be blank.")
    assert (
        editor_api.post(
            url + "rename/", {"title": "x", "edit_summary": "x"}, format="json"
        ).status_code
        == 428
    )

    response = editor_api.post(
        url + "rename/",
        {"title": "General amnesty", "edit_summary": "As the drafts say"},
        format="json",
        HTTP_IF_MATCH=etag_for(clause),
    )

    assert response.status_code == 200, response.content
    assert response.json()["slug"] == "general-amnesty"
    assert response["Location"].endswith("/api/v1/plans/framework/clauses/general-amnesty/")
    moved = client.get(url)
    assert moved.status_code == 301
    assert moved["Location"] == "/api/v1/plans/framework/clauses/general-amnesty/"
    version = client.get(url + "r1/")
    assert version.status_code == 301
    assert version["Location"] == "/api/v1/plans/framework/clauses/general-amnesty/r1/"
    stale = editor_api.post(
        "/api/v1/plans/framework/clauses/general-amnesty/rename/",
        {"title": "Pardon", "edit_summary": "x"},
        format="json",
        HTTP_IF_MATCH=etag_for(clause),
    )
    assert stale.status_code == 412
    assert list(FormerClauseSlug.objects.values_list("slug", flat=True)) == ["amnesty"]


def test_analysts_may_not_correct(chain, analyst):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")
    *_, third = chain
    response = api.post(
        REVISION.format(3) + "withdraw/",
        {"reason": "x", "edit_summary": "x"},
        format="json",
        HTTP_IF_MATCH=etag_for(third),
    )
    assert response.status_code == 403


# The deletions list, whatever the number of deletions: the plan's change stamp (for the
# conditional read), the revision with its plan, the deletions counted, and one page of
# them with their clause.
DELETIONS_QUERIES = 4


@pytest.mark.parametrize("struck", [1, 3])
def test_the_deletions_list_costs_the_same_queries_whatever_its_length(
    chain, editor, client, struck, django_assert_max_num_queries
):
    from clauses.services.corrections import clause_deletion_add

    plan, *_rest, third = chain
    for slug in ("amnesty", "army-size", "zaporizhzhia")[:struck]:
        clause_deletion_add(
            revision=third, clause=plan.clauses.get(slug=slug), user=editor, summary="x"
        )
    with django_assert_max_num_queries(DELETIONS_QUERIES) as captured:
        response = client.get(REVISION.format(3) + "deletions/")
    assert response.status_code == 200 and response.json()["count"] == struck
    assert len(captured) == DELETIONS_QUERIES
