"""The alias table editors keep: shipped with the seed, with history, edited in the admin
through the parties' services, read by the extractor in one query."""

import pytest
from django.urls import reverse

from parties.models import Party, PartyAlias
from parties.services import party_alias_create, party_aliases_load_starting
from parties.starting_aliases import STARTING_ALIASES
from statements.selectors import alias_table
from statements.speakers import Alias

pytestmark = pytest.mark.django_db


def test_the_seed_ships_the_starting_table_with_history(seeded):
    for slug, rows in STARTING_ALIASES.items():
        stored = set(PartyAlias.objects.filter(party__slug=slug).values_list("alias", flat=True))
        assert stored == {text for text, _, _ in rows}
    alias = PartyAlias.objects.get(alias="Зеленський")
    assert alias.party.slug == "ukraine" and alias.kind == "name" and alias.language == "uk"
    assert alias.history.get().history_change_reason.startswith("Starting alias table")
    # Loading it again adds nothing.
    assert party_aliases_load_starting(user=None, summary="again") == 0


def test_the_extractor_reads_the_table_in_one_query(seeded, django_assert_num_queries):
    with django_assert_num_queries(1):
        table = alias_table()
    assert Alias("Песков", "russia", "name", "ru") in table


def test_an_alias_added_by_an_editor_attributes_statements(seeded, editor):
    party = Party.objects.get(slug="european-partners")
    party_alias_create(
        party=party,
        values={"alias": "Tusk", "kind": "name", "language": "en"},
        user=editor,
        summary="Polish prime minister",
    )
    from statements.extract import Extractor

    found = Extractor(alias_table()).extract("Tusk said that Europe must be at the table.")
    assert [(p.party, p.quote) for p in found.proposals] == [
        ("european-partners", "Europe must be at the table")
    ]
    history = PartyAlias.objects.get(alias="Tusk").history.get()
    assert (history.history_user, history.history_change_reason) == (
        editor,
        "Polish prime minister",
    )


def test_the_admin_adds_and_changes_aliases_with_a_summary(seeded, staff_client):
    party = Party.objects.get(slug="russia")
    add = reverse("admin:parties_partyalias_add")
    response = staff_client.post(
        add,
        {
            "party": party.pk,
            "alias": "Galuzin",
            "kind": "name",
            "language": "en",
            "expected_version": 0,
            "edit_summary": "Deputy foreign minister",
        },
    )
    assert response.status_code == 302
    alias = PartyAlias.objects.get(alias="Galuzin")
    change = reverse("admin:parties_partyalias_change", args=[alias.pk])
    response = staff_client.post(
        change,
        {
            "party": party.pk,
            "alias": "Galuzin",
            "kind": "title",
            "language": "",
            "expected_version": 1,
            "edit_summary": "A title after all",
        },
    )
    assert response.status_code == 302
    alias.refresh_from_db()
    assert (alias.kind, alias.version) == ("title", 2)
    assert [h.history_change_reason for h in alias.history.all()] == [
        "A title after all",
        "Deputy foreign minister",
    ]
    assert staff_client.get(reverse("admin:parties_partyalias_changelist")).status_code == 200


def test_an_alias_is_unique_per_party(seeded, editor):
    from django.core.exceptions import ValidationError

    party = Party.objects.get(slug="russia")
    with pytest.raises(ValidationError):
        party_alias_create(
            party=party,
            values={"alias": "Peskov", "kind": "name", "language": "en"},
            user=editor,
            summary="again",
        )


def test_the_migration_ships_the_table_to_parties_already_recorded(db):
    import importlib

    from django.apps import apps

    from tests.factories import PartyFactory

    migration = importlib.import_module("parties.migrations.0004_party_aliases")
    PartyFactory(slug="russia", name="Russia")
    PartyFactory(slug="elsewhere", name="Elsewhere")
    migration.load_starting_aliases(apps, None)
    migration.load_starting_aliases(apps, None)  # run twice: nothing added again
    stored = PartyAlias.objects.filter(party__slug="russia")
    assert stored.count() == len({text for text, _, _ in STARTING_ALIASES["russia"]})
    assert not PartyAlias.objects.filter(party__slug="elsewhere").exists()
    history = PartyAlias.history.filter(alias="Песков").get()
    assert history.history_type == "+"
    assert history.history_change_reason == migration.STARTING_REASON
