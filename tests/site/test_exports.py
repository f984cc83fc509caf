"""Every table page as CSV and JSON: the rows the page's filters select, in full, in a file
a spreadsheet opens safely."""

import csv
import io
import json

import pytest

from clauses.export_rows import EXPORT_POSITION_COLUMNS
from clauses.models import Position
from clauses.vocabularies import Stance
from comparison.exports import EXPORT_CHANGE_COLUMNS
from core.exports import BOM, csv_chunks, file_name, neutralised
from tests.editing_helpers import make_plan
from tests.factories import PartyFactory


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    text = body_of(response).decode("utf-8")
    assert text.startswith(BOM), "a spreadsheet needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


def json_of(response) -> dict:
    return json.loads(body_of(response))


# The CSV writer, on plain data.


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+7 days", "'+7 days"),
        ("-1 point", "'-1 point"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain text", "plain text"),
        ("a = b", "a = b"),
        (-2, -2),  # a stance value is a number, not a formula
        (None, ""),
        (True, "true"),
    ],
)
def test_a_cell_that_would_start_a_formula_is_neutralised(value, written):
    assert neutralised(value) == written


def test_csv_keeps_commas_quotes_newlines_and_cyrillic_intact():
    tricky = {
        "summary": 'Rejects "any" limit, full stop',
        "quote": "Line one\nline two, with a comma",
        "source_title": "Заява Міністерства закордонних справ України",
        "formula": "=1+1",
        "value": -1,
    }
    columns = tuple(tricky)
    text = "".join(csv_chunks(columns, [tricky]))
    assert text.startswith(BOM)
    (row,) = csv.DictReader(io.StringIO(text[len(BOM) :], newline=""))
    assert row["summary"] == tricky["summary"]
    assert row["quote"] == tricky["quote"]
    assert row["source_title"] == tricky["source_title"]
    assert row["formula"] == "'=1+1"
    assert row["value"] == "-1"
    # The file is UTF-8 bytes, the Cyrillic as written.
    assert "Заява".encode() in text.encode("utf-8")


def test_csv_comes_in_pieces_for_a_long_table():
    rows = [{"n": i} for i in range(1201)]
    pieces = list(csv_chunks(("n",), rows))
    assert len(pieces) == 1 + 3  # header, two full pieces of 500, the rest
    assert "".join(pieces).count("\r\n") == 1202


def test_a_file_name_is_plain_ascii():
    assert file_name("ukraine", "r3", 'q-Заява, "x"', extension="csv") == "ukraine-r3-q-x.csv"


# The pages' exports.


@pytest.fixture
def tricky_plan(db):
    """The editor's plan, with Ukraine's position on the plant quoting a hostile text."""
    plan = make_plan()
    position = Position.objects.get(
        party__slug="ukraine", clause_version__clause__slug="zaporizhzhia"
    )
    position.quote = '=cmd|"/c calc"!A1, "quoted"\nсказав міністр'
    position.summary = "Підтримує, with conditions"
    position.source_title = "Міністерство, briefing"
    position.source_url = "https://example.org/briefing?a=1&b=2"
    position.demand = "Joint administration with the US"
    position.save()
    return plan


