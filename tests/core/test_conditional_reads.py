"""Repeat reads near free, never stale: every write path moves the plan's change stamp, so
every page and API read of the plan gets a new ETag and the shared cache never serves a
page from before the write (clauses/stamps.py, core/conditional.py)."""

import pytest
from django.core.cache import cache

from clauses import services
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors.stamps import plan_stamp
from core.api.inputs import EDIT_SUMMARY_FIELD
from drafting.services import ConfirmedPoint, revision_from_paste
from parties.models import Party
from parties.services import party_update
from tests.conftest import client_for, editors_group
from tests.factories import PartyFactory, build_plan

pytestmark = pytest.mark.django_db

OVERVIEW = "/plans/generated/"
REVISIONS = "/plans/generated/revisions/"
CLAUSE = "/plans/generated/clauses/clause-0/"
PARTIES = "/parties/"
API_PLAN = "/api/v1/plans/generated/"
API_POSITIONS = "/api/v1/positions/?plan=generated"
API_CLAUSE = "/api/v1/plans/generated/clauses/clause-0/"
FEED = "/plans/generated/feed/"
EXPORT = "/plans/generated/?format=csv"
API_PLANS = "/api/v1/plans/"
# Every read of the plan that each write must be seen by at once.
READS = [
    *(OVERVIEW, REVISIONS, CLAUSE, PARTIES, FEED, EXPORT, "/plans/generated/convergence.svg"),
    *(API_PLANS, API_POSITIONS, API_CLAUSE),
]
# Reads of a writable record: their ETag is the record's own (for If-Match), which moves
# only when the record does; what they show still follows every write at once.
RECORD_READS = [API_PLAN]


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("stamp-editor")
    user.groups.add(editors_group())
    return user


def latest_version(clause_slug="clause-0") -> ClauseVersion:
    return ClauseVersion.objects.get(clause__slug=clause_slug, revision__number=2)


def _plan_update(editor, client):
    plan = Plan.objects.get(slug="generated")
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        changes={"title": "Marker plan title"},
        user=editor,
        summary="Retitled",
    )


def _revision_create(editor, client):
    services.revision_create(
        plan=Plan.objects.get(slug="generated"), user=editor, summary="New", label="Marker draft"
    )


def _revision_update(editor, client):
    revision = Revision.objects.get(number=2)
    services.revision_update(
        revision=revision,
        expected_version=revision.version,
        changes={"label": "Marker label"},
        user=editor,
        summary="Relabelled",
    )


def _revision_clone(editor, client):
    services.revision_clone(
        source=Revision.objects.get(number=2), user=editor, summary="Next", label="Marker clone"
    )


def _revision_from_paste(editor, client):
    previous = Revision.objects.get(number=2)
    revision_from_paste(
        plan=previous.plan,
        previous=previous,
        points=[
            ConfirmedPoint(
                number="1",
                text="Marker pasted wording.",
                clause_id=Clause.objects.get(slug="clause-0").pk,
            )
        ],
        user=editor,
        summary="Pasted",
        label="Marker paste",
    )


def _clause_update(editor, client):
    clause = Clause.objects.get(slug="clause-0")
    services.clause_update(
        clause=clause,
        expected_version=clause.version,
        changes={"title": "Marker clause title"},
        user=editor,
        summary="Renamed",
    )


def _clause_version_update(editor, client):
    version = latest_version()
    services.clause_version_update(
        clause_version=version,
        expected_version=version.version,
        changes={"text": "Marker wording."},
        user=editor,
        summary="Reworded",
    )


def _clause_version_add(editor, client):
    services.clause_version_add(
        revision=Revision.objects.get(number=2),
        user=editor,
        summary="Added",
        text="Marker new point.",
        title="Marker new clause",
        topic="military",
    )


def _position_update(editor, client):
    position = Position.objects.filter(clause_version=latest_version()).first()
    services.position_update(
        position=position,
        expected_version=position.version,
        changes={"summary": "Marker summary."},
        user=editor,
        summary="Restated",
    )


