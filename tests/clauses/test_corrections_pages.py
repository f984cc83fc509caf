"""Corrections through the editor's forms, and what the pages show of them: the withdrawn
banner and the current revision falling back, the "Corrections" lists, a deletion in the
diff and on the clause page, a renamed clause's old addresses redirecting, the feed."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from clauses.forms.corrections import STALE
from clauses.models import ClauseDeletion, Correction, Revision
from clauses.services import clause_version_add, revision_clone, revision_create
from clauses.services.corrections import (
    TITLE_REQUIRED,
    WITHDRAWAL_REASON_REQUIRED,
    WORDED_IN_REVISION,
    clause_deletion_add,
    clause_rename,
    revision_withdraw,
)
from clauses.services.fingerprints import fingerprints_refresh_all
from clauses.vocabularies import Coverage
from tests.editing_helpers import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(editor):
    """r1; r2 a copy of r1 (current); r3 a partial report continuing r2 that words only
    the sovereignty clause."""
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


def url(name, **kwargs):
    return reverse(name, kwargs={"plan": "framework", **kwargs})


def test_an_editor_withdraws_the_current_revision_and_restores_it(chain, editor_client):
    plan, _first, second, third = chain

    page = editor_client.get(url("editing:revision_withdraw", number=3))
    assert page.status_code == 200
    response = editor_client.post(
        url("editing:revision_withdraw", number=3),
        {"version": third.version, "reason": "Recorded <twice>", "edit_summary": "Duplicate"},
        follow=True,
    )
    html = response.content.decode()
    assert "Revision 3 withdrawn" in html and "is now r2" in html
    assert "Withdrawn</strong>" in html and "Recorded &lt;twice&gt;" in html
    assert '<h2 id="corrections-title">Corrections</h2>' in html
    overview = editor_client.get(url("clauses:plan")).content.decode()
    assert "r2" in overview or "Revision 2" in overview
    timeline = editor_client.get(url("clauses:revisions")).content.decode()
    assert 'line-withdrawn">withdrawn' in timeline
    assert timeline.count('line-current">current') == 1
    # Still readable, with its diff.
    assert editor_client.get(url("clauses:revision_diff", number=3)).status_code == 200
    call_command("verify_fingerprints", verbosity=0)

    third = Revision.objects.get(pk=third.pk)
    response = editor_client.post(
        url("editing:revision_restore", number=3),
        {"version": third.version, "edit_summary": "Not a duplicate after all"},
        follow=True,
    )
    assert "Revision 3 restored" in response.content.decode()
    assert not Revision.objects.get(pk=third.pk).withdrawn
    call_command("verify_fingerprints", verbosity=0)


def test_withdrawing_without_a_reason_says_so_and_writes_nothing(chain, editor_client):
    *_, third = chain
    response = editor_client.post(
        url("editing:revision_withdraw", number=3),
        {"version": third.version, "reason": " ", "edit_summary": "Duplicate"},
    )
    assert response.status_code == 200
    assert WITHDRAWAL_REASON_REQUIRED in response.content.decode()
    assert not Revision.objects.get(pk=third.pk).withdrawn
    assert not Correction.objects.exists()


def test_a_stale_withdrawal_is_refused_and_shows_who_saved(chain, editor, editor_client):
    *_, third = chain
    loaded = third.version
    revision_withdraw(
        revision=third, expected_version=loaded, reason="First", user=editor, summary="x"
    )
    response = editor_client.post(
        url("editing:revision_withdraw", number=3),
        {"version": loaded, "reason": "Again", "edit_summary": "Duplicate"},
    )
    html = response.content.decode()
    assert STALE.split("{")[0] in html or "was saved by editor meanwhile" in html
    assert Revision.objects.get(pk=third.pk).withdrawal_reason == "First"


def test_an_editor_marks_a_clause_deleted_and_the_diff_says_so(chain, editor_client):
    plan, _first, _second, third = chain
    amnesty = plan.clauses.get(slug="amnesty")
    page = editor_client.get(url("editing:clause_delete", number=3)).content.decode()
    # Offered: clauses of r2 that r3 does not word.
    assert "Amnesty" in page and "Sovereignty of Ukraine</option>" not in page

    response = editor_client.post(
        url("editing:clause_delete", number=3),
        {
            "version": third.version,
            "clause": amnesty.pk,
            "note": "Point 4 deleted",
            "edit_summary": "The report says so",
        },
        follow=True,
    )
    assert "marked deleted in revision 3" in response.content.decode()

    diff = editor_client.get(url("clauses:revision_diff", number=3)).content.decode()
    assert "deleted in r3" in diff
    # The other clauses r3 is silent on stay "not described".
    assert "not described in r3" in diff
    timeline = editor_client.get(url("clauses:revisions")).content.decode()
    assert 'change-deleted">1 deleted' in timeline and "2 not described" in timeline
    clause_page = editor_client.get(url("clauses:clause", clause="amnesty")).content.decode()
    assert 'change-badge-deleted">deleted in r3' in clause_page and "Point 4 deleted" in clause_page
    assert "Corrections" in clause_page
    call_command("verify_fingerprints", verbosity=0)

    deletion = ClauseDeletion.objects.get()
    response = editor_client.post(
        url("editing:clause_undelete", number=3, clause="amnesty"),
        {"version": deletion.version, "edit_summary": "Misread the report"},
        follow=True,
    )
    assert "no longer marked deleted" in response.content.decode()
    assert not ClauseDeletion.objects.exists()
    call_command("verify_fingerprints", verbosity=0)


def test_a_clause_worded_in_the_revision_cannot_be_marked_deleted(chain, editor_client):
    plan, *_rest, third = chain
    sovereignty = plan.clauses.get(slug="sovereignty")
    response = editor_client.post(
        url("editing:clause_delete", number=3),
        {"version": third.version, "clause": sovereignty.pk, "edit_summary": "x"},
    )
    expected = WORDED_IN_REVISION.format(title=sovereignty.title, number=3, point="1")
    assert expected.split("(")[0] in response.content.decode()
    assert not ClauseDeletion.objects.exists()


def test_renaming_to_an_empty_title_says_so(chain, editor_client):
    plan, *_ = chain
    clause = plan.clauses.get(slug="amnesty")
    response = editor_client.post(
        url("editing:clause_rename", clause="amnesty"),
        {"version": clause.version, "title": "  ", "edit_summary": "x"},
    )
    assert TITLE_REQUIRED in response.content.decode()
    assert plan.clauses.filter(slug="amnesty").exists()


def test_old_addresses_redirect_after_two_renames(chain, editor, editor_client, client):
    plan, *_ = chain
    response = editor_client.post(
        url("editing:clause_rename", clause="amnesty"),
        {
            "version": plan.clauses.get(slug="amnesty").version,
            "title": "General amnesty",
            "edit_summary": "As the drafts say",
        },
    )
    assert response.status_code == 302 and response.url == url(
        "clauses:clause", clause="general-amnesty"
    )
    clause = plan.clauses.get(slug="general-amnesty")
    clause_rename(
        clause=clause, expected_version=clause.version, title="Pardon", user=editor, summary="y"
    )

    for old in ("amnesty", "general-amnesty"):
        page = client.get(url("clauses:clause", clause=old) + "?format=json")
        assert page.status_code == 301
        assert page["Location"] == url("clauses:clause", clause="pardon") + "?format=json"
        version = client.get(url("clauses:clause_version", clause=old, number=2))
        assert version.status_code == 301
        assert version["Location"] == url("clauses:clause_version", clause="pardon", number=2)
        api = client.get(f"/api/v1/plans/framework/clauses/{old}/?format=json")
        assert api.status_code == 301
        assert api["Location"] == "/api/v1/plans/framework/clauses/pardon/?format=json"
    assert client.get(url("clauses:clause", clause="pardon")).status_code == 200
    assert client.get(url("clauses:clause", clause="never-was")).status_code == 404
    call_command("verify_fingerprints", verbosity=0)


def test_the_clause_page_marks_branches_withdrawn_revisions_and_what_each_continues(chain, editor):
    plan, first, second, _third = chain
    counter = revision_clone(source=first, user=editor, summary="Counter-proposal")
    second = Revision.objects.get(pk=second.pk)
    revision_withdraw(
        revision=second, expected_version=second.version, reason="Wrong", user=editor, summary="x"
    )
    from django.test import Client

    html = Client().get(url("clauses:clause", clause="amnesty")).content.decode()
    assert f"r{counter.number}: " in html
    assert 'line-branch">branch</span>' in html
    assert 'line-withdrawn">withdrawn</span>' in html
    assert "continues r1" in html


def test_the_plan_feed_lists_corrections(chain, editor, client):
    plan, _first, _second, third = chain
    clause_deletion_add(
        revision=third, clause=plan.clauses.get(slug="amnesty"), user=editor, summary="Struck"
    )
    third = Revision.objects.get(pk=third.pk)
    revision_withdraw(
        revision=third,
        expected_version=third.version,
        reason="A <b>bad</b> report",
        user=editor,
        summary="Bad source",
    )
    feed = client.get(url("clauses:plan_feed")).content.decode()
    assert "Correction: r3: Revision 3 withdrawn" in feed
    assert "Correction: “Amnesty” in r3 marked deleted" in feed
    assert "<b>bad</b>" not in feed  # escaped, whatever the reason holds
