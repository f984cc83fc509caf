"""Atom feeds of plans, clauses and parties: valid Atom (RFC 4287's required elements),
an entry for each change an editor records, saying who and why, at a fixed cost."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from clauses.models import Position
from clauses.services import position_save, revision_clone
from clauses.vocabularies import Stance
from tests.conftest import built_once_for_the_module
from tests.factories import build_plan

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def parse_atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def assert_valid_atom(feed: ET.Element) -> None:
    """The elements RFC 4287 requires of a feed and its entries (section 4.1)."""
    assert feed.tag == f"{ATOM}feed"

    def one(parent, name):
        found = parent.findall(f"{ATOM}{name}")
        assert len(found) == 1, f"{parent.tag} needs exactly one {name}"
        return found[0]

    assert re.match(r"^https?://", one(feed, "id").text)
    assert one(feed, "title").text
    assert RFC3339.match(one(feed, "updated").text)
    links = feed.findall(f"{ATOM}link")
    assert any(link.get("rel") == "self" for link in links)
    feed_author = feed.find(f"{ATOM}author")
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        entry_id = one(entry, "id").text
        assert re.match(r"^https?://", entry_id), entry_id
        ids.append(entry_id)
        assert one(entry, "title").text
        assert RFC3339.match(one(entry, "updated").text)
        # An entry without content must link to it and summarise it.
        links = entry.findall(f"{ATOM}link")
        alternate = [link for link in links if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href").startswith("http")
        assert one(entry, "summary").text
        if feed_author is None:
            assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        else:
            assert feed_author.find(f"{ATOM}name").text
    assert len(ids) == len(set(ids)), "entry ids are unique"


def entries(feed: ET.Element) -> list[dict]:
    return [
        {
            "title": entry.find(f"{ATOM}title").text,
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.find(f"{ATOM}summary").text,
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/plans/ukraine-peace-framework/feed/",
        "/plans/ukraine-peace-framework/clauses/demilitarized-zone/feed/",
        "/parties/russia/feed/",
    ],
)
def test_every_feed_of_the_seed_is_valid_atom(client, seeded, url):
    feed = parse_atom(client.get(url))
    assert_valid_atom(feed)
    assert feed.findall(f"{ATOM}entry")


def test_a_missing_plan_clause_or_party_has_no_feed(client, db):
    assert client.get("/plans/nothing/feed/").status_code == 404
    assert client.get("/plans/nothing/clauses/x/feed/").status_code == 404
    assert client.get("/parties/nobody/feed/").status_code == 404


def test_a_new_revision_appears_in_the_plan_feed_with_its_changes(client, plan, editor):
    first = plan.revisions.get()
    second = revision_clone(source=first, user=editor, summary="Draft 2 arrived", label="Second")
    version = second.clause_versions.get(clause__slug="amnesty")
    russia = version.positions.get(party__slug="russia")
    position_save(
        clause_version=version,
        party=russia.party,
        expected_version=russia.version,
        values={"stance": Stance.CONDITIONAL},
        user=editor,
        summary="Statement of the Russian foreign ministry",
    )

    feed = parse_atom(client.get("/plans/framework/feed/"))
    assert_valid_atom(feed)
    newest, oldest = entries(feed)
    assert newest["title"] == "r2: Second"
    assert newest["link"] == "http://testserver/plans/framework/revisions/2/diff/"
    assert "0 added, 0 removed, 1 changed, 3 unchanged; Russia moved on 1" in newest["summary"]
    assert newest["author"] == "editor"
    assert "Draft 2 arrived" in newest["summary"]
    assert oldest["link"] == "http://testserver/plans/framework/revisions/1/"


def test_a_stance_move_appears_in_the_clause_and_party_feeds(client, plan, editor):
    version = plan.revisions.get().clause_versions.get(clause__slug="amnesty")
    russia = version.positions.get(party__slug="russia")
    position_save(
        clause_version=version,
        party=russia.party,
        expected_version=russia.version,
        values={"stance": Stance.RED_LINE, "summary": "Calls it <script>alert(1)</script>"},
        user=editor,
        summary="TASS, 3 December",
    )
    # A change that leaves the stance as it was is no move.
    ukraine = version.positions.get(party__slug="ukraine")
    position_save(
        clause_version=version,
        party=ukraine.party,
        expected_version=ukraine.version,
        values={"summary": "Still supports it."},
        user=editor,
        summary="Typo",
    )

    for url in ("/plans/framework/clauses/amnesty/feed/", "/parties/russia/feed/"):
        feed = parse_atom(client.get(url))
        assert_valid_atom(feed)
        newest = entries(feed)[0]
        assert newest["title"] == "Russia on Amnesty (r1): opposes → red line"
        assert newest["link"] == (
            "http://testserver/plans/framework/clauses/amnesty/r1/#position-russia"
        )
        assert newest["author"] == "editor"
        assert "TASS, 3 December" in newest["summary"]
        # The summary is HTML: the position's text in it is escaped, never markup.
        assert "&lt;script&gt;" in newest["summary"] and "<script>" not in newest["summary"]

    clause_titles = [e["title"] for e in entries(parse_atom(client.get(
        "/plans/framework/clauses/amnesty/feed/"
    )))]  # fmt: skip
    assert "Ukraine on Amnesty (r1): supports" in clause_titles  # first recorded, never moved
    assert not any("supports → supports" in t for t in clause_titles)
    assert "Amnesty (r1, point 4): first wording" in clause_titles
    ukraine_feed = entries(parse_atom(client.get("/parties/ukraine/feed/")))
    assert len(ukraine_feed) == Position.objects.filter(party__slug="ukraine").count()


def test_a_carried_over_copy_is_no_move_but_a_new_wording_is(client, plan, editor):
    from clauses.services import clause_version_update

    second = revision_clone(source=plan.revisions.get(), user=editor, summary="Draft 2")
    titles = [e["title"] for e in entries(parse_atom(client.get("/parties/russia/feed/")))]
    assert not any("(r2)" in title for title in titles)

    version = second.clause_versions.get(clause__slug="army-size")
    clause_version_update(
        clause_version=version,
        expected_version=version.version,
        changes={"text": "The armed forces of Ukraine will be capped at 800,000."},
        user=editor,
        summary="Joint framework, point 3",
    )
    wordings = [
        e for e in entries(parse_atom(client.get("/plans/framework/clauses/army-size/feed/")))
        if "wording" in e["title"]
    ]  # fmt: skip
    assert [w["title"] for w in wordings] == [
        "Size of the armed forces (r2, point 2): new wording",
        "Size of the armed forces (r1, point 2): first wording",
    ]
    assert "800,000" in wordings[0]["summary"]
    assert wordings[0]["link"] == "http://testserver/plans/framework/clauses/army-size/r2/"


def test_the_pages_announce_their_feeds(client, plan):
    for url, feed in [
        ("/plans/framework/", "/plans/framework/feed/"),
        ("/plans/framework/revisions/", "/plans/framework/feed/"),
        ("/plans/framework/clauses/amnesty/", "/plans/framework/clauses/amnesty/feed/"),
        ("/parties/russia/", "/parties/russia/feed/"),
    ]:
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert '<link rel="alternate" type="application/atom+xml"' in head
        assert f'href="{feed}"' in head
        body = html.split("<body")[1]
        assert f'href="{feed}"' in body, f"{url} links its feed visibly"


# Query budgets.

SIZES = [
    pytest.param({"clauses": 5, "parties": 2, "revisions": 2}, id="small"),
    pytest.param({"clauses": 30, "parties": 5, "revisions": 4}, id="large"),
]


@pytest.fixture(scope="module", params=SIZES)
def generated(request, django_db_setup, django_db_blocker):
    def build():
        plan = build_plan(**request.param)
        for model in (Position,):
            records = list(model.objects.all())
            model.history.bulk_history_create(records)
            model.history.bulk_history_create(records, update=True, default_change_reason="Fix")
        return plan

    yield from built_once_for_the_module(django_db_blocker, build)


# Each first reads the change stamp of what it shows, for its ETag (core/conditional.py).
PLAN_STAMP = "the plan's change stamp"
SITE_STAMP = "the change stamps of every plan and party"
FEEDS = {
    "/plans/generated/feed/": [
        PLAN_STAMP,
        "the plan",
        "its newest revisions, with what each continues",
        "their creation history rows, with the editor",
        "the clause versions of those and of what they continue",
        "their positions, with their party",
        "its newest corrections, with their editor, revision and clause",
    ],
    "/plans/generated/clauses/clause-0/feed/": [
        PLAN_STAMP,
        "the clause, with its plan",
        "its versions' history rows with the wording before each, with editor and revision",
        "its positions' history rows with the stance before each, with editor, party, clause",
    ],
    "/parties/generated-party-0/feed/": [
        SITE_STAMP,
        "the party",
        "its positions' history rows with the stance before each, with editor, clause, plan",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(FEEDS))
def test_a_feed_costs_the_same_queries_whatever_the_size(
    url, generated, client, django_assert_num_queries
):
    with django_assert_num_queries(len(FEEDS[url])):
        response = client.get(url)
    assert_valid_atom(parse_atom(response))


def test_an_entry_of_unknown_date_still_has_an_updated_time():
    from publishing.feeds import AtomFeed, FeedEntry

    entry = FeedEntry("t", "<p>d</p>", "/x/", "/x/#1", None, None)
    assert isinstance(AtomFeed().item_updateddate(entry), datetime.datetime)