def _position_create(editor, client):
    party = PartyFactory(slug="newcomer", name="Marker newcomer", short_name="MN")
    services.position_create(
        clause_version=latest_version(),
        party=party,
        values={"stance": "supports", "summary": "Marker position."},
        user=editor,
        summary="Recorded",
    )


def _party_update(editor, client):
    party = Party.objects.get(slug="generated-party-0")
    party_update(
        party=party,
        expected_version=party.version,
        changes={"name": "Marker party", "short_name": "MP"},
        user=editor,
        summary="Renamed",
    )


def _api_position_patch(editor, client):
    position = Position.objects.filter(clause_version=latest_version()).first()
    url = f"/api/v1/plans/generated/clauses/clause-0/r2/positions/{position.party.slug}/"
    response = client_for(editor).patch(
        url,
        {"summary": "Marker API summary.", EDIT_SUMMARY_FIELD: "Restated"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{position.pk}-{position.version}"',
    )
    assert response.status_code == 200, response.content


def _api_clone(editor, client):
    source = Revision.objects.get(number=2)
    response = client_for(editor).post(
        "/api/v1/plans/generated/revisions/2/clone/",
        {"label": "Marker API clone", EDIT_SUMMARY_FIELD: "Next"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{source.pk}-{source.version}"',
    )
    assert response.status_code == 201, response.content


def _admin_party_save(editor, client):
    staff = type(editor).objects.create_superuser("stamp-staff")
    party = Party.objects.get(slug="generated-party-0")
    form = {
        "slug": party.slug,
        "name": "Marker admin party",
        "short_name": "MA",
        "kind": party.kind,
        "color": party.color,
        "sort_order": party.sort_order,
        "description": party.description,
        "expected_version": party.version,
        "edit_summary": "Official name",
    }
    response = client_for(staff).post(f"/admin/parties/party/{party.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]


# Each write path, and a read where what it wrote shows.
WRITES = {
    "plan update": (_plan_update, OVERVIEW),
    "revision create": (_revision_create, REVISIONS),
    "revision update": (_revision_update, REVISIONS),
    "clone": (_revision_clone, REVISIONS),
    "paste": (_revision_from_paste, REVISIONS),
    "clause update": (_clause_update, CLAUSE),
    "clause version update": (_clause_version_update, CLAUSE),
    "clause version add": (_clause_version_add, OVERVIEW),
    "position update": (_position_update, API_CLAUSE),
    "position create": (_position_create, CLAUSE),
    "party update": (_party_update, OVERVIEW),
    "API position PATCH": (_api_position_patch, API_CLAUSE),
    "API clone": (_api_clone, REVISIONS),
    "admin party save": (_admin_party_save, PARTIES),
}


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response["ETag"], body.decode()


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_moves_every_etag_and_the_cache_serves_the_page_after_it(
    write, plan, editor, client
):
    write_to_plan, where_it_shows = write
    before = {url: read(client, url) for url in READS}
    # Read again: each is now served from the cache, and says so by costing nothing new.
    assert {url: read(client, url) for url in READS} == before
    for url in RECORD_READS:
        read(client, url)  # cached now

    write_to_plan(editor, client)

    after = {url: read(client, url) for url in READS}
    for url in READS:
        old_etag = before[url][0]
        assert after[url][0] != old_etag, url
        assert client.get(url, headers={"if-none-match": old_etag}).status_code == 200, url
    assert "Marker" in after[where_it_shows][1]
    assert "Marker" not in before[where_it_shows][1]
    records_after = {url: read(client, url)[1] for url in RECORD_READS}
    # What the cache served after the write is what a cold render gives.
    cache.clear()
    assert {url: read(client, url)[1] for url in READS} == {
        url: body for url, (_, body) in after.items()
    }
    assert {url: read(client, url)[1] for url in RECORD_READS} == records_after


@pytest.mark.parametrize("url", READS)
def test_a_reader_sending_back_its_etag_gets_304_for_one_query(
    url, plan, client, django_assert_num_queries
):
    etag, _ = read(client, url)
    # 1. the change stamp of what the read shows
    with django_assert_num_queries(1):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["Last-Modified"]
    assert response.content == b""


def test_reads_say_when_they_changed_and_to_revalidate(plan, client):
    response = client.get(OVERVIEW)
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == "no-cache"
    assert "Cookie" in response["Vary"]
    changed_at = Plan.objects.get(slug="generated").changed_at
    from django.utils.http import http_date

    assert response["Last-Modified"] == http_date(changed_at.timestamp())


def test_a_signed_in_reader_gets_its_own_tag_and_no_shared_page(plan, client, editor):
    editor_client = client_for(editor)
    anonymous_etag, anonymous_body = read(client, OVERVIEW)
    editor_etag, editor_body = read(editor_client, OVERVIEW)
    assert editor_etag != anonymous_etag
    assert "Signed in as" in editor_body and "Signed in as" not in anonymous_body
    assert editor_client.get(OVERVIEW)["Cache-Control"] == "private, no-cache"
    # The editor's tag is no good to anyone else.
    assert client.get(OVERVIEW, headers={"if-none-match": editor_etag}).status_code == 200


def test_filters_are_cached_apart(plan, client):
    _, everything = read(client, OVERVIEW)
    _, military = read(client, f"{OVERVIEW}?topic=military")
    assert military != everything
    assert read(client, OVERVIEW)[1] == everything


def test_json_and_browsable_api_are_cached_apart(plan, client):
    json_etag, json_body = read(client, API_PLANS)
    html = client.get(API_PLANS, headers={"accept": "text/html"})
    assert html["Content-Type"].startswith("text/html")
    assert html["ETag"] != json_etag
    assert read(client, API_PLANS)[1] == json_body
    assert "Accept" in html["Vary"]


def test_writable_records_keep_their_record_tag(plan, client):
    version = latest_version()
    url = "/api/v1/plans/generated/clauses/clause-0/r2/"
    first = client.get(url)
    assert first["ETag"] == f'"{version.pk}-{version.version}"'
    # Served again from the cache, with the tag a write's If-Match needs.
    again = client.get(url)
    assert again["ETag"] == first["ETag"]
    assert again.content == first.content
    # Its tag names the record, not the positions nested in it: never a 304 on it.
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_a_party_write_moves_the_stamp_every_plan_is_read_under(plan, editor):
    """A party's name shows on every plan's pages: its write changes every plan's stamp as
    read, without writing to the plans."""
    other = build_plan(clauses=1, parties=1, revisions=1, slug="other")
    before = {slug: plan_stamp(slug).tag for slug in (plan.slug, other.slug)}
    _party_update(editor, None)
    after = {slug: plan_stamp(slug).tag for slug in (plan.slug, other.slug)}
    assert all(after[slug] != before[slug] for slug in before)


def test_a_write_to_one_plan_leaves_the_others_cached(plan, editor, client):
    build_plan(clauses=1, parties=1, revisions=1, slug="other")
    other_etag, _ = read(client, "/plans/other/")
    _clause_version_update(editor, client)
    assert client.get("/plans/other/", headers={"if-none-match": other_etag}).status_code == 304


def test_a_takedown_moves_the_etag_and_the_cached_page(plan, client):
    from clauses.services.takedowns import history_takedown

    position = Position.objects.filter(clause_version=latest_version()).first()
    etag, body = read(client, API_CLAUSE)
    assert position.summary in body or position.party.slug in body

    history_takedown(record=position, reason="Court order 12/3", operator="ops")

    new_etag, new_body = read(client, API_CLAUSE)
    assert new_etag != etag
    assert new_body != body
    cache.clear()
    assert read(client, API_CLAUSE)[1] == new_body


def test_without_the_page_cache_every_read_is_rendered(
    plan, client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    read(client, REVISIONS)
    # The stamp, then the page's own queries (tests/site/test_pages_query_counts.py): the
    # plan, its revisions, what each changed, and the stances that differ from the
    # revision each continues (moves are judged by the one rule of clauses/moves.py, so
    # the timeline counts them as the diff does). Rendered again, not served from the cache.
    with django_assert_num_queries(5):
        read(client, REVISIONS)
