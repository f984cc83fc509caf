"""Clause texts in a language (``?lang=``) on the plan overview, the clause page and the
downloads of a revision's positions: the translation where there is one, else the original
marked as such; a stale translation flagged; an unknown code a 400 naming ``lang``."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.translations.helpers import english_revision, points_of, reword_original
from tests.translations.test_translation_pages import record

pytestmark = pytest.mark.django_db

UKRAINIAN_FIRST = "Суверенітет України підтверджено."


def overview_url(revision, query=""):
    return reverse("clauses:plan", kwargs={"plan": revision.plan.slug}) + query


def clause_url(version, query=""):
    url = reverse(
        "clauses:clause", kwargs={"plan": version.clause.plan.slug, "clause": version.clause.slug}
    )
    return url + query


def revision_url(revision, query=""):
    url = reverse("clauses:revision", kwargs={"plan": revision.plan.slug, "number": 1})
    return url + query


@pytest.fixture
def translated(editor):
    """The English draft with point 1 in Ukrainian (official) and no other point."""
    revision = english_revision()
    points = points_of(revision)
    record(revision, editor, [(points[0].pk, UKRAINIAN_FIRST)])
    return revision, points


def test_the_overview_in_ukrainian_shows_the_ukrainian_text_and_the_original_marked(
    translated, client
):
    revision, points = translated
    page = client.get(overview_url(revision, "?lang=uk")).content.decode()
    assert f'<p class="clause-text" lang="uk" dir="ltr">{UKRAINIAN_FIRST}</p>' in page
    assert "Українська, official translation" in page
    # Point 2 has no Ukrainian text: its original, marked as such.
    assert f'<p class="clause-text" lang="en" dir="ltr">{points[1].text}</p>' in page
    assert "Original (English): no Українська text recorded" in page
    # The switch names the language shown and offers the original.
    assert '<strong aria-current="true" lang="uk">Українська</strong>' in page
    assert 'hreflang="en"' in page


def test_the_overview_without_lang_is_as_before_with_the_switch(translated, client):
    revision, _points = translated
    page = client.get(overview_url(revision)).content.decode()
    assert UKRAINIAN_FIRST not in page
    assert "Original (English)" not in page
    assert 'href="/plans/accord/?lang=uk" lang="uk" hreflang="uk"' in page


def test_the_clause_page_in_ukrainian(translated, client):
    _revision, points = translated
    page = client.get(clause_url(points[0], "?lang=uk")).content.decode()
    assert f'<p class="clause-text" lang="uk" dir="ltr">{UKRAINIAN_FIRST}</p>' in page
    assert "Українська, official translation" in page
    assert '<strong aria-current="true" lang="uk">Українська</strong>' in page
    untranslated = client.get(clause_url(points[1], "?lang=uk")).content.decode()
    assert "Original (English): no Українська text recorded" in untranslated
    assert points[1].text.replace("'", "&#x27;") in untranslated


def test_a_stale_translation_is_flagged_on_the_overview_and_the_clause_page(
    translated, editor, client
):
    revision, points = translated
    first = points[0]
    reword_original(first, editor)
    for url in (overview_url(revision, "?lang=uk"), clause_url(first, "?lang=uk")):
        page = client.get(url).content.decode()
        assert UKRAINIAN_FIRST in page, url
        assert "stale: made before the original's wording changed" in page, url


@pytest.mark.parametrize("code", ["xx", "ukr", "<b>"])
def test_an_unknown_language_is_a_400_naming_lang(translated, client, code):
    revision, points = translated
    for url in (
        overview_url(revision, f"?lang={code}"),
        clause_url(points[0], f"?lang={code}"),
        overview_url(revision, f"?lang={code}&format=csv"),
        revision_url(revision, f"?lang={code}&format=json"),
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.content.decode().startswith("lang: "), url
        assert response["Content-Type"].startswith("text/plain"), url


def test_the_page_cache_and_etag_are_keyed_by_the_text_language(translated, client):
    revision, _points = translated
    english = client.get(overview_url(revision))
    ukrainian = client.get(overview_url(revision, "?lang=uk"))
    assert english["ETag"] != ukrainian["ETag"]
    # A tag of the English page does not answer 304 for the Ukrainian one.
    again = client.get(
        overview_url(revision, "?lang=uk"), headers={"if-none-match": english["ETag"]}
    )
    assert again.status_code == 200
    assert UKRAINIAN_FIRST in again.content.decode()
    assert UKRAINIAN_FIRST not in client.get(overview_url(revision)).content.decode()


def positions_of(revision):
    """One position per point, so that the revision's downloads have rows."""
    from tests.factories import PartyFactory, PositionFactory

    party = PartyFactory(slug="ua", name="Ukraine")
    for version in points_of(revision):
        PositionFactory(clause_version=version, party=party, stance="supports")


def test_a_download_in_ukrainian_carries_each_text_and_its_language(translated, client):
    revision, points = translated
    positions_of(revision)
    for url in (
        revision_url(revision, "?lang=uk&format=csv"),
        overview_url(revision, "?lang=uk&format=csv"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        by_clause = {row["clause"]: row for row in rows}
        one, two = by_clause[points[0].clause.slug], by_clause[points[1].clause.slug]
        assert (one["clause_text"], one["text_language"], one["translation_status"]) == (
            UKRAINIAN_FIRST,
            "uk",
            "official",
        )
        assert one["translation_stale"] == "false"
        assert (two["clause_text"], two["text_language"], two["translation_status"]) == (
            points[1].text,
            "en",
            "missing",
        )


def test_a_json_download_names_its_language_and_flags_a_stale_text(translated, editor, client):
    revision, points = translated
    positions_of(revision)
    first = points[0]
    reword_original(first, editor)
    response = client.get(revision_url(revision, "?lang=uk&format=json"))
    document = json.loads(b"".join(response.streaming_content))
    assert document["meta"]["language"] == "uk"
    assert "text_language" in document["meta"]["columns"]
    row = next(r for r in document["rows"] if r["clause"] == first.clause.slug)
    assert (row["text_language"], row["translation_status"], row["translation_stale"]) == (
        "uk",
        "official",
        True,
    )


def test_a_download_without_lang_keeps_its_columns(translated, client):
    revision, _points = translated
    positions_of(revision)
    response = client.get(revision_url(revision, "?format=json"))
    document = json.loads(b"".join(response.streaming_content))
    assert "clause_text" not in document["meta"]["columns"]
    assert "language" not in document["meta"]


def test_a_download_in_the_original_marks_its_texts_original(translated, client):
    revision, points = translated
    positions_of(revision)
    response = client.get(revision_url(revision, "?lang=en&format=json"))
    document = json.loads(b"".join(response.streaming_content))
    row = next(r for r in document["rows"] if r["clause"] == points[0].clause.slug)
    assert (row["clause_text"], row["text_language"], row["translation_status"]) == (
        points[0].text,
        "en",
        "original",
    )


def test_translated_text_is_escaped_on_the_overview_and_the_clause_page(editor, client):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, '<script>alert("x")</script> Суверенітет')])
    for url in (overview_url(revision, "?lang=uk"), clause_url(first, "?lang=uk")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(" in page, url
