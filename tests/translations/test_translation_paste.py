"""Paste a translation of a revision: its points matched to the revision's clauses, shown
for confirmation, recorded as that language's text of each clause."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.translations.helpers import english_revision, points_of
from tests.translations.texts import OTHER_DRAFT, RUSSIAN_PARTIAL, UKRAINIAN
from translations.models import ClauseVersionTranslation

pytestmark = pytest.mark.django_db


def paste_url(revision):
    return reverse("editing:translation_paste", kwargs={"plan": revision.plan.slug, "number": 1})


def confirm_url(revision):
    return reverse("editing:translation_confirm", kwargs={"plan": revision.plan.slug, "number": 1})


def pasted(text, language="uk", **extra):
    return {
        "language": language,
        "text": text,
        "official": "on",
        "source_title": "Office of the President",
        "source_url": "https://example.org/uk",
        **extra,
    }


def proposed(form):
    """What the alignment page proposes, as the confirmation would send it."""
    return {
        name: form.initial.get(name) if field.initial is None else field.initial
        for name, field in form.fields.items()
        if name.startswith("point_")
    }


def test_who_may_paste(client, analyst, editor):
    revision = english_revision()
    assert client.get(paste_url(revision)).status_code == 302  # to log in
    assert client_for(analyst).get(paste_url(revision)).status_code == 403
    page = client_for(editor).get(paste_url(revision))
    assert page.status_code == 200
    assert "Paste a translation of revision 1" in page.content.decode()
    # The revision page links to it for an editor only.
    assert (
        paste_url(revision) in client_for(editor).get(revision.get_absolute_url()).content.decode()
    )
    assert (
        paste_url(revision)
        not in client_for(analyst).get(revision.get_absolute_url()).content.decode()
    )


def test_paste_check_and_record_a_full_translation(editor_client, editor):
    revision = english_revision()
    points = points_of(revision)
    page = editor_client.post(paste_url(revision), pasted(UKRAINIAN))
    assert page.status_code == 200
    form = page.context["form"]
    assert proposed(form) == {f"point_{i}": str(p.pk) for i, p in enumerate(points)}
    html = page.content.decode()
    assert '<p class="point-text" lang="uk" dir="ltr">Усі сторони' in html
    assert "both name 600000" in html
    assert "does not look like a translation" not in html
    # Confirm as proposed.
    response = editor_client.post(
        confirm_url(revision),
        {**pasted(UKRAINIAN), **proposed(form), "edit_summary": "Official Ukrainian text"},
    )
    assert response.status_code == 302
    assert response["Location"] == revision.get_absolute_url() + "?lang=uk"
    rows = ClauseVersionTranslation.objects.order_by("clause_version__position_in_draft")
    assert [row.clause_version_id for row in rows] == [p.pk for p in points]
    assert rows[2].text.endswith("600 тисячами осіб.")
    assert all(row.official and row.language == "uk" for row in rows)
    assert rows[0].history.get().history_user == editor
    assert rows[0].source_url == "https://example.org/uk"


def test_a_partial_translation_with_gaps_leaves_the_other_clauses_alone(editor_client):
    revision = english_revision()
    points = points_of(revision)
    page = editor_client.post(paste_url(revision), pasted(RUSSIAN_PARTIAL, language="ru"))
    form = page.context["form"]
    choices = proposed(form)
    assert choices == {
        "point_0": str(points[0].pk),
        "point_1": str(points[2].pk),
        "point_2": str(points[4].pk),
        "point_3": str(points[5].pk),
    }
    # The editor leaves point 6 out.
    choices["point_3"] = ""
    response = editor_client.post(
        confirm_url(revision),
        {
            **pasted(RUSSIAN_PARTIAL, language="ru"),
            **choices,
            "edit_summary": "Russian press translation",
        },
    )
    assert response.status_code == 302
    assert sorted(ClauseVersionTranslation.objects.values_list("clause_version_id", flat=True)) == [
        points[0].pk,
        points[2].pk,
        points[4].pk,
    ]


def test_one_clause_for_two_points_is_refused_and_nothing_typed_is_lost(editor_client):
    revision = english_revision()
    points = points_of(revision)
    page = editor_client.post(paste_url(revision), pasted(UKRAINIAN))
    choices = proposed(page.context["form"])
    choices["point_1"] = str(points[0].pk)
    response = editor_client.post(
        confirm_url(revision), {**pasted(UKRAINIAN), **choices, "edit_summary": "Typed summary"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "are both matched to clause 1" in html
    assert "Typed summary" in html
    assert response.context["form"]["point_1"].value() == str(points[0].pk)
    assert not ClauseVersionTranslation.objects.exists()


def test_a_translation_of_another_draft_is_flagged_before_recording(editor_client):
    revision = english_revision()
    page = editor_client.post(paste_url(revision), pasted(OTHER_DRAFT))
    html = page.content.decode()
    assert "does not look like a translation of revision 1" in html
    choices = proposed(page.context["form"])
    data = {
        **pasted(OTHER_DRAFT),
        **choices,
        "point_0": str(points_of(revision)[0].pk),
        "edit_summary": "Ukrainian text",
    }
    refused = editor_client.post(confirm_url(revision), data)
    assert refused.status_code == 200
    assert "Tick “Record it anyway”" in refused.content.decode()
    assert not ClauseVersionTranslation.objects.exists()
    recorded = editor_client.post(confirm_url(revision), {**data, "anyway": "on"})
    assert recorded.status_code == 302
    assert ClauseVersionTranslation.objects.count() >= 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (pasted(""), "This field is required."),
        (pasted("Просто текст без нумерації."), "No numbered points were found"),
        (pasted("1. Текст.", language="en"), "Select a valid choice."),
        (pasted("1. Текст.", language="xx"), "Select a valid choice."),
    ],
)
def test_bad_pastes_are_refused_with_the_text_kept(editor_client, data, message):
    revision = english_revision()
    response = editor_client.post(paste_url(revision), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if data["text"]:
        assert data["text"] in html


def test_a_text_edited_into_nothing_on_confirm_goes_back_to_the_paste(editor_client):
    revision = english_revision()
    response = editor_client.post(confirm_url(revision), {**pasted("нічого"), "edit_summary": "x"})
    assert response.status_code == 200
    assert "No numbered points were found" in response.content.decode()
    assert "нічого" in response.content.decode()


def test_pasted_markup_is_escaped_on_the_alignment_page(editor_client):
    revision = english_revision()
    text = '1. <img src=x onerror="alert(1)"> Суверенітет України.'
    html = editor_client.post(paste_url(revision), pasted(text)).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_a_recorded_source_is_kept_with_each_text(editor_client):
    from sources.models import Source

    source = Source.objects.create(
        title="Офіс Президента", url="https://example.org/op", language="uk"
    )
    revision = english_revision()
    page = editor_client.post(
        paste_url(revision), pasted(RUSSIAN_PARTIAL, language="ru", source=source.pk)
    )
    choices = proposed(page.context["form"])
    response = editor_client.post(
        confirm_url(revision),
        {
            **pasted(RUSSIAN_PARTIAL, language="ru", source=source.pk),
            **choices,
            "edit_summary": "From the recorded source",
        },
    )
    assert response.status_code == 302
    assert set(ClauseVersionTranslation.objects.values_list("source_id", flat=True)) == {source.pk}
