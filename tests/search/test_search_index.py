"""The index follows the writes: an edit, a clone and a takedown through the services show
in the next search, whether the refresh ran at commit or the stamp's catch-up did it; the
rebuild command indexes everything; the query count of a search, and of the refresh after
a clone, does not grow."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clauses.models import ClauseVersion, Position, Revision
from clauses.services.edits import clause_version_update, position_update
from clauses.services.revisions import revision_clone
from clauses.services.takedowns import history_takedown
from search.models import IndexedPlan, Passage
from search.services import plan_index, stale_plans
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


def found(client, **params) -> list[str]:
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return [f"{r['plan']}/{r['clause']}" for r in response.json()["results"]]


def revisions_of(client, q: str) -> set[int]:
    results = client.get("/api/v1/search/", {"q": q}).json()["results"]
    return {rev["number"] for r in results for p in r["passages"] for rev in p["revisions"]}


def test_an_edit_is_found_once_it_commits(
    client, searchable, editor, django_capture_on_commit_callbacks
):
    assert found(client, q="moratorium") == []
    version = ClauseVersion.objects.get(clause__slug="nato", revision__number=2)
    with django_capture_on_commit_callbacks(execute=True):
        clause_version_update(
            clause_version=version,
            expected_version=version.version,
            changes={"text": "A moratorium on enlargement for twenty years."},
            user=editor,
            summary="New wording",
        )
    # The refresh at commit brought the plan's stamp along: nothing left to catch up.
    assert searchable.pk not in stale_plans()
    assert found(client, q="moratorium") == ["framework/nato"]
    assert revisions_of(client, "Article") == {1}  # the old wording stays in revision 1 only


def test_an_edit_is_found_even_when_the_refresh_never_ran(client, searchable, editor):
    found(client, q="zone")  # index everything
    position = Position.objects.get(party__slug="ukraine")
    # Outside a captured commit the refresh never runs: the moved stamp catches it up.
    position_update(
        position=position,
        expected_version=position.version,
        changes={"summary": "Wants observers from the OSCE."},
        user=editor,
        summary="Reconfirmed",
    )
    assert searchable.pk in stale_plans()
    assert found(client, q="OSCE") == ["framework/dmz"]
    assert found(client, q="monitors") == []
    assert not Passage.objects.filter(text__contains="monitors").exists()


def test_a_clone_is_indexed_with_its_copies(
    client, searchable, editor, django_capture_on_commit_callbacks
):
    found(client, q="zone")
    r2 = Revision.objects.get(plan=searchable, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        revision_clone(source=r2, user=editor, summary="Next draft")
    assert revisions_of(client, "Kremlin") == {1, 2, 4}
    assert found(client, q="Kremlin", current="on") == ["framework/nato"]


def test_the_refresh_after_a_clone_costs_the_same_at_any_size(
    editor, django_capture_on_commit_callbacks
):
    """The refresh at commit is set-based: no query per clause or position copied."""
    counts = []
    for slug, clauses, parties in (("small", 3, 2), ("large", 60, 6)):
        plan = build_plan(clauses=clauses, parties=parties, revisions=1, slug=slug)
        plan_index(plan.pk)
        with django_capture_on_commit_callbacks() as refreshes:
            revision_clone(source=plan.revisions.get(), user=editor, summary="Next draft")
        with CaptureQueriesContext(connection) as queries:
            for refresh in refreshes:
                refresh()
        counts.append(len(queries))
        assert plan.pk not in stale_plans()  # nothing left for the next search to redo
    assert counts[0] == counts[1]


def test_a_takedown_leaves_nothing_behind(client, searchable, django_capture_on_commit_callbacks):
    found(client, q="zone")
    position = Position.objects.get(party__slug="ukraine")
    with django_capture_on_commit_callbacks(execute=True):
        history_takedown(record=position, reason="Court order 1", operator="ops")
    assert found(client, q="monitors") == []


def test_the_rebuild_command_indexes_every_plan(searchable, capsys):
    call_command("rebuild_search_index")
    assert "2 plans" in capsys.readouterr().out
    assert set(IndexedPlan.objects.values_list("plan_id", flat=True)) == {
        searchable.pk,
        *Revision.objects.exclude(plan=searchable).values_list("plan_id", flat=True),
    }
    assert stale_plans() == []
    # Carried-over passages are stored once: the Kremlin readout of r1 and r2.
    assert Passage.objects.filter(text="Kremlin readout").count() == 1


# The queries of a search, once the index is current: the same for any number of results.
SEARCH_QUERIES = [
    "the change stamps of every plan and party (the ETag)",
    "the plans (the plan filter's choices)",
    "the parties (the party filter's choices)",
    "the plans whose stamp the index does not hold",
    "the page of clauses, their total, clause and plan",
    "the best passages of each, with their party",
    "the revisions each passage occurs in",
]


@pytest.mark.parametrize("path", ["/search/", "/api/v1/search/"])
def test_a_search_costs_the_same_queries_whatever_it_finds(
    client, searchable, editor, path, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = False  # every request searches
    from tests.factories import ClauseVersionFactory, RevisionFactory
    from translations.services import TranslatedPoint, translations_record

    revision = RevisionFactory(plan__slug="bulk", number=1)
    versions = [
        ClauseVersionFactory(revision=revision, text=f"Zone point {n}, a demilitarized zone.")
        for n in range(30)
    ]
    # Translated hits too, each checked for staleness in the revisions query.
    translations_record(
        revision=revision,
        language="de",
        points=[TranslatedPoint(v.pk, f"Zone Punkt {n}.") for n, v in enumerate(versions)],
        official=False,
        user=editor,
        summary="Translation",
    )
    client.get(path, {"q": "zone"})  # brings the index up to date
    for query in ("zone", "demilitarized", "Kremlin", "вступатиме", "Punkt"):
        with django_assert_num_queries(len(SEARCH_QUERIES)):
            assert client.get(path, {"q": query}).status_code == 200
