"""An ordinary HTTP client (requests, like httpx and browsers, asks for gzip by default)
reads a record and writes it back with the ETag header it got, through a live server: the
header comes weakened by compression, and the write still succeeds."""

import pytest
import requests
from rest_framework.authtoken.models import Token

from clauses.models import Position
from clauses.vocabularies import Stance
from tests.factories import ClauseVersionFactory, PartyFactory, PlanFactory, PositionFactory

POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"


@pytest.fixture
def position(transactional_db):
    plan = PlanFactory(slug="framework")
    version = ClauseVersionFactory(
        revision__plan=plan, revision__number=1, clause__plan=plan, clause__slug="dmz"
    )
    return PositionFactory(
        clause_version=version, party=PartyFactory(slug="russia"), stance=Stance.OPPOSES
    )


def test_requests_patches_with_the_etag_header_of_a_gzipped_read(live_server, position, editor):
    session = requests.Session()
    session.headers["Authorization"] = f"Token {Token.objects.create(user=editor).key}"
    url = f"{live_server.url}{POSITION}"

    read = session.get(url, timeout=30)
    assert read.status_code == 200
    assert read.headers["Content-Encoding"] == "gzip"

    written = session.patch(
        url,
        json={"stance": "supports", "edit_summary": "Statement of 24 November"},
        headers={"If-Match": read.headers["ETag"]},
        timeout=30,
    )

    assert written.status_code == 200, written.json()
    assert written.json()["stance"]["name"] == "supports"
    assert Position.objects.get().stance == Stance.SUPPORTS
