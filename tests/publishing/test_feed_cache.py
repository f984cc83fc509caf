"""The plan feed read again: each revision's diff totals are kept in the cache under the
plan's change stamp and both revisions' fingerprints, so a repeat read reads no clause
version and no position; an anonymous reader gets the whole feed from the page cache for
the one query of the stamp; and any write to the plan is shown at the next read."""

import pytest

from clauses.models import Revision
from clauses.services import position_save, revision_clone
from clauses.vocabularies import Stance
from publishing.selectors.feeds import plan_revision_entries
from tests.conftest import client_for
from tests.publishing.test_feeds import assert_valid_atom, entries, parse_atom

FEED = "/plans/framework/feed/"


@pytest.fixture
def two_drafts(plan, editor):
    """The plan with a second draft continuing the first."""
    first = plan.revisions.get()
    return revision_clone(source=first, user=editor, summary="Draft 2 arrived", label="Second")


def _edit_position(editor, revision: Revision, clause: str, party: str, values: dict):
    version = revision.clause_versions.get(clause__slug=clause)
    position = version.positions.get(party__slug=party)
    position_save(
        clause_version=version,
        party=position.party,
        expected_version=position.version,
        values=values,
        user=editor,
        summary="Statement of the day",
    )


def _newest_summary(client) -> str:
    feed = parse_atom(client.get(FEED))
    assert_valid_atom(feed)
    return entries(feed)[0]["summary"]


def test_a_signed_in_reread_takes_the_totals_from_the_cache(
    two_drafts, editor, django_assert_num_queries
):
    reader = client_for(editor)  # signed in: never served from the shared page cache
    cold = reader.get(FEED)
    assert "0 added, 0 removed, 0 changed, 4 unchanged" in cold.content.decode()
    # 1. the plan's change stamp, 2. the plan, 3. its newest revisions, 4. their creation
    # history rows, 5. its corrections: no clause version, no position.
    with django_assert_num_queries(5):
        warm = reader.get(FEED)
    assert warm.status_code == 200
    assert warm.content == cold.content


def test_an_anonymous_reread_is_the_cached_page_for_one_query(
    two_drafts, client, django_assert_num_queries
):
    cold = client.get(FEED)
    assert cold["ETag"] and cold["Last-Modified"]
    # 1. the plan's change stamp: the page itself comes from the cache.
    with django_assert_num_queries(1):
        warm = client.get(FEED)
    assert warm.status_code == 200
    assert warm.content == cold.content
    assert warm["ETag"] == cold["ETag"]
    with django_assert_num_queries(1):
        revalidated = client.get(FEED, headers={"if-none-match": cold["ETag"]})
    assert revalidated.status_code == 304


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_a_stance_moved_after_a_read_shows_at_the_next(two_drafts, editor, client, signed_in):
    reader = client_for(editor) if signed_in else client
    before = reader.get(FEED)
    assert "4 unchanged" in _newest_summary(reader)

    _edit_position(editor, two_drafts, "amnesty", "russia", {"stance": Stance.CONDITIONAL})

    after = reader.get(FEED)
    assert after["ETag"] != before["ETag"]
    summary = _newest_summary(reader)
    assert "0 added, 0 removed, 1 changed, 3 unchanged; Russia moved on 1" in summary


def test_an_edit_the_fingerprint_leaves_out_still_moves_the_totals(two_drafts, editor):
    """A position's demand is no part of a revision's fingerprint, yet the diff counts its
    change: the plan's change stamp in the key keeps the totals from before it unread."""
    reader = client_for(editor)
    assert "4 unchanged" in _newest_summary(reader)
    fingerprint = Revision.objects.get(pk=two_drafts.pk).fingerprint

    _edit_position(editor, two_drafts, "amnesty", "ukraine", {"demand": "A timetable first."})

    assert Revision.objects.get(pk=two_drafts.pk).fingerprint == fingerprint
    assert "0 added, 0 removed, 1 changed, 3 unchanged" in _newest_summary(reader)


def test_the_totals_are_kept_under_the_stamp_read_and_read_back_as_computed(
    two_drafts, plan, django_assert_num_queries
):
    computed = plan_revision_entries(plan=plan, stamp="s1")
    assert computed[0].totals is not None and computed[0].totals.unchanged == 4
    # 1. the revisions, 2. their creation history rows: the totals are kept.
    with django_assert_num_queries(2):
        assert plan_revision_entries(plan=plan, stamp="s1") == computed
    # Another stamp (a write since) is another key: the totals are computed afresh
    # (3. the clause versions of both sides, 4. their positions).
    with django_assert_num_queries(4):
        assert plan_revision_entries(plan=plan, stamp="s2") == computed


def test_without_a_stamp_nothing_is_kept(two_drafts, plan, django_assert_num_queries):
    plan_revision_entries(plan=plan)
    # 1. the revisions, 2. their creation history rows, 3. the clause versions of both
    # sides, 4. their positions: computed again.
    with django_assert_num_queries(4):
        plan_revision_entries(plan=plan)
