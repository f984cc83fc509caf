"""Every write keeps its revision's fingerprint true and appends one fingerprint event,
leaving the revisions that continue it as they were; pages and the API show it;
``verify_fingerprints`` catches a row edited behind the app's back and a fingerprint or an
event written outside the services."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clauses.models import ClauseVersion, FingerprintEvent, Position, Revision
from clauses.services import (
    clause_update,
    clause_version_add,
    clause_version_update,
    position_update,
    revision_clone,
    revision_update,
)
from clauses.services.fingerprints import fingerprints_refresh, fingerprints_refresh_all
from parties.models import Party
from parties.services import party_update
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


def fingerprints(plan) -> dict[int, str]:
    return dict(plan.revisions.order_by("number").values_list("number", "fingerprint"))


@pytest.fixture
def chain(plan, editor):
    """The editor's plan with r2 cloned from r1 and r3 from r2."""
    first = plan.revisions.get()
    fingerprints_refresh_all()
    second = revision_clone(source=first, user=editor, summary="Next draft")
    revision_clone(source=second, user=editor, summary="Third draft")
    return plan


def test_each_revision_has_one_and_clones_chain_on_it(chain):
    values = fingerprints(chain)
    assert all(len(value) == 64 for value in values.values())
    # Same content, different predecessor: every link of the chain differs.
    assert len(set(values.values())) == 3


def edit_position(editor, revision_number, **changes):
    position = Position.objects.filter(
        clause_version__revision__number=revision_number, party__slug="russia"
    ).first()
    return position_update(
        position=position,
        expected_version=position.version,
        changes=changes,
        user=editor,
        summary="Correction",
    )


def events_of(plan, number) -> list[str]:
    return list(
        FingerprintEvent.objects.filter(revision__plan=plan, revision__number=number)
        .order_by("pk")
        .values_list("fingerprint", flat=True)
    )


def test_a_position_edit_changes_its_revision_alone_and_appends_one_event(chain, editor):
    before = fingerprints(chain)
    events_before = {n: events_of(chain, n) for n in (1, 2, 3)}

    edit_position(editor, 2, quote="Unacceptable.")

    after = fingerprints(chain)
    assert after[1] == before[1]
    assert after[2] != before[2]
    # r3 keeps its fingerprint: it records r2's as it was, which r2's events prove r2 had.
    assert after[3] == before[3]
    assert Revision.objects.get(number=3).previous_fingerprint == before[2]
    assert Revision.objects.get(number=2).previous_fingerprint == before[1]
    assert events_of(chain, 2) == [*events_before[2], after[2]]
    assert events_of(chain, 1) == events_before[1]
    assert events_of(chain, 3) == events_before[3]
    call_command("verify_fingerprints")


def test_a_revision_refreshed_later_records_its_predecessors_new_fingerprint(chain, editor):
    edit_position(editor, 2, quote="Unacceptable.")
    second = fingerprints(chain)[2]

    edit_position(editor, 3, quote="Still unacceptable.")

    assert Revision.objects.get(number=3).previous_fingerprint == second
    call_command("verify_fingerprints")


@pytest.mark.parametrize(
    "edit",
    [
        lambda cv, editor: clause_version_update(
            clause_version=cv, expected_version=cv.version, changes={"text": "New."},
            user=editor, summary="x",
        ),
        lambda cv, editor: clause_version_add(
            revision=cv.revision, user=editor, summary="x", text="Elections.",
            title="Elections", topic="governance_elections",
        ),
    ],
    ids=["clause version update", "clause version add"],
)  # fmt: skip
def test_clause_version_writes_change_it(chain, editor, edit):
    before = fingerprints(chain)
    edit(ClauseVersion.objects.filter(revision__number=3).first(), editor)
    assert fingerprints(chain)[3] != before[3]


def test_what_is_not_content_leaves_it(chain, editor):
    before = fingerprints(chain)
    third = Revision.objects.get(number=3)
    revision_update(
        revision=third,
        expected_version=third.version,
        changes={"label": "Leaked", "notes": "From a newspaper", "status": "proposed"},
        user=editor,
        summary="x",
    )
    clause = ClauseVersion.objects.filter(revision=third).first().clause
    clause_update(
        clause=clause,
        expected_version=clause.version,
        changes={"title": "Renamed"},
        user=editor,
        summary="x",
    )
    # Reconfirming a carried-over position changes carried_over only.
    edit_position(editor, 3)

    assert fingerprints(chain) == before


def test_changing_the_revision_continued_changes_it(chain, editor):
    before = fingerprints(chain)
    third = Revision.objects.get(number=3)
    first = Revision.objects.get(number=1)

    revision_update(
        revision=third,
        expected_version=third.version,
        changes={"previous": first},
        user=editor,
        summary="It answers r1",
    )

    assert fingerprints(chain)[3] != before[3]


def test_renaming_a_partys_slug_changes_the_revisions_it_holds_positions_in(chain, editor):
    before = fingerprints(chain)
    russia = Party.objects.get(slug="russia")

    party_update(
        party=russia,
        expected_version=russia.version,
        changes={"slug": "russian-federation"},
        user=editor,
        summary="x",
    )

    after = fingerprints(chain)
    assert all(after[n] != before[n] for n in (1, 2, 3))
    call_command("verify_fingerprints")