def test_the_overview_exports_every_position_of_the_current_revision(client, tricky_plan):
    response = client.get("/plans/framework/?format=csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="framework-r1-overview.csv"'
    rows = csv_rows(response)
    assert len(rows) == 8  # four clauses by two parties
    assert tuple(rows[0]) == EXPORT_POSITION_COLUMNS
    plant = next(r for r in rows if r["clause"] == "zaporizhzhia" and r["party"] == "ukraine")
    assert plant["quote"] == '\'=cmd|"/c calc"!A1, "quoted"\nсказав міністр'
    assert plant["summary"] == "Підтримує, with conditions"
    assert plant["source_url"] == "https://example.org/briefing?a=1&b=2"
    assert plant["stance"] == "supports"
    assert plant["stance_value"] == "2"
    assert plant["clause_url"] == "http://testserver/plans/framework/clauses/zaporizhzhia/"
    assert plant["clause_version_url"].endswith("/plans/framework/clauses/zaporizhzhia/r1/")
    assert plant["demand"] == "Joint administration with the US"
    assert plant["revision_url"] == "http://testserver/plans/framework/revisions/1/"
    russia = next(r for r in rows if r["clause"] == "zaporizhzhia" and r["party"] == "russia")
    assert (russia["stance"], russia["stance_label"], russia["stance_value"]) == (
        "opposes",
        "opposes",
        "-1",
    )


def test_the_overview_export_keeps_exactly_the_rows_and_columns_the_filters_keep(
    client, tricky_plan
):
    url = "/plans/framework/?topic=military&party=russia"
    page = client.get(url)
    shown = [row.slug for row in page.context["matrix"].rows]
    assert shown == ["army-size"]

    data = json_of(client.get(url + "&format=json"))
    assert data["meta"]["plan"] == "framework"
    assert data["meta"]["revisions"] == [1]
    assert data["meta"]["filters"] == {"topic": "military", "party": "russia"}
    assert data["meta"]["columns"] == list(EXPORT_POSITION_COLUMNS)
    # Choosing a party highlights its column on the page; every column stays, in the export too.
    rows = {(r["clause"], r["party"]): r for r in data["rows"]}
    assert set(rows) == {("army-size", "russia"), ("army-size", "ukraine")}
    assert rows["army-size", "russia"]["stance"] == "opposes"
    assert rows["army-size", "russia"]["stance_value"] == -1

    searched = csv_rows(client.get("/plans/framework/?q=міністр&format=csv"))
    assert searched == []  # the search reads titles, texts and summaries, not quotes
    searched = csv_rows(client.get("/plans/framework/?q=підтримує&format=csv"))
    assert {r["clause"] for r in searched} == {"zaporizhzhia"}


def test_the_pages_link_to_their_exports_with_their_filters(client, tricky_plan):
    html = client.get("/plans/framework/?topic=military&page=2").content.decode()
    assert 'href="/plans/framework/?topic=military&amp;format=csv"' in html
    assert 'href="/plans/framework/?topic=military&amp;format=json"' in html
    assert "Download CSV" in html and "as JSON" in html


@pytest.mark.parametrize(
    "url, message",
    [
        ("/plans/framework/?format=xlsx", "Unknown format 'xlsx'"),
        ("/plans/framework/?format=csv&topic=moon", "topic: Select a valid choice."),
        ("/plans/framework/revisions/1/diff/?format=csv", None),
    ],
)
def test_a_bad_export_is_a_4xx_naming_what_is_wrong(client, tricky_plan, url, message):
    response = client.get(url)
    assert response.status_code in (400, 404)
    if message:
        assert response.status_code == 400
        assert message in response.content.decode()


@pytest.fixture
def two_revisions(tricky_plan):
    """Revision 2 continues 1: Russia moves on the plant from opposes to conditional."""
    from clauses.models import ClauseVersion, Revision

    first = tricky_plan.revisions.get(number=1)
    second = Revision.objects.create(plan=tricky_plan, number=2, label="Second", previous=first)
    for version in first.clause_versions.select_related("clause"):
        copy = ClauseVersion.objects.create(
            revision=second,
            clause=version.clause,
            number=version.number,
            position_in_draft=version.position_in_draft,
            text=version.text,
        )
        for position in version.positions.all():
            moved = version.clause.slug == "zaporizhzhia" and position.party.slug == "russia"
            Position.objects.create(
                clause_version=copy,
                party=position.party,
                stance=Stance.CONDITIONAL if moved else position.stance,
            )
    return tricky_plan


def test_the_diff_exports_one_row_per_party_of_each_clause(client, two_revisions):
    response = client.get("/plans/framework/revisions/2/diff/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="framework-r1-r2-diff.csv"'
    rows = csv_rows(response)
    assert tuple(rows[0]) == EXPORT_CHANGE_COLUMNS
    # Like the page, the export leaves the unchanged clauses out unless asked for them.
    assert {r["change"] for r in rows} == {"changed"}
    every = csv_rows(client.get("/plans/framework/revisions/2/diff/?unchanged=on&format=csv"))
    assert len(every) == 8
    moved = next(r for r in rows if r["clause"] == "zaporizhzhia" and r["party"] == "russia")
    assert moved["change"] == "changed"
    assert (moved["stance_before"], moved["stance_before_value"]) == ("opposes", "-1")
    assert (moved["stance_after"], moved["stance_after_value"]) == ("conditional", "1")
    assert moved["direction"] == "toward"
    assert moved["diff_url"] == "http://testserver/plans/framework/revisions/2/diff/"

    toward = json_of(client.get("/plans/framework/compare/1...2/?direction=toward&format=json"))
    assert toward["meta"]["revisions"] == [1, 2]
    assert toward["meta"]["filters"] == {"direction": "toward"}
    assert {r["clause"] for r in toward["rows"]} == {"zaporizhzhia"}


def test_the_clause_revision_and_party_pages_export_their_rows(client, two_revisions):
    clause = csv_rows(client.get("/plans/framework/clauses/zaporizhzhia/?format=csv"))
    assert [(r["revision"], r["party"], r["stance"]) for r in clause] == [
        ("1", "ukraine", "supports"),
        ("1", "russia", "opposes"),
        ("2", "ukraine", "supports"),
        ("2", "russia", "conditional"),
    ]
    revision = csv_rows(client.get("/plans/framework/revisions/1/?format=csv"))
    assert len(revision) == 8 and {r["revision"] for r in revision} == {"1"}

    PartyFactory(slug="observer", name="Observer")
    party = json_of(client.get("/parties/russia/?format=json"))
    assert party["meta"]["revisions"] == {"framework": 2}
    plant = next(r for r in party["rows"] if r["clause"] == "zaporizhzhia")
    assert plant["stance"] == "conditional"
    assert (plant["stance_before"], plant["direction"]) == ("opposes", "toward")
    assert plant["previous_revision"] == 1
    assert len(party["rows"]) == 4

    # The party page's filters select the export's rows, as they do the page's.
    page = client.get("/parties/russia/?stance=conditional")
    filtered = json_of(client.get("/parties/russia/?stance=conditional&format=json"))
    assert [r["clause"] for r in filtered["rows"]] == ["zaporizhzhia"]
    assert filtered["meta"]["filters"] == {"stance": "conditional"}
    assert b"zaporizhzhia" in page.content
    assert client.get("/parties/russia/?since=x&format=csv").status_code == 400


def test_an_export_of_a_missing_page_is_404(client, db):
    assert client.get("/plans/nothing/?format=csv").status_code == 404
    assert client.get("/parties/nobody/?format=json").status_code == 404


# The API's CSV.


def test_the_api_positions_list_answers_csv_the_drf_way(client, tricky_plan):
    by_format = client.get("/api/v1/positions/?plan=framework&format=csv")
    by_accept = client.get("/api/v1/positions/?plan=framework", HTTP_ACCEPT="text/csv")
    for response in (by_format, by_accept):
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = csv_rows(response)
        assert len(rows) == 8
    plant = next(r for r in rows if r["clause"] == "zaporizhzhia" and r["party"] == "ukraine")
    assert plant["quote"].startswith("'=cmd")
    assert (plant["stance"], plant["stance_label"], plant["stance_value"]) == (
        "supports",
        "supports",
        "2",
    )
    assert plant["demand"] == "Joint administration with the US"
    # Every field of the JSON is a column, the stance spread over three.
    listed = client.get("/api/v1/positions/?plan=framework").json()
    json_fields = [name for name in listed["results"][0] if name != "stance"]
    assert set(rows[0]) == {*json_fields, "stance", "stance_label", "stance_value"}
    # The JSON of the same list is unchanged, paginated.
    assert listed["count"] == 8


def test_an_api_error_in_csv_is_still_the_json_error_body(client, tricky_plan):
    response = client.get("/api/v1/positions/?format=csv&stance=sideways")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["field"] == "stance"
