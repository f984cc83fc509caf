"""Recording a draft from its pasted text: paste, check the alignment, correct, confirm."""

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.urls import reverse

from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.vocabularies import Stance
from core.tracking import SUMMARY_REQUIRED
from drafting import services as paste_service
from drafting.forms import (
    FULL_CHOICES_LIMIT,
    INVALID_CHOICE,
    NEW,
    NEW_CLAUSE_CHECK,
    TEXT_CHANGED,
)
from drafting.parse import DRAFT_NO_POINTS, DRAFT_TOO_LONG, MAX_DRAFT_CHARS
from drafting.services import CLAUSE_TWICE, NEW_CLAUSE_TOPIC
from drafting.views import RECORDED
from generator.plans import draft_paste, generate_plan
from tests.editing_helpers import (
    NEXT_DRAFT,
    confirm_url,
    database_state,
    form_data,
    make_plan,
    paste_url,
)

pytestmark = pytest.mark.django_db


def clause_id(slug: str) -> str:
    return str(Clause.objects.get(slug=slug).pk)


def aligned(client, text=NEXT_DRAFT):
    """Paste ``text``; returns the alignment page's response."""
    response = client.post(paste_url(), {"text": text})
    assert response.status_code == 200
    assert "rows" in response.context, response.context["form"].errors
    return response


def test_the_alignment_page_proposes_a_clause_or_new_for_each_point(plan, editor_client):
    response = aligned(editor_client)

    rows = response.context["rows"]
    assert [row["point"].number for row in rows] == ["1", "2", "3", "4"]
    assert [row["chosen"] for row in rows] == [
        int(clause_id("sovereignty")),
        int(clause_id("zaporizhzhia")),
        int(clause_id("army-size")),
        None,
    ]
    assert all(row["match"].score > 0 for row in rows[:3])
    assert [c.title for c in response.context["dropped"]] == ["Amnesty"]
    html = response.content.decode()
    assert "score" in html and "Dropped clauses" in html and "Amnesty" in html
    assert 'value="new" selected' in html  # point 4, a new clause
    # Nothing is written before the editor confirms.
    assert Revision.objects.count() == 1