def test_an_edit_to_the_first_revision_costs_the_same_however_long_the_chain(
    editor, django_assert_num_queries
):
    # The revisions locked with their predecessors' fingerprints; their clause versions;
    # their positions; their latest events; one UPDATE; one INSERT of the new events. The
    # revisions that continue the first are neither read nor written.
    for revisions in (2, 6):
        plan = build_plan(clauses=3, parties=2, revisions=revisions, slug=f"p{revisions}")
        fingerprints_refresh_all()
        before = fingerprints(plan)
        first = plan.revisions.get(number=1)
        version = first.clause_versions.order_by("position_in_draft").first()
        ClauseVersion.objects.filter(pk=version.pk).update(text="Reworded.")
        with django_assert_num_queries(6):
            computed = fingerprints_refresh(revision_ids=[first.pk])
        assert list(computed) == [first.pk]
        after = fingerprints(plan)
        assert after[1] != before[1]
        assert all(after[n] == before[n] for n in range(2, revisions + 1))


def test_the_api_and_the_revision_page_show_it(chain, client):
    fingerprint = Revision.objects.get(number=2).fingerprint

    data = client.get("/api/v1/plans/framework/revisions/2/").json()
    page = client.get("/plans/framework/revisions/2/").content.decode()

    assert (data["fingerprint"], data["fingerprint_short"]) == (fingerprint, fingerprint[:12])
    assert f">{fingerprint[:12]}</code>" in page


def verify_fails() -> str:
    with pytest.raises(CommandError) as error:
        call_command("verify_fingerprints")
    return str(error.value)


def test_verify_passes_on_a_clean_database_and_catches_a_raw_edit(seeded, editor, capsys):
    first = seeded.revisions.order_by("number").first()
    revision_clone(source=first, user=editor, summary="Next draft")
    edit_position(editor, 2, stance="supports")
    call_command("verify_fingerprints")
    assert "check out" in capsys.readouterr().out
    # The seed's r1 holds no clause (the report names none of its points): forge r2's.
    position = Position.objects.filter(clause_version__revision__number=2).first()

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_position SET quote = %s WHERE id = %s", ["Forged.", position.pk]
        )

    assert "do not match" in verify_fails()
    errors = capsys.readouterr().err
    assert f"{seeded.slug} r2: " in errors and "stored rows give" in errors


def test_verify_catches_a_forged_fingerprint_through_history(seeded, capsys):
    # The seed's r1 holds no clause (the report names none of its points): forge r2's.
    position = Position.objects.filter(clause_version__revision__number=2).first()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_position SET quote = %s WHERE id = %s", ["Forged.", position.pk]
        )
    # The forger recomputes the stored fingerprints to match the forged rows.
    fingerprints_refresh_all()

    verify_fails()

    errors = capsys.readouterr().err
    assert "its history gives" in errors and "stored rows give" not in errors


def test_verify_catches_a_fingerprint_updated_by_sql(seeded, capsys):
    revision = seeded.revisions.get(number=2)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_revision SET fingerprint = %s WHERE id = %s", ["f" * 64, revision.pk]
        )

    verify_fails()

    errors = capsys.readouterr().err
    assert f"{seeded.slug} r2: " in errors and "latest fingerprint event holds" in errors


def test_verify_catches_an_event_inserted_outside_the_services(seeded, capsys):
    revision = seeded.revisions.get(number=2)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_revision SET fingerprint = %s WHERE id = %s", ["f" * 64, revision.pk]
        )
    # An event holding the forged fingerprint, chained to nothing.
    FingerprintEvent.objects.create(
        revision=revision, fingerprint="f" * 64, previous_fingerprint=revision.previous_fingerprint,
        previous_hash="0" * 64, hash="1" * 64,
    )  # fmt: skip

    verify_fails()

    errors = capsys.readouterr().err
    assert "breaks the chain" in errors and "has a wrong hash" in errors


def test_verify_catches_a_recorded_predecessor_fingerprint_it_never_had(seeded, capsys):
    revision = seeded.revisions.get(number=2)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_revision SET previous_fingerprint = %s WHERE id = %s",
            ["e" * 64, revision.pk],
        )

    verify_fails()

    errors = capsys.readouterr().err
    assert "is none the revision it continues ever had" in errors


def test_fingerprint_events_are_append_only(chain):
    from django.db import DatabaseError, transaction

    event = FingerprintEvent.objects.order_by("pk").first()
    for statement in (
        "UPDATE clauses_fingerprintevent SET fingerprint = 'x' WHERE id = %s",
        "DELETE FROM clauses_fingerprintevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])


def test_the_readmes_recipe_recomputes_it_from_the_api(chain, editor, client):
    """docs/api.md's Python recipe, run as written on the API's JSON of a revision."""
    import hashlib
    import json
    import re
    from pathlib import Path

    from django.conf import settings

    edit_position(editor, 2, quote="«Jamais» — never.", stated_on="2025-11-24")
    # r1 edited after r2: r2 records r1's fingerprint as it was, no longer r1's current one.
    edit_position(editor, 1, quote="Non.")
    readme = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text(encoding="utf-8")
    section = readme.split("### Tamper-evident revisions", 1)[1]
    recipe = re.search(r"```python\n(.*?)```", section, re.S).group(1).strip().splitlines()
    revision = client.get("/api/v1/plans/framework/revisions/2/").json()
    previous = client.get(revision["previous_url"]).json()
    assert revision["previous_fingerprint"] != previous["fingerprint"]
    names = {"json": json, "hashlib": hashlib, "revision": revision}

    exec("\n".join(recipe[:-1]), names)

    assert eval(recipe[-1], names) is True
