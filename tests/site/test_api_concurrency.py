"""Many editors writing at once, through a live server that serves each request in its own
thread with its own database connection: every write is answered (200, or 412 for a stale
If-Match), never a 500 such as SQLite's "database is locked"; runs on each database."""

import json
import threading
import urllib.error
import urllib.request

import pytest
from rest_framework.authtoken.models import Token

from clauses.models import Position
from clauses.vocabularies import Stance
from tests.factories import ClauseVersionFactory, PartyFactory, PlanFactory, PositionFactory

EDITORS = 20


@pytest.fixture
def positions(transactional_db):
    """One clause in revision 1 of plan "framework", with a position for each of 20 parties."""
    plan = PlanFactory(slug="framework")
    version = ClauseVersionFactory(
        revision__plan=plan, revision__number=1, clause__plan=plan, clause__slug="dmz"
    )
    return [
        PositionFactory(
            clause_version=version,
            party=PartyFactory(slug=f"party-{n}"),
            stance=Stance.OPPOSES,
        )
        for n in range(EDITORS)
    ]


@pytest.fixture
def token(transactional_db, editor):
    return Token.objects.create(user=editor).key


def url_of(live_server, position: Position) -> str:
    return (
        f"{live_server.url}/api/v1/plans/framework/clauses/dmz/r1/positions/{position.party.slug}/"
    )


def patch(url: str, token: str, etag: str, summary: str) -> int:
    body = json.dumps({"stance": "supports", "edit_summary": summary}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="PATCH",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "If-Match": etag,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def all_at_once(calls) -> list[int]:
    """Run the calls in threads released together; the status each one got, in order."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int | None] = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        statuses[index] = call()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_twenty_editors_on_twenty_positions_all_succeed(live_server, positions, token):
    calls = [
        lambda p=p: patch(url_of(live_server, p), token, f'"{p.pk}-1"', f"Editor {p.pk}")
        for p in positions
    ]

    statuses = all_at_once(calls)

    assert statuses == [200] * EDITORS
    assert set(Position.objects.values_list("stance", flat=True)) == {Stance.SUPPORTS}
    assert set(Position.objects.values_list("version", flat=True)) == {2}


def test_twenty_editors_with_one_etag_one_wins_the_others_get_412(live_server, positions, token):
    position = positions[0]
    url = url_of(live_server, position)
    history_before = position.history.count()
    calls = [
        lambda n=n: patch(url, token, f'"{position.pk}-1"', f"Editor {n}") for n in range(EDITORS)
    ]

    statuses = all_at_once(calls)

    assert sorted(statuses) == [200] + [412] * (EDITORS - 1)
    position.refresh_from_db()
    assert position.version == 2
    assert position.history.count() == history_before + 1
