"""No lost updates: two editors edit the same thing; the second save is refused, nothing
either of them typed is lost, and the second editor can merge and save again."""

import pytest
from django.urls import reverse

from clauses.models import ClauseVersion, Position, Revision
from clauses.vocabularies import Stance
from core.forms import CONFLICT
from tests.conftest import client_for
from tests.editing_helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(editor, second_editor):
    return client_for(editor), client_for(second_editor)


POSITION_URL = reverse(
    "editing:position_edit",
    kwargs={"plan": "framework", "clause": "zaporizhzhia", "number": 1, "party": "russia"},
)
CLAUSE_VERSION_URL = reverse(
    "editing:clause_version_edit",
    kwargs={"plan": "framework", "clause": "zaporizhzhia", "number": 1},
)
REVISION_URL = reverse("editing:revision_edit", kwargs={"plan": "framework", "number": 1})


def loaded(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"]


def test_the_second_save_of_a_position_is_refused_and_nothing_is_lost(
    plan, two_editors, editor, second_editor
):
    olena, taras = two_editors
    form_olena, form_taras = loaded(olena, POSITION_URL), loaded(taras, POSITION_URL)

    first = olena.post(
        POSITION_URL,
        form_data(
            form_olena,
            stance="conditional",
            summary="Accepts IAEA control.",
            edit_summary="Lavrov, 2 Dec",
        ),
    )
    assert first.status_code == 302

    typed = "Rejects any foreign operator at the plant."
    second = taras.post(
        POSITION_URL,
        form_data(form_taras, stance="red_line", summary=typed, edit_summary="Peskov, 2 Dec"),
    )

    # Refused: the stored position is the first editor's.
    assert second.status_code == 200
    stored = Position.objects.get(clause_version__clause__slug="zaporizhzhia", party__slug="russia")
    assert (stored.stance, stored.summary, stored.version) == (
        Stance.CONDITIONAL,
        "Accepts IAEA control.",
        2,
    )
    assert stored.history.first().history_user == editor
    # Their value beside what this editor typed, which stays in the form.
    form = second.context["form"]
    assert CONFLICT in form.non_field_errors()
    rows = {row.label: (row.theirs, row.yours) for row in form.conflict}
    assert rows["Stance"] == ("conditional", "red line")
    assert rows["Position in a sentence or two"] == ("Accepts IAEA control.", typed)
    html = second.content.decode()
    assert typed in html and "Accepts IAEA control." in html
    assert form["summary"].value() == typed
    assert form["edit_summary"].value() == "Peskov, 2 Dec"
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert form["version"].value() == 2
    third = taras.post(POSITION_URL, form_data(form))
    assert third.status_code == 302
    stored.refresh_from_db()
    assert (stored.stance, stored.summary, stored.version) == (Stance.RED_LINE, typed, 3)
    assert stored.history.first().history_user == second_editor
    assert [h.history_change_reason for h in stored.history.all()[:2]] == [
        "Peskov, 2 Dec",
        "Lavrov, 2 Dec",
    ]


def test_the_second_save_of_a_clause_version_is_refused(plan, two_editors):
    olena, taras = two_editors
    form_olena, form_taras = loaded(olena, CLAUSE_VERSION_URL), loaded(taras, CLAUSE_VERSION_URL)

    assert (
        olena.post(
            CLAUSE_VERSION_URL, form_data(form_olena, text="Run jointly.", edit_summary="typo")
        ).status_code
        == 302
    )
    response = taras.post(
        CLAUSE_VERSION_URL, form_data(form_taras, text="Run by the IAEA alone.", edit_summary="x")
    )

    assert response.status_code == 200
    assert [(r.theirs, r.yours) for r in response.context["form"].conflict] == [
        ("Run jointly.", "Run by the IAEA alone.")
    ]
    assert ClauseVersion.objects.get(clause__slug="zaporizhzhia").text == "Run jointly."
    # The notice names who saved meanwhile, and when.
    form = response.context["form"]
    saved = ClauseVersion.objects.get(clause__slug="zaporizhzhia").history.first()
    assert form.conflict_by == saved.history_user.get_username()
    assert form.conflict_at == saved.history_date
    assert f"Saved by {form.conflict_by} meanwhile, at <time" in response.content.decode()


def test_the_second_save_of_a_revision_is_refused(plan, two_editors):
    olena, taras = two_editors
    form_olena, form_taras = loaded(olena, REVISION_URL), loaded(taras, REVISION_URL)

    olena.post(REVISION_URL, form_data(form_olena, label="US 28-point draft", edit_summary="name"))
    response = taras.post(
        REVISION_URL, form_data(form_taras, status="proposed", edit_summary="status")
    )

    assert response.status_code == 200
    # Their label differs from what this form holds; the status is only in this editor's form.
    rows = {row.label: (row.theirs, row.yours) for row in response.context["form"].conflict}
    assert rows == {
        "Label": ("US 28-point draft", "First draft"),
        "Status": ("draft", "proposed"),
    }
    revision = Revision.objects.get(number=1)
    assert (revision.label, revision.status) == ("US 28-point draft", "draft")


def test_a_position_recorded_by_someone_else_meanwhile_is_a_conflict(plan, two_editors):
    Position.objects.filter(party__slug="russia").delete()
    olena, taras = two_editors
    form_olena, form_taras = loaded(olena, POSITION_URL), loaded(taras, POSITION_URL)
    assert form_olena["version"].value() == 0

    assert (
        olena.post(
            POSITION_URL, form_data(form_olena, stance="opposes", edit_summary="TASS")
        ).status_code
        == 302
    )
    response = taras.post(POSITION_URL, form_data(form_taras, stance="supports", edit_summary="x"))

    assert response.status_code == 200
    assert CONFLICT in response.context["form"].non_field_errors()
    assert Position.objects.get(party__slug="russia").stance == Stance.OPPOSES


def test_an_unchanged_save_by_the_same_editor_is_not_a_conflict(plan, editor_client):
    form = loaded(editor_client, CLAUSE_VERSION_URL)
    data = form_data(form, edit_summary="checked against the source")
    assert editor_client.post(CLAUSE_VERSION_URL, data).status_code == 302
    # Nothing changed: no new version, no history row, so the same form saves again.
    assert editor_client.post(CLAUSE_VERSION_URL, data).status_code == 302
    assert ClauseVersion.objects.get(clause__slug="zaporizhzhia").version == 1
