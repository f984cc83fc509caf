"""The editor's forms: recording a source, and a position citing one, its quote refused
with the closest span of the source's text and nothing typed lost."""

import pytest
from django.urls import reverse

from clauses.models import Position
from sources.models import Source
from sources.text import MAX_TEXT
from tests.editing_helpers import form_data
from tests.factories import PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db

RECORD = "/sources/+new/"


def source_data(**values):
    return {
        "kind": "news_report",
        "title": "Wire report",
        "outlet": "Example News",
        "url": "",
        "no_url_given": "on",
        "published_on": "2025-12-01",
        "published_on_precision": "month",
        "language": "ru",
        "text": "Песков заявил: «Мы изучаем план».",
        "edit_summary": "From the wire",
        **values,
    }


def test_an_editor_records_a_source(editor_client, editor):
    response = editor_client.post(RECORD, source_data())
    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sources/{source.pk}/"
    assert (source.language, source.url, source.published_on_precision) == ("ru", "", "month")
    assert source.history.get().history_user == editor


def test_the_url_or_no_url_given_is_explicit(editor_client):
    response = editor_client.post(RECORD, source_data(no_url_given=""))
    assert response.status_code == 200
    assert "No URL given" in response.context["form"].errors["url"][0]
    both = editor_client.post(RECORD, source_data(url="https://example.org/a"))
    assert both.status_code == 200 and "no_url_given" in both.context["form"].errors
    assert not Source.objects.exists()


def test_html_is_stripped_with_a_notice(editor_client):
    response = editor_client.post(
        RECORD, source_data(text="<div><p>Песков <b>заявил</b>.</p></div>"), follow=True
    )
    assert Source.objects.get().text == "Песков заявил."
    assert "stripped to its text" in response.content.decode()


def test_a_text_beyond_the_limit_is_refused_and_kept_in_the_form(editor_client):
    text = "я" * (MAX_TEXT + 1)
    response = editor_client.post(RECORD, source_data(text=text))
    assert response.status_code == 200
    form = response.context["form"]
    assert "200,000" in form.errors["text"][0]
    assert form["title"].value() == "Wire report"
    assert not Source.objects.exists()


def test_readers_cannot_record_sources(client, analyst_client):
    assert client.get(RECORD).status_code == 302
    assert analyst_client.get(RECORD).status_code == 403


def test_the_position_form_refuses_a_quote_not_in_the_source(editor_client):
    source = SourceFactory()
    position = PositionFactory(source=None, quote="")
    version = position.clause_version
    address = reverse(
        "editing:position_edit",
        kwargs={
            "plan": version.revision.plan.slug,
            "clause": version.clause.slug,
            "number": version.revision.number,
            "party": position.party.slug,
        },
    )
    form = editor_client.get(address).context["form"]
    assert "source" in form.fields
    assert '"sources_source"."text",' not in str(form.fields["source"].queryset.query)
    typed = "Kyiv is ready to discuss a ceasefire line"
    response = editor_client.post(
        address, form_data(form, source=source.pk, quote=typed, edit_summary="Cite")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["quote"][0]
    assert "closest" in errors and "ready to discuss a ceasefire line" in errors
    assert response.context["form"]["quote"].value() == typed
    assert Position.objects.get().quote == ""

    response = editor_client.post(
        address,
        form_data(
            form, source=source.pk, quote="ready to discuss a ceasefire line", edit_summary="Cite"
        ),
    )
    assert response.status_code == 302
    saved = Position.objects.get()
    assert (saved.source, saved.quote_check, saved.source_title) == (
        source,
        "checked",
        source.title,
    )


def test_an_editor_records_the_text_of_a_source_that_had_none(editor_client, editor):
    source = SourceFactory(text="")
    quoted = PositionFactory(source=source, quote="“would study the proposal”")
    paraphrase = PositionFactory(source=source, quote="", quote_check="paraphrase")
    address = f"/sources/{source.pk}/text/"
    page = editor_client.get(f"/sources/{source.pk}/").content.decode()
    assert f'href="{address}"' in page
    form = editor_client.get(address).context["form"]

    wrong = "Moscow answered that it would consider the proposal."
    response = editor_client.post(
        address, {"text": wrong, "version": form["version"].value(), "edit_summary": "Text"}
    )
    assert response.status_code == 200
    error = response.context["form"].errors["text"][0]
    assert "would study the proposal" in error and "closest" in error
    assert response.context["form"]["text"].value() == wrong
    source.refresh_from_db()
    assert source.text == ""

    right = "Moscow answered that it «would study the proposal» before any reply."
    response = editor_client.post(
        address, {"text": right, "version": form["version"].value(), "edit_summary": "Text"}
    )
    assert response.status_code == 302
    source.refresh_from_db()
    quoted.refresh_from_db()
    paraphrase.refresh_from_db()
    assert source.text == right and source.version == 2
    assert quoted.quote_check == "checked"
    assert quoted.history.first().history_change_reason == "Text"
    assert paraphrase.quote_check == "paraphrase"
    # Recorded once: the text is not changed afterwards.
    assert editor_client.get(address).status_code == 302
