"""Diff and compare within one language (``?lang=``): both sides' clause texts in that
language, a side with no translation in its original and marked so, one query more than
the diff in the original, and the language carried by the API and the downloads."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparison.selectors.diff_languages import revision_diff_in
from tests.factories import ClauseFactory, ClauseVersionFactory, PlanFactory, RevisionFactory
from translations.services import TranslatedPoint, translations_record

pytestmark = pytest.mark.django_db

# Our own short texts: point 1 keeps its English wording while its Ukrainian text is
# reworded; point 2 is reworded in English and translated in r1 only.
R1 = [
    ("1", "The ceasefire holds along the present line."),
    ("2", "Observers report every month."),
]
R2 = [
    ("1", "The ceasefire holds along the present line."),
    ("2", "Observers report every week to both capitals."),
]
UK_R1 = {"1": "Перемир'я діє вздовж нинішньої лінії.", "2": "Спостерігачі звітують щомісяця."}
UK_R2 = {"1": "Перемир'я діє вздовж теперішньої лінії фронту."}


def make_plan(editor, *, slug="truce", extra=0, language="uk", r1=UK_R1, r2=UK_R2):
    plan = PlanFactory(slug=slug, title="Truce")
    first = RevisionFactory(plan=plan, number=1, label="First")
    second = RevisionFactory(plan=plan, number=2, label="Second", previous=first)
    clauses = {}
    points = {}
    for revision, texts in ((first, R1), (second, R2)):
        rows = texts + [(str(3 + i), f"Clause {3 + i} stays as it is.") for i in range(extra)]
        for place, (number, text) in enumerate(rows, start=1):
            if number not in clauses:
                clauses[number] = ClauseFactory(
                    plan=plan, slug=f"point-{number}", title=f"Point {number}"
                )
            points[(revision.number, number)] = ClauseVersionFactory(
                revision=revision,
                clause=clauses[number],
                number=number,
                position_in_draft=place,
                text=text,
            )
    for revision, texts in ((first, r1), (second, r2)):
        if texts:
            translations_record(
                revision=revision,
                language=language,
                points=[
                    TranslatedPoint(points[(revision.number, n)].pk, text)
                    for n, text in texts.items()
                ],
                official=True,
                user=editor,
                summary="Translation",
            )
    return plan, first, second


def page(client, url, **query):
    response = client.get(url, query)
    return response


def diff_url(plan):
    return f"/plans/{plan.slug}/revisions/2/diff/"


def compare_url(plan):
    return f"/plans/{plan.slug}/compare/1...2/"


def article(html, slug):
    start = html.index(f'id="clause-{slug}"')
    return html[start : html.index("</article>", start)]


def test_the_ukrainian_word_diff(editor, client):
    plan, _, _ = make_plan(editor)
    html = page(client, diff_url(plan), lang="uk").content.decode()
    point = article(html, "point-1")
    # The English is unchanged; the Ukrainian changed, word by word.
    assert "change-badge-changed" in point
    assert "вздовж <del>нинішньої лінії.</del><ins>теперішньої лінії фронту.</ins>" in point
    assert '<div class="text-in-language" lang="uk" dir="ltr">' in point
    assert "ceasefire" not in point
    # The switch offers the original back.
    assert 'hreflang="en"' in html


def test_a_side_with_no_translation_keeps_its_original_marked(editor, client):
    plan, _, _ = make_plan(editor)
    for url in (diff_url(plan), compare_url(plan)):
        point = article(page(client, url, lang="uk").content.decode(), "point-2")
        assert "r2: original (English): no Українська translation in r2" in point
        assert "Спостерігачі" in point  # r1's side, in Ukrainian
        assert "capitals" in point  # r2's side, the original


def test_without_lang_the_diff_is_the_original(editor, client):
    plan, _, _ = make_plan(editor)
    html = page(client, diff_url(plan)).content.decode()
    assert "Перемир" not in html
    assert "text-in-language" not in html
    # In English point 1 is unchanged, so left out of the changes by default.
    assert 'id="clause-point-1"' not in html


def test_translated_texts_are_escaped(editor, client):
    plan, _, _ = make_plan(
        editor, r1={"1": "Лінія <b>фронту</b>"}, r2={"1": "Лінія <script>x()</script>"}
    )
    html = page(client, diff_url(plan), lang="uk").content.decode()
    point = article(html, "point-1")
    assert "<script>" not in point and "<b>" not in point
    assert "&lt;script&gt;" in point


def test_right_to_left_text_is_marked_in_the_diff_cell(editor, client):
    plan, _, _ = make_plan(
        editor, language="ar", r1={"1": "وقف إطلاق النار قائم"}, r2={"1": "وقف إطلاق النار دائم"}
    )
    point = article(page(client, diff_url(plan), lang="ar").content.decode(), "point-1")
    assert '<div class="text-in-language" lang="ar" dir="rtl">' in point
    assert "<ins>دائم</ins>" in point


def count(client, url, **query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_of", [diff_url, compare_url])
def test_one_query_more_in_a_language_whatever_the_size(editor, client, url_of):
    plan, _, _ = make_plan(editor)
    small = (count(client, url_of(plan)), count(client, url_of(plan), lang="uk"))
    assert small[1] == small[0] + 1  # the translations of both sides
    big, _, _ = make_plan(editor, slug="truce-big", extra=12)
    assert (count(client, url_of(big)), count(client, url_of(big), lang="uk")) == small


def test_the_selector_costs_one_query_more(editor, django_assert_num_queries):
    _, first, second = make_plan(editor)
    # The clause versions of both sides, their positions, then the translations.
    with django_assert_num_queries(3):
        result, language = revision_diff_in(old=first, new=second, lang="uk")
    assert language.language == "uk"
    with django_assert_num_queries(2):
        revision_diff_in(old=first, new=second, lang="")


@pytest.mark.parametrize("url_of", [diff_url, compare_url])
def test_an_unknown_language_is_a_400_naming_lang(editor, client, url_of):
    plan, _, _ = make_plan(editor)
    response = client.get(url_of(plan), {"lang": "xx"})
    assert response.status_code == 400
    assert response.content.decode().startswith("lang:")
    assert client.get(url_of(plan), {"lang": "xx", "format": "csv"}).status_code == 400


def test_the_api_compares_in_a_language(editor, client):
    plan, _, _ = make_plan(editor)
    url = f"/api/v1/plans/{plan.slug}/revisions/2/diff/"
    data = client.get(url, {"lang": "uk"}).json()
    assert data["language"] == "uk"
    by_slug = {row["clause"]: row for row in data["text_languages"]}
    assert by_slug["point-1"]["language_after"] == "uk"
    assert by_slug["point-2"]["language_after"] == "en"
    assert by_slug["point-2"]["marks"] == [
        "r2: original (English): no Українська translation in r2"
    ]
    (point,) = [c for c in data["clauses"] if c["slug"] == "point-1"]
    assert point["change"] == "changed"
    assert "language" not in client.get(url).json()  # the diff module's output as is
    assert client.get(url, {"lang": "en"}).json()["text_languages"] == []
    refused = client.get(url, {"lang": "xx"})
    assert refused.status_code == 400
    assert "lang" in refused.json() or "lang" in str(refused.json())


def test_the_schema_declares_lang_with_the_languages(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    (operation,) = [
        path["get"] for name, path in schema["paths"].items() if name.endswith("/diff/")
    ]
    (lang,) = [p for p in operation["parameters"] if p["name"] == "lang"]
    declared = lang["schema"]
    if "$ref" in declared:  # the language enum, named once among the components
        declared = schema["components"]["schemas"][declared["$ref"].rsplit("/", 1)[1]]
    assert "uk" in declared["enum"] and "ar" in declared["enum"]


def download(client, url, **query):
    response = client.get(url, {"format": "csv", **query})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


@pytest.mark.parametrize("url_of", [diff_url, compare_url])
def test_downloads_carry_the_language(editor, client, url_of):
    plan, _, _ = make_plan(editor)
    rows = list(csv.DictReader(io.StringIO(download(client, url_of(plan), lang="uk"))))
    by_clause = {row["clause"]: row for row in rows}
    assert by_clause["point-1"]["language"] == "uk"
    assert by_clause["point-1"]["language_after"] == "uk"
    assert by_clause["point-2"]["language_after"] == "en"
    assert by_clause["point-2"]["language_before"] == "uk"
    data = json.loads(download(client, url_of(plan), lang="uk", format="json"))
    assert data["meta"]["language"] == "uk"
    original = download(client, url_of(plan))
    assert {row["language"] for row in csv.DictReader(io.StringIO(original))} == {"en"}


def test_the_api_costs_one_query_more_in_a_language(editor, client):
    plan, _, _ = make_plan(editor)
    url = f"/api/v1/plans/{plan.slug}/revisions/2/diff/"
    small = (count(client, url), count(client, url, lang="uk"))
    assert small[1] == small[0] + 1
    big, _, _ = make_plan(editor, slug="truce-big", extra=12)
    url = f"/api/v1/plans/{big.slug}/revisions/2/diff/"
    assert (count(client, url), count(client, url, lang="uk")) == small
