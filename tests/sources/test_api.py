"""``/api/v1/sources/``: anyone lists and reads; an editor records a source with its text,
through the same checks as the form; every refusal a clear 4xx naming the field."""

import pytest

from sources.models import Source
from sources.text import MAX_TEXT, text_sha256
from tests.factories import PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/sources/"


def body(**values):
    return {
        "kind": "statement",
        "title": "Statement by the ministry",
        "text": "We will not withdraw, the ministry said.",
        "language": "uk",
        "edit_summary": "Published this morning",
        **values,
    }


def test_the_list_gives_each_source_without_its_text(client):
    source = SourceFactory(title="B report")
    SourceFactory(title="A report", url="")
    data = client.get(LIST).json()
    assert data["count"] == 2
    first, second = data["results"]
    assert [first["title"], second["title"]] == ["A report", "B report"]
    assert first["no_url_given"] is True and first["url"] == ""
    assert second["api_url"].endswith(f"/api/v1/sources/{source.pk}/")
    assert second["text_sha256"] == text_sha256(source.text)
    assert "text" not in second


def test_one_source_is_read_with_its_text_and_etag(client):
    source = SourceFactory()
    response = client.get(f"{LIST}{source.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["text"] == source.text
    assert data["id"] == source.pk and data["version"] == 1
    assert response["ETag"]


def test_an_unknown_source_is_a_404_naming_it(client):
    response = client.get(f"{LIST}4242/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "source"
    assert "4242" in response.json()["detail"]


def test_an_unknown_query_parameter_is_refused(client):
    response = client.get(LIST, {"colour": "red"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "colour"


def test_an_editor_records_a_source(editor_api, editor):
    response = editor_api.post(LIST, body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    source = Source.objects.get()
    assert response["Location"].endswith(f"/api/v1/sources/{source.pk}/")
    assert response["ETag"] == f'"{source.pk}-1"'
    assert data["text"] == "We will not withdraw, the ministry said."
    assert data["text_sha256"] == text_sha256(data["text"])
    row = source.history.get()
    assert (row.history_user, row.history_change_reason) == (editor, "Published this morning")


def test_html_is_stripped_with_a_notice(editor_api):
    response = editor_api.post(
        LIST, body(text="<p>We will <em>not</em> withdraw.</p>"), format="json"
    )
    assert response.status_code == 201
    assert response.json()["text"] == "We will not withdraw."
    assert response["X-Text-Notice"] == "html-stripped"


def test_a_text_beyond_the_limit_is_a_413(editor_api):
    response = editor_api.post(LIST, body(text="a" * (MAX_TEXT + 1)), format="json")
    assert response.status_code == 413
    error = response.json()["errors"][0]
    assert error["field"] == "text" and "200,000" in error["message"]
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "rumour"}, "kind"),
        ({"language": "xx"}, "language"),
        ({"url": "not a url"}, "url"),
        ({"title": ""}, "title"),
        ({"published_on": "2025-13-03"}, "published_on"),
        ({"text_sha256": "0" * 64}, "text_sha256"),
        ({"edit_summary": ""}, "edit_summary"),
    ],
)
def test_bad_values_are_refused_naming_the_field(editor_api, values, field):
    response = editor_api.post(LIST, body(**values), format="json")
    assert response.status_code == 400, response.content
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not Source.objects.exists()


def test_a_date_known_to_the_month_is_stored_as_its_first_day(editor_api):
    response = editor_api.post(
        LIST, body(published_on="2025-12-03", published_on_precision="month"), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["published_on"] == "2025-12-01"


def test_only_editors_record_sources(client, analyst_client):
    assert client.post(LIST, body(), content_type="application/json").status_code in (401, 403)
    response = analyst_client.post(LIST, body(), content_type="application/json")
    assert response.status_code == 403


def test_a_position_cites_a_source_through_the_api(editor_api):
    source = SourceFactory()
    position = PositionFactory(source=None, quote="")
    version = position.clause_version
    url = (
        f"/api/v1/plans/{version.revision.plan.slug}/clauses/{version.clause.slug}/"
        f"r{version.revision.number}/positions/{position.party.slug}/"
    )
    etag = editor_api.get(url)["ETag"]
    refused = editor_api.patch(
        url,
        {"source": source.pk, "quote": "ready to sign", "edit_summary": "Cite"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["field"] == "quote" and "closest" in error["message"]
    saved = editor_api.patch(
        url,
        {
            "source": source.pk,
            "quote": "“ready to discuss a ceasefire line”",
            "edit_summary": "Cite",
        },
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert saved.status_code == 200, saved.content
    data = saved.json()
    assert (data["source"], data["quote_check"]) == (source.pk, "checked")
    assert data["source_title"] == source.title
    unknown = editor_api.patch(
        url, {"source": 999999, "edit_summary": "Cite"}, format="json", HTTP_IF_MATCH=saved["ETag"]
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "source"


@pytest.mark.parametrize("n", [1, 8])
def test_the_list_costs_the_same_queries_whatever_the_number_of_sources(
    client, django_assert_num_queries, n
):
    for _ in range(n):
        SourceFactory()
    # The stamp, the count and the page.
    with django_assert_num_queries(3):
        assert client.get(LIST).status_code == 200
