"""Recording and editing translations (translations/services.py) and reading them back
(translations/selectors.py)."""

import pytest
from django.core.exceptions import ValidationError

from clauses.models import Plan
from core.tracking import save_edit
from tests.translations.helpers import english_revision, points_of
from translations import selectors
from translations.models import ClauseVersionTranslation
from translations.services import (
    ALREADY_TRANSLATED,
    TranslatedPoint,
    translation_create,
    translation_edit,
    translations_record,
)

pytestmark = pytest.mark.django_db

SUMMARY = "Ukrainian text as published by the Office of the President"


def record(revision, user, texts, *, language="uk", official=True, summary=SUMMARY):
    return translations_record(
        revision=revision,
        language=language,
        points=[TranslatedPoint(pk, text) for pk, text in texts],
        official=official,
        source_title="president.gov.ua",
        user=user,
        summary=summary,
    )


def test_recording_leaves_history_with_the_editor_and_the_summary(editor):
    revision = english_revision()
    first, second = points_of(revision)[:2]
    stamp = Plan.objects.get(pk=revision.plan_id).change_stamp
    recorded = record(revision, editor, [(first.pk, "Перший пункт."), (second.pk, "Другий.")])
    assert (recorded.created, recorded.changed, recorded.unchanged) == (2, 0, 0)
    history = ClauseVersionTranslation.history.order_by("history_id")
    assert [(h.text, h.history_user, h.history_change_reason) for h in history] == [
        ("Перший пункт.", editor, SUMMARY),
        ("Другий.", editor, SUMMARY),
    ]
    assert Plan.objects.get(pk=revision.plan_id).change_stamp > stamp


def test_recording_again_changes_only_what_changed(editor):
    revision = english_revision()
    first, second = points_of(revision)[:2]
    record(revision, editor, [(first.pk, "Перший."), (second.pk, "Другий.")])
    recorded = record(
        revision,
        editor,
        [(first.pk, "Перший."), (second.pk, "Другий, виправлений.")],
        summary="Corrected point 2",
    )
    assert (recorded.created, recorded.changed, recorded.unchanged) == (0, 1, 1)
    row = ClauseVersionTranslation.objects.get(clause_version=second)
    assert row.version == 2
    assert [h.text for h in row.history.order_by("history_id")] == [
        "Другий.",
        "Другий, виправлений.",
    ]


@pytest.mark.parametrize(
    ("language", "texts", "field"),
    [
        ("en", "ok", "language"),  # the originals' language
        ("xx", "ok", "language"),
        ("uk", "   ", "text"),
    ],
)
def test_refusals_name_the_field(editor, language, texts, field):
    revision = english_revision()
    first = points_of(revision)[0]
    with pytest.raises(ValidationError) as refused:
        record(revision, editor, [(first.pk, texts)], language=language)
    assert field in refused.value.message_dict
    assert not ClauseVersionTranslation.objects.exists()


def test_a_point_of_another_revision_is_refused_and_nothing_is_recorded(editor):
    revision = english_revision()
    other = english_revision(slug="other")
    mine, theirs = points_of(revision)[0], points_of(other)[0]
    with pytest.raises(ValidationError) as refused:
        record(revision, editor, [(mine.pk, "Так."), (theirs.pk, "Ні.")])
    assert "clause_version" in refused.value.message_dict
    assert not ClauseVersionTranslation.objects.exists()


def test_a_second_text_in_one_language_is_refused(editor):
    revision = english_revision()
    first = points_of(revision)[0]
    arguments = {"clause_version": first, "language": "ru", "official": False, "user": editor}
    translation_create(text="Первый.", summary="Russian text", **arguments)
    with pytest.raises(ValidationError) as refused:
        translation_create(text="Снова.", summary="Again", **arguments)
    assert refused.value.message_dict["language"] == [
        ALREADY_TRANSLATED.format(number=first.number, name="Русский")
    ]


def test_a_translation_goes_stale_when_the_original_changes_and_fresh_when_edited(editor):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, "Суверенітет підтверджено.")])
    translation = ClauseVersionTranslation.objects.get()
    assert not translation.stale
    save_edit(
        first,
        expected_version=first.version,
        changes={"text": "Ukraine's sovereignty and borders are confirmed."},
        user=editor,
        summary="The original was reworded",
    )
    translation = ClauseVersionTranslation.objects.select_related("clause_version").get()
    assert translation.stale
    assert selectors.stale_translations(revision=revision) == [translation]
    translation_edit(
        translation,
        expected_version=translation.version,
        changes={"text": "Суверенітет і кордони України підтверджено."},
        user=editor,
        summary="Translated the new wording",
    )
    assert selectors.stale_translations(revision=revision) == []


def test_texts_in_a_language_with_the_original_in_their_place(editor, django_assert_num_queries):
    revision = english_revision()
    points = points_of(revision)
    record(revision, editor, [(points[0].pk, "Перший.")], official=True)
    record(revision, editor, [(points[1].pk, "Другий.")], official=False, summary="Press")
    save_edit(
        points[1],
        expected_version=points[1].version,
        changes={"text": "A ceasefire takes effect within 48 hours."},
        user=editor,
        summary="Reworded",
    )
    points = points_of(revision)
    # One query: the translations of every point asked for.
    with django_assert_num_queries(1):
        texts = selectors.texts_in("uk", points)
    assert (texts[points[0].pk].kind, texts[points[0].pk].text) == ("official", "Перший.")
    assert (texts[points[1].pk].kind, texts[points[1].pk].stale) == ("unofficial", True)
    assert (texts[points[2].pk].kind, texts[points[2].pk].text) == ("missing", points[2].text)
    assert texts[points[2].pk].language == "en"
    # The original costs nothing.
    with django_assert_num_queries(0):
        assert selectors.texts_in("", points)[points[0].pk].kind == "original"
    with django_assert_num_queries(1):
        languages = selectors.languages_of(points)
    assert languages[points[0].pk] == ["en", "uk"]
    assert languages[points[2].pk] == ["en"]


@pytest.mark.parametrize("size", [2, 8])
def test_recording_costs_the_same_whatever_the_number_of_points(
    editor, size, django_assert_num_queries
):
    revision = english_revision(clauses=size)
    points = points_of(revision)
    # The points, locked; their texts in the language, locked; the rows; their history
    # rows; the plan's change stamp; a savepoint and its release around the whole and
    # around the insert (four).
    with django_assert_num_queries(9):
        record(revision, editor, [(p.pk, f"Пункт {p.number}.") for p in points])
    assert ClauseVersionTranslation.objects.count() == size
