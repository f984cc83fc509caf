"""A downloaded position names what it cites: the source's id, its URL and its date, in
every page's download (a revision's, a clause's, a party's)."""

import csv
import datetime
import io

import pytest

from tests.factories import PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def cited():
    source = SourceFactory(
        url="https://example.org/kyiv-monday",
        published_on=datetime.date(2025, 12, 1),
        published_on_precision="month",
    )
    position = PositionFactory(
        clause_version__revision__plan__slug="framework",
        clause_version__clause__slug="ceasefire-line",
        party__slug="ukraine",
        source=source,
        source_url=source.url,
        quote="ready to discuss a ceasefire line",
        quote_check="checked",
    )
    return source, position


@pytest.mark.parametrize(
    "url",
    [
        "/plans/framework/revisions/{n}/?format=csv",
        "/plans/framework/clauses/ceasefire-line/?format=csv",
        "/parties/ukraine/?format=csv",
    ],
)
def test_an_exported_position_carries_its_source_id_url_and_date(client, cited, url):
    source, position = cited
    number = position.clause_version.revision.number
    (row,) = rows_of(client.get(url.format(n=number)))
    assert row["source"] == str(source.pk)
    assert row["source_url"] == "https://example.org/kyiv-monday"
    assert row["source_published_on"] == "2025-12-01"
    assert row["source_published_on_precision"] == "month"
