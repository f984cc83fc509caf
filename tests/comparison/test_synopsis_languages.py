"""The synopsis with a language per column (``revisions=1,1:uk,2:uk``): the page, the API
and the downloads show each column's texts in its language, the original marked where a
clause has no translation, a stale translation flagged; bad codes are refused."""

import csv
import io
import re

import pytest

from comparison import synopsis as pure
from tests.comparison import synopsis_fixtures
from tests.comparison.synopsis_fixtures import ARMY_CAP_UK, HOSTILE

pytestmark = pytest.mark.django_db

synopsis_plan = synopsis_fixtures.synopsis_plan
synopsis_translations = synopsis_fixtures.synopsis_translations

PAGE = "/plans/framework/synopsis/"
API = "/api/v1/plans/framework/synopsis/"


def row_html(html: str, slug: str) -> str:
    return html.split(f'<tr id="clause-{slug}"')[1].split("</tr>")[0]


def cells_of(row: str) -> list[str]:
    return re.findall(r"<td class=\"c\d[^>]*>(.*?)</td>", row, flags=re.S)


def test_the_page_shows_each_column_in_its_language(client, synopsis_translations):
    response = client.get(PAGE, {"revisions": "1,1:uk,2:uk"})
    assert response.status_code == 200
    html = response.content.decode()
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert "English (original)" in head
    assert head.count('in <span lang="uk">Українська</span>') == 2
    first, first_uk, counter_uk = cells_of(row_html(html, "army"))
    assert "capped at 600,000 personnel." in first
    assert f'<p class="t" lang="uk">{ARMY_CAP_UK.format("600 000")}</p>' in first_uk
    # Ukrainian against the English base: no word diff across languages.
    assert "<del>" not in first_uk and "<ins>" not in first_uk
    assert "stale translation" in counter_uk
    # No Ukrainian text of the lines: the original, marked as such.
    lines = cells_of(row_html(html, "lines"))[1]
    assert "original: no Українська translation" in lines
    assert '<p class="t" lang="en">Lines of contact frozen.</p>' in lines
    # The same wording in two languages is not a difference between the columns.
    assert "same in all" in row_html(html, "lines")


def test_the_word_diff_compares_the_texts_shown(client, synopsis_translations):
    html = client.get(PAGE, {"revisions": "1:uk,2:uk"}).content.decode()
    counter = cells_of(row_html(html, "army"))[1]
    assert "<del>600</del><ins>800</ins>" in counter
    # The base column is picked by its key, and the pickers say which language each holds.
    html = client.get(PAGE, {"revisions": "1,1:uk", "base": "1:uk"}).content.decode()
    assert '<option value="1:uk" selected>' in html
    assert re.findall(r'name="cl">.*?<option value="(\w*)" selected>', html)[:2] == ["", "uk"]


def test_translated_text_is_escaped(client, synopsis_translations):
    html = client.get(PAGE, {"revisions": "1:uk,2"}).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;" in row_html(html, "nato")


def test_the_pickers_carry_a_language_per_column(client, synopsis_plan):
    response = client.get(PAGE + "?c=1&cl=&c=1&cl=uk&c=&cl=ar&c=3&cl=ar&base=1")
    assert response.status_code == 302
    assert response["Location"] == PAGE + "?revisions=1%2C1%3Auk%2C3%3Aar&base=1"


@pytest.mark.parametrize(
    ("revisions", "message"),
    [
        ("1,1:xx", pure.LANGUAGE_UNKNOWN.format(code="xx", column=2, number=1)),
        ("1:uk,1:uk", pure.REVISIONS_DUPLICATE.format(number="1:uk")),
        ("1,1:en", pure.REVISIONS_DUPLICATE.format(number="1")),
        ("1,1:Ukrainian", pure.REVISIONS_MALFORMED.format(value="1,1:Ukrainian")),
    ],
)
def test_bad_languages_are_400_naming_revisions(client, synopsis_plan, revisions, message):
    page = client.get(PAGE, {"revisions": revisions})
    assert page.status_code == 400
    assert (page.context["error_field"], page.context["error"]) == ("revisions", message)
    api = client.get(API, {"revisions": revisions})
    assert api.status_code == 400
    [error] = api.json()["errors"]
    assert (error["field"], error["message"]) == ("revisions", message)
    download = client.get(PAGE, {"revisions": revisions, "format": "csv"})
    assert download.status_code == 400


def test_a_base_of_a_column_not_picked_is_400(client, synopsis_plan):
    response = client.get(API, {"revisions": "1,2", "base": "1:uk"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "base"


def test_the_api_says_each_column_and_cell_language(client, synopsis_translations):
    body = client.get(API, {"revisions": "1,1:uk,2:uk", "base": "1"}).json()
    assert body["revisions"] == [1, 1, 2]
    assert [
        (c["key"], c["language"], c["language_name"], c["translated"], c["is_base"])
        for c in body["columns"]
    ] == [
        ("1", "en", "English", False, True),
        ("1:uk", "uk", "Українська", True, False),
        ("2:uk", "uk", "Українська", True, False),
    ]
    army = next(row for row in body["rows"] if row["clause"] == "army")
    assert [
        (c["column"], c["language"], c["text_kind"], c["stale"], c["diff"] is None)
        for c in army["cells"]
    ] == [
        ("1", "en", "original", False, True),
        ("1:uk", "uk", "official", False, True),
        ("2:uk", "uk", "unofficial", True, True),
    ]
    assert army["cells"][1]["text"] == ARMY_CAP_UK.format("600 000")
    lines = next(row for row in body["rows"] if row["clause"] == "lines")
    assert (lines["cells"][1]["language"], lines["cells"][1]["text_kind"]) == ("en", "missing")
    # Quotes are there in every row of the API.
    stances = {s["party"]: s["quote"] for s in army["cells"][0]["stances"]}
    assert stances["russia"] == HOSTILE


def test_each_download_column_group_says_its_language(client, synopsis_translations):
    response = client.get(PAGE, {"revisions": "1,1:uk", "format": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    army = next(row for row in rows if row["clause"] == "army")
    assert (army["r1_language"], army["r1_text_kind"]) == ("en", "original")
    assert (army["r1_uk_language"], army["r1_uk_text_kind"]) == ("uk", "official")
    assert army["r1_uk_text"] == ARMY_CAP_UK.format("600 000")
    long = client.get(PAGE, {"revisions": "1,1:uk", "format": "csv", "shape": "long"})
    long_rows = list(csv.DictReader(io.StringIO(b"".join(long.streaming_content).decode())))
    lines = [row for row in long_rows if row["clause"] == "lines"]
    assert [(row["column"], row["language"], row["text_kind"]) for row in lines] == [
        ("1", "en", "original"),
        ("1:uk", "en", "missing"),
    ]
