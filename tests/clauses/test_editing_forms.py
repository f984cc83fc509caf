"""The editor's forms, one by one: what they save, what they refuse, and that every save
asks for an edit summary and leaves it in the history with the editor."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clauses.forms.edits import NEW_OR_EXISTING, NOT_BOTH
from clauses.models import (
    PREVIOUS_NOT_EARLIER,
    PREVIOUS_OTHER_PLAN,
    Clause,
    ClauseVersion,
    Plan,
    Position,
    Revision,
)
from clauses.services import revision_clone, revision_update
from clauses.vocabularies import Stance
from core.tracking import SUMMARY_REQUIRED
from tests.editing_helpers import database_state, form_data, make_plan

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"editing:{name}", kwargs=kwargs)


def page_form(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.context["form"]


# New plan.


def test_a_new_plan_gets_a_unique_slug_from_its_title(plan, editor, editor_client):
    data = {"title": "Peace framework", "description": "Second try", "edit_summary": "New"}

    response = editor_client.post(url("plan_create"), data)

    created = Plan.objects.get(description="Second try")
    assert created.slug == "peace-framework"
    assert response.url == url("paste", plan="peace-framework")
    editor_client.post(url("plan_create"), data)
    assert Plan.objects.filter(slug="peace-framework-2").exists()
    history = created.history.get()
    assert (history.history_user, history.history_change_reason) == (editor, "New")


def test_a_new_plan_needs_a_title_and_a_summary(editor_client):
    response = editor_client.post(url("plan_create"), {"title": "", "edit_summary": ""})

    errors = response.context["form"].errors
    assert errors["edit_summary"] == [SUMMARY_REQUIRED]
    assert "title" in errors
    assert not Plan.objects.exists()


def test_a_plan_titled_new_does_not_hide_the_new_plan_page(editor_client):
    editor_client.post(url("plan_create"), {"title": "New", "edit_summary": "x"})
    assert Plan.objects.filter(slug="new").exists()
    assert editor_client.get(url("plan_create")).status_code == 200


# A revision built clause by clause.


def test_an_empty_revision_then_clauses_added_one_by_one(plan, editor, editor_client):
    form = page_form(editor_client, url("revision_new", plan="framework"))
    response = editor_client.post(
        url("revision_new", plan="framework"),
        form_data(form, label="Counter-proposal", edit_summary="Empty draft"),
    )
    revision = Revision.objects.get(number=2)
    assert response.url == url("clause_add", plan="framework", number=2)
    assert (revision.label, revision.previous.number, revision.clause_versions.count()) == (
        "Counter-proposal",
        1,
        0,
    )

    add = url("clause_add", plan="framework", number=2)
    editor_client.post(
        add,
        {"title": "Ceasefire", "topic": "military", "text": "A ceasefire.", "status": "open",
         "edit_summary": "Point 1"},
    )  # fmt: skip
    amnesty = Clause.objects.get(slug="amnesty")
    editor_client.post(
        add,
        {"clause": amnesty.pk, "number": "7", "text": "Amnesty for all.", "status": "contested",
         "edit_summary": "Point 7"},
    )  # fmt: skip

    versions = list(revision.clause_versions.order_by("position_in_draft"))
    assert [(v.clause.slug, v.number, v.position_in_draft, v.status) for v in versions] == [
        ("ceasefire", "1", 1, "open"),
        ("amnesty", "7", 2, "contested"),
    ]
    assert versions[1].history.get().history_user == editor
    # A clause already in the revision is no longer offered.
    form = page_form(editor_client, add)
    assert amnesty not in form.fields["clause"].queryset


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "Some text."}, NEW_OR_EXISTING),
        ({"text": "Some text.", "title": "Only a title"}, NEW_OR_EXISTING),
        ({"text": "Some text.", "title": "T", "topic": "military", "clause": "amnesty"}, NOT_BOTH),
    ],
)
def test_adding_a_clause_says_what_is_missing(data, message, plan, editor_client):
    if data.get("clause"):
        data["clause"] = Clause.objects.get(slug=data["clause"]).pk
    # Revision 1 holds every clause; a new revision holds none.
    editor_client.post(
        url("revision_new", plan="framework"),
        form_data(
            page_form(editor_client, url("revision_new", plan="framework")), edit_summary="x"
        ),
    )
    before = database_state()

    response = editor_client.post(
        url("clause_add", plan="framework", number=2),
        {"status": "open", "edit_summary": "x", **data},
    )

    assert response.context["form"].non_field_errors() == [message]
    assert database_state() == before


# Clone from the revision page.


def test_record_the_next_draft_from_a_revision(plan, editor, editor_client):
    address = url("revision_clone", plan="framework", number=1)
    form = page_form(editor_client, address)
    assert form["expected_number"].value() == 2

    response = editor_client.post(
        address, form_data(form, label="Second draft", edit_summary="Draft of 2 December")
    )

    revision = Revision.objects.get(number=2)
    assert response.url == revision.get_absolute_url()
    assert revision.clause_versions.count() == 4
    positions = Position.objects.filter(clause_version__revision=revision)
    assert positions.count() == 8 and all(p.carried_over for p in positions)
    history = Position.history.filter(clause_version_id__in=revision.clause_versions.all())
    assert {(h.history_user, h.history_change_reason) for h in history} == {
        (editor, "Draft of 2 December")
    }


def test_a_counter_proposal_continues_a_chosen_revision(plan, editor, editor_client):
    revision_clone(source=plan.revisions.get(), user=editor, summary="r2")
    address = url("revision_clone", plan="framework", number=2)
    form = page_form(editor_client, address)
    first = plan.revisions.get(number=1)

    editor_client.post(address, form_data(form, previous=first.pk, edit_summary="Counter"))

    assert Revision.objects.get(number=3).previous == first


def test_cloning_twice_from_one_form_records_one_revision(plan, editor_client):
    address = url("revision_clone", plan="framework", number=1)
    data = form_data(page_form(editor_client, address), edit_summary="x")
    editor_client.post(address, data)

    response = editor_client.post(address, data)

    assert response.status_code == 200
    assert Revision.objects.count() == 2


# Edit a revision.


def test_editing_a_revision(plan, editor_client):
    revision_clone(source=plan.revisions.get(), user=None, summary="r2")
    address = url("revision_edit", plan="framework", number=2)
    form = page_form(editor_client, address)
    assert [r.number for r in form.fields["previous"].queryset] == [1]

    response = editor_client.post(
        address,
        form_data(
            form,
            label="US-Ukraine framework",
            published_on="2025-11-30",
            status="under_negotiation",
            provenance="leaked",
            source_title="Report",
            source_url="https://example.org/report",
            edit_summary="From the report",
        ),
    )

    assert response.status_code == 302
    revision = Revision.objects.get(number=2)
    assert (revision.label, str(revision.published_on), revision.provenance, revision.version) == (
        "US-Ukraine framework",
        "2025-11-30",
        "leaked",
        2,
    )
    assert revision.history.first().history_change_reason == "From the report"


def test_a_revision_cannot_continue_a_later_one_or_another_plans(plan, editor_client):
    revision_clone(source=plan.revisions.get(), user=None, summary="r2")
    other = make_plan(slug="other")
    # Sent from outside the offered list: the model's rules still answer, on the field.
    first_form = page_form(editor_client, url("revision_edit", plan="framework", number=1))
    later = Revision.objects.get(plan=plan, number=2)
    foreign = other.revisions.get()
    before = database_state()

    for previous in (later, foreign):
        response = editor_client.post(
            url("revision_edit", plan="framework", number=1),
            form_data(first_form, previous=previous.pk, edit_summary="x"),
        )
        assert response.status_code == 200
        assert response.context["form"].errors["previous"]

    assert database_state() == before
    # The rules themselves, as the model states them, when the form is bypassed entirely.
    for previous, message in ((later, PREVIOUS_NOT_EARLIER), (foreign, PREVIOUS_OTHER_PLAN)):
        with pytest.raises(ValidationError) as raised:
            revision_update(
                revision=plan.revisions.get(number=1),
                expected_version=1,
                changes={"previous": previous},
                user=None,
                summary="x",
            )
        assert raised.value.message_dict["previous"] == [message]


# Edit a clause version, a clause.


def test_editing_a_clause_version(plan, editor, editor_client):
    address = url("clause_version_edit", plan="framework", clause="amnesty", number=1)
    form = page_form(editor_client, address)

    response = editor_client.post(
        address, form_data(form, text="Amnesty, except for war crimes.", number="30",
                           status="contested", edit_summary="New wording")
    )  # fmt: skip

    version = ClauseVersion.objects.get(clause__slug="amnesty")
    assert response.url == version.get_absolute_url()
    assert (version.text, version.number, version.status) == (
        "Amnesty, except for war crimes.",
        "30",
        "contested",
    )
    latest = version.history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor, "New wording")


def test_the_clause_version_page_lists_each_party_with_a_link(plan, editor_client):
    response = editor_client.get(
        url("clause_version_edit", plan="framework", clause="amnesty", number=1)
    )
    html = response.content.decode()
    for party in ("ukraine", "russia"):
        assert (
            url("position_edit", plan="framework", clause="amnesty", number=1, party=party) in html
        )


def test_editing_a_clause_title_and_topic(plan, editor_client):
    address = url("clause_edit", plan="framework", clause="amnesty")
    form = page_form(editor_client, address)

    editor_client.post(
        address, form_data(form, title="Amnesty for all parties", edit_summary="Clearer title")
    )

    clause = Clause.objects.get(slug="amnesty")
    assert (clause.title, clause.slug) == ("Amnesty for all parties", "amnesty")


# Edit a position.


def test_saving_a_position_clears_carried_over(plan, editor, editor_client):
    revision_clone(source=plan.revisions.get(), user=None, summary="r2")
    address = url("position_edit", plan="framework", clause="amnesty", number=2, party="russia")
    form = page_form(editor_client, address)
    assert form.instance.carried_over

    response = editor_client.post(
        address,
        form_data(
            form,
            stance="conditional",
            summary="Would accept an amnesty that covers its soldiers.",
            quote="“Amnesty must be mutual.”",
            source_title="Interview",
            source_url="https://example.org/interview",
            stated_on="2025-12-02",
            edit_summary="Interview of 2 December",
        ),
    )

    assert response.status_code == 302
    position = Position.objects.get(
        clause_version__revision__number=2,
        clause_version__clause__slug="amnesty",
        party__slug="russia",
    )
    assert (position.stance, position.carried_over, str(position.stated_on)) == (
        Stance.CONDITIONAL,
        False,
        "2025-12-02",
    )
    latest = position.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        editor,
        "Interview of 2 December",
    )


def test_saving_an_unchanged_carried_over_position_reconfirms_it(plan, editor_client):
    revision_clone(source=plan.revisions.get(), user=None, summary="r2")
    address = url("position_edit", plan="framework", clause="amnesty", number=2, party="ukraine")

    editor_client.post(address, form_data(page_form(editor_client, address), edit_summary="Same"))

    position = Position.objects.get(
        clause_version__revision__number=2,
        clause_version__clause__slug="amnesty",
        party__slug="ukraine",
    )
    assert (position.carried_over, position.stance) == (False, Stance.SUPPORTS)


def test_recording_a_new_position(plan, editor_client):
    Position.objects.filter(party__slug="ukraine", clause_version__clause__slug="amnesty").delete()
    address = url("position_edit", plan="framework", clause="amnesty", number=1, party="ukraine")

    editor_client.post(
        address,
        form_data(page_form(editor_client, address), stance="opposes", edit_summary="Statement"),
    )

    position = Position.objects.get(party__slug="ukraine", clause_version__clause__slug="amnesty")
    assert (position.stance, position.carried_over) == (Stance.OPPOSES, False)
    assert position.history.get().history_change_reason == "Statement"


# Bad input: a message on the field, never a server error, nothing written.

BAD_INPUT = [
    ("revision_edit", {"number": 1}, {"published_on": "yesterday", "previous": "999999",
                                      "status": "won", "source_url": "not a url"}),
    ("clause_version_edit", {"clause": "amnesty", "number": 1}, {"status": "bogus", "text": ""}),
    ("position_edit", {"clause": "amnesty", "number": 1, "party": "russia"},
     {"stance": "maybe", "stated_on": "2025-13-45"}),
    ("clause_add", {"number": 1}, {"clause": "abc", "topic": "weather", "status": "x"}),
    ("revision_clone", {"number": 1}, {"previous": "-1", "expected_number": "two"}),
    ("revision_new", {}, {"previous": "0", "proposed_by": "x", "expected_number": ""}),
    ("plan_create", None, {"title": "x" * 500}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "kwargs", "bad"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_with_a_message(name, kwargs, bad, plan, editor_client):
    address = url(name, **({"plan": "framework", **kwargs} if kwargs is not None else {}))
    form = page_form(editor_client, address)
    before = database_state()

    response = editor_client.post(address, form_data(form, edit_summary="x", **bad))

    assert response.status_code == 200
    assert set(bad) <= set(response.context["form"].errors)
    assert database_state() == before


@pytest.mark.parametrize("version", ["", "abc", "-3", "99999999999999999999"])
def test_a_forged_version_is_refused(version, plan, editor_client):
    address = url("clause_version_edit", plan="framework", clause="amnesty", number=1)
    form = page_form(editor_client, address)
    before = database_state()

    response = editor_client.post(
        address, form_data(form, version=version, text="Changed", edit_summary="x")
    )

    assert response.status_code == 200
    assert database_state() == before
