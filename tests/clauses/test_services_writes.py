"""The services own every write: a position's create-or-update with its race, and the
clone's lock and version check, for the editor's views and the API alike."""

import pytest

from clauses import selectors, services
from clauses.api import views
from clauses.models import Position, Revision
from clauses.services import edits
from clauses.vocabularies import Stance
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.tracking import EditConflict
from tests.factories import ClauseVersionFactory, PartyFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version_and_party():
    return ClauseVersionFactory(), PartyFactory(slug="russia")


def save(version, party, user, *, expected_version, stance=Stance.SUPPORTS):
    return services.position_save(
        clause_version=version,
        party=party,
        expected_version=expected_version,
        values={"stance": stance},
        user=user,
        summary="Statement of 3 May",
    )


def test_position_save_creates_then_updates(editor, version_and_party):
    version, party = version_and_party
    created = save(version, party, editor, expected_version=0)
    assert (created.stance, created.version) == (Stance.SUPPORTS, 1)

    updated = save(version, party, editor, expected_version=1, stance=Stance.OPPOSES)

    assert (updated.pk, updated.stance, updated.version) == (created.pk, Stance.OPPOSES, 2)
    assert updated.history.first().history_change_reason == "Statement of 3 May"


def test_a_position_recorded_since_the_form_loaded_is_a_conflict(editor, version_and_party):
    version, party = version_and_party
    theirs = PositionFactory(clause_version=version, party=party, stance=Stance.OPPOSES)

    with pytest.raises(EditConflict) as raised:
        save(version, party, editor, expected_version=0)

    assert raised.value.current.pk == theirs.pk
    assert Position.objects.get().stance == Stance.OPPOSES


def test_a_position_recorded_between_the_read_and_the_insert_is_a_conflict(
    editor, version_and_party, monkeypatch
):
    """The other editor's insert lands after this save looked and found nothing."""
    version, party = version_and_party
    theirs = PositionFactory(clause_version=version, party=party, stance=Stance.OPPOSES)
    reads = iter([None])
    real = selectors.position_of
    monkeypatch.setattr(edits, "position_of", lambda **kw: next(reads, None) or real(**kw))

    with pytest.raises(EditConflict) as raised:
        save(version, party, editor, expected_version=0)

    assert raised.value.current.pk == theirs.pk
    assert Position.objects.get().stance == Stance.OPPOSES


def test_a_position_gone_since_the_form_loaded_is_a_conflict(editor, version_and_party):
    version, party = version_and_party
    with pytest.raises(EditConflict):
        save(version, party, editor, expected_version=3)
    assert not Position.objects.exists()


def test_the_clone_refuses_a_source_changed_since_it_was_read(editor):
    source = ClauseVersionFactory().revision
    read_version = source.version
    services.revision_update(
        revision=source,
        expected_version=read_version,
        changes={"label": "Renamed"},
        user=editor,
        summary="Typo",
    )

    with pytest.raises(EditConflict):
        services.revision_clone(
            source=source,
            expected_source_version=read_version,
            user=editor,
            summary="Next draft",
        )

    assert Revision.objects.count() == 1


def test_the_clone_of_the_source_as_read_is_recorded(editor):
    source = ClauseVersionFactory().revision

    clone = services.revision_clone(
        source=source, expected_source_version=source.version, user=editor, summary="Next"
    )

    assert (clone.number, clone.previous) == (source.number + 1, source)


def test_an_api_clone_racing_an_edit_of_its_source_is_412(editor_client, editor, monkeypatch):
    """The source changes after the view checked If-Match and before the service's lock."""
    version = ClauseVersionFactory(revision__plan__slug="framework", revision__number=1)
    source = version.revision
    checked = views.expected_version

    def checked_then_edited(if_match, record, current=None):
        found = checked(if_match, record, current)
        services.revision_update(
            revision=record,
            expected_version=found,
            changes={"label": "X"},
            user=editor,
            summary="Y",
        )
        return found

    monkeypatch.setattr(views, "expected_version", checked_then_edited)
    response = editor_client.post(
        "/api/v1/plans/framework/revisions/1/clone/",
        {EDIT_SUMMARY_FIELD: "Next draft"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{source.pk}-{source.version}"',
    )

    assert response.status_code == 412, response.json()
    assert response["ETag"] == f'"{source.pk}-{source.version + 1}"'
    assert Revision.objects.count() == 1