def test_confirming_records_the_revision(plan, editor, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(
        form,
        **{"p3-title": "Elections", "p3-topic": "governance_elections"},
        edit_summary="Joint framework of 30 November",
        label="Joint framework",
    )

    response = editor_client.post(confirm_url(), data)

    revision = Revision.objects.get(number=2)
    assert response.status_code == 302 and response.url == revision.get_absolute_url()
    message = RECORDED.format(number=2, kept=3, new=1, dropped=1)
    assert [str(m) for m in editor_client.get(response.url).context["messages"]] == [message]
    assert (revision.label, revision.previous.number) == ("Joint framework", 1)
    versions = list(revision.clause_versions.select_related("clause").order_by("position_in_draft"))
    assert [v.clause.slug for v in versions] == [
        "sovereignty",
        "zaporizhzhia",
        "army-size",
        "elections",
    ]
    assert (
        versions[2].text
        == "Ukraine's armed forces will be capped at 800,000 personnel in peacetime."
    )
    assert versions[3].clause.topic == "governance_elections"
    # Matched clauses keep their positions, carried over; the new clause has none.
    kept = Position.objects.filter(clause_version__revision=revision)
    assert kept.count() == 6 and all(p.carried_over for p in kept)
    assert kept.get(clause_version=versions[1], party__slug="russia").stance == Stance.OPPOSES
    assert not versions[3].positions.exists()
    # The dropped clause is absent from the new revision, still in the plan.
    assert not revision.clause_versions.filter(clause__slug="amnesty").exists()
    # History: the editor and the summary on every row written.
    for rows in (
        Revision.history.filter(id=revision.pk),
        ClauseVersion.history.filter(revision_id=revision.pk),
        Clause.history.filter(slug="elections"),
        Position.history.filter(clause_version_id__in=[v.pk for v in versions]),
    ):
        assert {(r.history_user_id, r.history_change_reason) for r in rows} == {
            (editor.pk, "Joint framework of 30 November")
        }


def test_the_editor_corrects_a_match_and_marks_a_point_new(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(
        form,
        **{
            # Point 1 is not the old sovereignty clause after all: a new clause.
            "p0-clause": NEW,
            "p0-title": "Sovereignty confirmed",
            "p0-topic": "governance_elections",
            # Point 4 continues the amnesty clause (the editor knows better).
            "p3-clause": clause_id("amnesty"),
        },
        edit_summary="Next draft",
    )

    assert editor_client.post(confirm_url(), data).status_code == 302

    revision = Revision.objects.get(number=2)
    slugs = list(
        revision.clause_versions.order_by("position_in_draft").values_list(
            "clause__slug", flat=True
        )
    )
    assert slugs == ["sovereignty-confirmed", "zaporizhzhia", "army-size", "amnesty"]
    assert Clause.objects.get(slug="sovereignty-confirmed").title == "Sovereignty confirmed"


def test_a_point_turned_new_without_javascript_shows_its_title_and_guessed_topic(
    plan, editor_client
):
    form = aligned(editor_client).context["form"]
    assert form.fields["p0-title"].widget.attrs.get("disabled")  # matched: not sent
    data = form_data(form, **{"p0-clause": NEW, "p3-topic": "military"}, edit_summary="x")
    assert "p0-title" not in data

    response = editor_client.post(confirm_url(), data)

    form = response.context["form"]
    assert form.errors["p0-topic"] == [NEW_CLAUSE_CHECK.format(number="1")]
    assert form["p0-title"].value() == "Ukraine's sovereignty is confirmed"
    assert form["p0-topic"].value() == "governance_elections"  # guessed from its words
    assert not form.fields["p0-title"].widget.attrs.get("disabled")
    assert response.context["error_summary"] == [
        {"index": 0, "number": "1", "messages": [NEW_CLAUSE_CHECK.format(number="1")]}
    ]
    assert 'href="#point-0"' in response.content.decode()
    response = editor_client.post(confirm_url(), form_data(form))
    assert response.status_code == 302
    assert Clause.objects.filter(slug="ukraines-sovereignty-is-confirmed").exists()


def test_check_again_shows_the_dropped_clauses_of_the_current_choices(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(form, **{"p0-clause": NEW, "check": "1"})

    response = editor_client.post(confirm_url(), data)

    assert response.status_code == 200
    assert [c.title for c in response.context["dropped"]] == ["Sovereignty of Ukraine", "Amnesty"]
    assert Revision.objects.count() == 1


def test_a_clause_matched_twice_is_refused(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(
        form,
        **{"p3-clause": clause_id("sovereignty")},
        edit_summary="Next draft",
    )
    before = database_state()

    response = editor_client.post(confirm_url(), data)

    assert response.status_code == 200
    message = CLAUSE_TWICE.format(numbers="1, 4", title="Sovereignty of Ukraine")
    assert response.context["form"].errors["p0-clause"] == [message]
    assert response.context["form"].errors["p3-clause"] == [message]
    assert database_state() == before


def test_a_new_point_needs_a_topic_and_the_form_keeps_what_was_typed(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(form, **{"p3-title": "Elections soon", "p3-topic": ""}, edit_summary="x")

    response = editor_client.post(confirm_url(), data)

    assert response.context["form"].errors["p3-topic"] == [NEW_CLAUSE_TOPIC.format(number="4")]
    assert 'value="Elections soon"' in response.content.decode()
    assert Revision.objects.count() == 1


def test_an_edit_summary_is_required(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(form, **{"p3-topic": "military"}, edit_summary="  ")

    response = editor_client.post(confirm_url(), data)

    assert response.context["form"].errors["edit_summary"] == [SUMMARY_REQUIRED]
    assert Revision.objects.count() == 1


def test_confirming_twice_records_the_draft_once(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(form, **{"p3-topic": "military"}, edit_summary="Next draft")

    assert editor_client.post(confirm_url(), data).status_code == 302
    response = editor_client.post(confirm_url(), data)

    assert response.status_code == 200
    (refusal,) = response.context["form"].non_field_errors()
    assert refusal.startswith("Revision 2 was recorded by editor on ")
    assert Revision.objects.count() == 2


def test_a_text_edited_before_confirming_is_aligned_again(plan, editor_client):
    form = aligned(editor_client).context["form"]
    edited = NEXT_DRAFT + "5. Prisoners will be exchanged all for all.\n"
    data = form_data(form, text=edited, **{"p3-topic": "military"}, edit_summary="x")

    response = editor_client.post(confirm_url(), data)

    assert response.status_code == 200
    assert response.context["note"] == TEXT_CHANGED
    assert len(response.context["rows"]) == 5
    assert Revision.objects.count() == 1


def test_align_again_from_an_edited_text(plan, editor_client):
    form = aligned(editor_client).context["form"]
    data = form_data(form, text="1. Only one point about the Zaporizhzhia plant.", realign="1")

    response = editor_client.post(confirm_url(), data)

    assert [row["point"].number for row in response.context["rows"]] == ["1"]
    assert response.context["rows"][0]["chosen"] == int(clause_id("zaporizhzhia"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("The parties met and talked at length without any numbered points.", DRAFT_NO_POINTS),
        ("1. " + "word " * (MAX_DRAFT_CHARS // 5 + 10), DRAFT_TOO_LONG),
    ],
    ids=["empty", "no-points", "too-large"],
)
def test_a_paste_without_points_or_too_large_says_why_and_writes_nothing(
    text, message, plan, editor_client
):
    before = database_state()

    response = editor_client.post(paste_url(), {"text": text})

    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [message]
    assert database_state() == before
    # Sent straight to the confirm step, it is refused the same way.
    response = editor_client.post(confirm_url(), {"text": text, "edit_summary": "x"})
    assert response.status_code == 200
    assert database_state() == before


def test_hostile_text_is_escaped_on_the_alignment_page(plan, editor_client):
    hostile = (
        '1. <script>alert("x")</script> The sovereignty of Ukraine is confirmed.\n'
        "2. <img src=x onerror=alert(1)> Elections in 100 days &amp; more.\n"
    )

    response = aligned(editor_client, hostile)

    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp;amp; more" in html


def test_a_failure_midway_leaves_the_database_unchanged(plan, editor_client, monkeypatch):
    form = aligned(editor_client).context["form"]
    data = form_data(form, **{"p3-topic": "military"}, edit_summary="Next draft")
    before = database_state()

    def fail(**kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(paste_service, "copy_positions", fail)
    with pytest.raises(IntegrityError):
        editor_client.post(confirm_url(), data)

    assert database_state() == before


def test_a_match_to_a_clause_of_another_plan_is_refused(plan, editor_client):
    other = make_plan(slug="other")
    stranger = other.clauses.get(slug="amnesty")
    form = aligned(editor_client).context["form"]
    data = form_data(form, **{"p3-clause": str(stranger.pk)}, edit_summary="x")

    response = editor_client.post(confirm_url(), data)

    assert response.status_code == 200
    assert "p3-clause" in response.context["form"].errors
    assert not Revision.objects.filter(plan=plan, number=2).exists()


def test_a_new_plan_records_its_first_draft_by_pasting(editor_client):
    response = editor_client.post(
        reverse("editing:plan_create"),
        {"title": "Ceasefire plan", "description": "", "edit_summary": "New plan"},
    )
    assert response.status_code == 302
    assert response.url == reverse("editing:paste", kwargs={"plan": "ceasefire-plan"})

    draft = (
        "1. A ceasefire will take effect at midnight, along the line of contact.\n"
        "2. Monitors of the OSCE will verify it.\n"
    )
    response = editor_client.post(response.url, {"text": draft})
    form = response.context["form"]
    assert [row["chosen"] for row in response.context["rows"]] == [None, None]
    assert form["p0-title"].value() == "A ceasefire will take effect at midnight, along…"
    assert form["p1-title"].value() == "Monitors of the OSCE will verify it"
    assert response.context["dropped"] == []

    data = form_data(
        form,
        **{
            "p0-title": "Ceasefire",
            "p0-topic": "military",
            "p1-topic": "implementation_monitoring",
        },
        edit_summary="First draft",
    )
    response = editor_client.post(
        reverse("editing:paste_confirm", kwargs={"plan": "ceasefire-plan"}), data
    )

    assert response.status_code == 302, response.context["form"].errors
    revision = Revision.objects.get(plan__slug="ceasefire-plan")
    assert (revision.number, revision.previous) == (1, None)
    assert list(revision.clause_versions.values_list("clause__slug", "number")) == [
        ("ceasefire", "1"),
        ("monitors-of-the-osce-will-verify-it", "2"),
    ]


def test_hostile_clause_titles_are_escaped_in_the_choices(plan, editor_client):
    Clause.objects.filter(slug="amnesty").update(title='Amnesty <b onmouseover="x()">&</b>')

    html = aligned(editor_client).content.decode()

    assert "<b onmouseover" not in html
    assert "Amnesty &lt;b onmouseover=&quot;x()&quot;&gt;&amp;&lt;/b&gt;" in html


def long_plan_paste(clauses: int, points: int) -> str:
    """A generated plan of ``clauses`` clauses and the text of its next draft."""
    generate_plan(clauses=clauses, parties=3, revisions=1, history=False, slug="long")
    versions = Revision.objects.get(plan__slug="long").clause_versions.order_by("position_in_draft")
    return draft_paste(list(versions.values_list("number", "text")), points=points)


def test_a_long_plan_offers_each_point_its_closest_clauses_and_the_unclaimed(editor_client):
    text = long_plan_paste(clauses=FULL_CHOICES_LIMIT + 90, points=FULL_CHOICES_LIMIT + 90)
    response = editor_client.post(paste_url("long"), {"text": text})
    form = response.context["form"]
    assert form.short_choices
    for index, row in enumerate(response.context["rows"]):
        offered = [v for v in form.point_choices[index] if not isinstance(v[1], list)]
        groups = dict(c for c in form.point_choices[index] if isinstance(c[1], list))
        assert offered == [(NEW, "New clause")]
        assert len(groups.get("Closest clauses", [])) <= 4
        if row["chosen"]:
            assert str(row["chosen"]) in {v for v, _ in groups["Closest clauses"]}
    # One field per point, two more per new point: far below Django's limit on fields.
    data = form_data(form, edit_summary="Long draft")
    assert len(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS

    # A clause the point was not offered is refused (the page never offers it).
    offered = {v for _, group in form.point_choices[0][1:] for v, _ in group}
    far = next(
        str(c.pk) for c in Clause.objects.filter(plan__slug="long") if str(c.pk) not in offered
    )
    refused = editor_client.post(confirm_url("long"), {**data, "p0-clause": far})
    assert refused.context["form"].errors["p0-clause"] == [INVALID_CHOICE % {"value": far}]

    for index, row in enumerate(response.context["rows"]):
        if row["chosen"] is None:
            data[f"p{index}-topic"] = "military"
    response = editor_client.post(confirm_url("long"), data)
    assert response.status_code == 302
    assert Revision.objects.get(plan__slug="long", number=2).clause_versions.count() == 150
