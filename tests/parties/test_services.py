"""The parties' writes and reads: every write says why and is kept in the history; an edit
made on a stale copy is refused; the parties read in the matrix's column order."""

import pytest
from django.core.exceptions import ValidationError

from core.tracking import SUMMARY_REQUIRED, EditConflict
from parties.models import Party
from parties.selectors import parties_in_order, party_get, party_stamp
from parties.services import party_create, party_update
from parties.signals import party_slug_changed
from tests.factories import PartyFactory


def test_a_new_party_is_kept_with_who_made_it_and_why(db, editor):
    party = party_create(
        values={"slug": "turkey", "name": "Turkey", "short_name": "TR", "sort_order": 5},
        user=editor,
        summary="Turkey hosted the Istanbul talks",
    )

    entry = party.history.get()
    assert (entry.history_type, entry.history_user, entry.history_change_reason) == (
        "+",
        editor,
        "Turkey hosted the Istanbul talks",
    )


def test_a_party_without_an_edit_summary_is_refused_and_nothing_is_saved(db, editor):
    with pytest.raises(ValidationError) as refused:
        party_create(values={"slug": "turkey", "name": "Turkey"}, user=editor, summary="  ")

    assert refused.value.message_dict == {"summary": [SUMMARY_REQUIRED]}
    assert not Party.objects.exists()


def test_a_field_that_is_not_editable_is_refused_by_name(db, editor):
    party = PartyFactory()

    with pytest.raises(ValidationError) as refused:
        party_update(
            party=party, expected_version=1, changes={"version": 9}, user=editor, summary="x"
        )

    assert list(refused.value.message_dict) == ["version"]
    party.refresh_from_db()
    assert party.version == 1


def test_an_edit_on_a_stale_copy_is_refused_and_the_newer_one_kept(db, editor):
    party = PartyFactory(name="Europe")
    party_update(
        party=party, expected_version=1, changes={"name": "EU"}, user=editor, summary="short"
    )
    stale = Party.objects.get(pk=party.pk)
    stale.version = 1

    with pytest.raises(EditConflict):
        party_update(
            party=stale,
            expected_version=1,
            changes={"name": "European partners"},
            user=editor,
            summary="longer",
        )

    assert Party.objects.get(pk=party.pk).name == "EU"


def test_only_a_new_slug_tells_the_records_that_cite_it(db, editor):
    party = PartyFactory(slug="eu")
    told = []

    def listen(sender, party, **kwargs):
        told.append(party.slug)

    party_slug_changed.connect(listen)
    try:
        party = party_update(
            party=party, expected_version=1, changes={"name": "EU"}, user=editor, summary="a"
        )
        party_update(
            party=party, expected_version=2, changes={"slug": "europe"}, user=editor, summary="b"
        )
    finally:
        party_slug_changed.disconnect(listen)

    assert told == ["europe"]


def test_parties_read_in_column_order_and_their_stamp_moves_with_every_save(db, editor):
    later = PartyFactory(slug="b", name="Bravo", sort_order=2)
    PartyFactory(slug="a", name="Alpha", sort_order=2)
    PartyFactory(slug="c", name="Charlie", sort_order=1)
    before = party_stamp()

    party_update(
        party=later, expected_version=1, changes={"name": "Beta"}, user=editor, summary="typo"
    )

    assert [p.slug for p in parties_in_order()] == ["c", "a", "b"]
    assert party_get("b").name == "Beta"
    assert party_stamp() != before
    with pytest.raises(Party.DoesNotExist):
        party_get("nobody")
