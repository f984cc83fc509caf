"""The "Edit plan" form: a plan's title and description, with an edit summary, linked from
the plan's actions, refused on a stale copy without losing what the editor typed."""

import pytest
from django.urls import reverse

from clauses.models import Plan
from clauses.services import plan_update
from core.forms import CONFLICT
from core.tracking import SUMMARY_REQUIRED
from tests.conftest import client_for
from tests.editing_helpers import form_data

pytestmark = pytest.mark.django_db

EDIT = reverse("editing:plan_edit", kwargs={"plan": "framework"})


def loaded(client):
    response = client.get(EDIT)
    assert response.status_code == 200
    return response.context["form"]


def test_an_editor_retitles_a_plan_and_the_history_says_why(plan, editor, editor_client):
    form = loaded(editor_client)
    assert form["title"].value() == "Peace framework"

    response = editor_client.post(
        EDIT,
        form_data(
            form, title="Geneva framework", description="As of 23 Nov", edit_summary="Renamed"
        ),
    )

    assert response.status_code == 302
    assert response.url == reverse("clauses:plan", kwargs={"plan": "framework"})
    plan.refresh_from_db()
    assert (plan.slug, plan.title, plan.description) == (
        "framework",
        "Geneva framework",
        "As of 23 Nov",
    )
    latest = plan.history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (editor, "Renamed")


def test_the_form_needs_a_title_and_an_edit_summary(plan, editor_client):
    form = loaded(editor_client)

    response = editor_client.post(EDIT, form_data(form, title="", edit_summary=""))

    errors = response.context["form"].errors
    assert errors["edit_summary"] == [SUMMARY_REQUIRED]
    assert "title" in errors
    assert Plan.objects.get().title == "Peace framework"


def test_a_stale_copy_is_refused_and_what_was_typed_is_kept(plan, editor, second_editor):
    mine = client_for(editor)
    form = loaded(mine)
    loaded_plan = Plan.objects.get()
    plan_update(
        plan=loaded_plan,
        expected_version=loaded_plan.version,
        changes={"title": "Their title"},
        user=second_editor,
        summary="Theirs",
    )

    response = mine.post(EDIT, form_data(form, title="My title", edit_summary="Mine"))

    assert response.status_code == 200
    refused = response.context["form"]
    assert CONFLICT in refused.non_field_errors()
    rows = {row.label: (row.theirs, row.yours) for row in refused.conflict}
    assert rows["Title"] == ("Their title", "My title")
    assert refused["title"].value() == "My title"
    assert Plan.objects.get().title == "Their title"
    assert "My title" in response.content.decode()
    # Saving again, having seen theirs, is a deliberate choice: it goes through.
    again = mine.post(EDIT, form_data(refused, edit_summary="Mine, over theirs"))
    assert again.status_code == 302
    assert Plan.objects.get().title == "My title"


def test_the_plans_actions_link_to_edit_plan_for_editors_only(plan, editor_client, analyst_client):
    overview = reverse("clauses:plan", kwargs={"plan": "framework"})
    link = f'href="{EDIT}">Edit plan</a>'
    assert link in editor_client.get(overview).content.decode()
    assert link not in analyst_client.get(overview).content.decode()


def test_the_title_is_escaped_on_the_form(plan, editor_client):
    Plan.objects.update(title="<script>alert(1)</script>")

    html = editor_client.get(EDIT).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
