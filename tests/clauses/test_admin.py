"""Staff can list and read the history of every model in the admin; tracked records are
read-only there, and parties are saved through their service."""

import pytest

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from parties.models import Party
from parties.services import party_update
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

MODELS = [Party, Plan, Revision, Clause, ClauseVersion, Position]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_pages_and_history_view_load(staff_client, seeded, model):
    label = f"{model._meta.app_label}/{model._meta.model_name}"
    listing = staff_client.get(f"/admin/{label}/", {"q": "Ukraine"})
    assert listing.status_code == 200
    obj = model.objects.first()
    assert staff_client.get(f"/admin/{label}/{obj.pk}/change/").status_code == 200
    history = staff_client.get(f"/admin/{label}/{obj.pk}/history/")
    assert history.status_code == 200
    assert "Seed data" in history.content.decode()


def test_analysts_cannot_use_the_admin(analyst_client):
    response = analyst_client.get("/admin/clauses/position/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


TRACKED = [Plan, Revision, Clause, ClauseVersion, Position]


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_tracked_records_are_read_only_in_the_admin(staff_client, seeded, model):
    label = f"{model._meta.app_label}/{model._meta.model_name}"
    obj = model.objects.first()
    before = (model.objects.count(), obj.version, model.history.count())

    change = staff_client.post(f"/admin/{label}/{obj.pk}/change/", {"summary": "x", "text": "x"})
    add = staff_client.post(f"/admin/{label}/add/", {})
    delete = staff_client.post(f"/admin/{label}/{obj.pk}/delete/", {"post": "yes"})
    revert = staff_client.post(
        f"/admin/{label}/{obj.pk}/history/{obj.history.first().history_id}/", {}
    )

    assert {r.status_code for r in (change, add, delete, revert)} == {403}
    obj.refresh_from_db()
    assert (model.objects.count(), obj.version, model.history.count()) == before


def test_the_admin_links_a_record_to_the_editors_form(staff_client, seeded):
    position = Position.objects.select_related(
        "party", "clause_version__clause", "clause_version__revision__plan"
    ).first()
    version = position.clause_version
    page = staff_client.get(f"/admin/clauses/position/{position.pk}/change/").content.decode()
    url = (
        f"/plans/{version.revision.plan.slug}/clauses/{version.clause.slug}"
        f"/r{version.revision.number}/positions/{position.party.slug}/edit/"
    )
    assert f'href="{url}"' in page


def party_form(party, **changes):
    data = {
        "slug": party.slug,
        "name": party.name,
        "short_name": party.short_name,
        "kind": party.kind,
        "color": party.color,
        "sort_order": party.sort_order,
        "description": party.description,
        "expected_version": party.version,
        "edit_summary": "Official name",
    }
    return {**data, **changes}


def test_party_admin_saves_through_the_service_with_the_summary(staff_client, staff, db):
    party = PartyFactory(name="Russia")

    response = staff_client.post(
        f"/admin/parties/party/{party.pk}/change/", party_form(party, name="Russian Federation")
    )

    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.name, party.version) == ("Russian Federation", 2)
    latest = party.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("Official name", staff)


def test_party_admin_refuses_a_stale_version(staff_client, db):
    party = PartyFactory(name="Russia")
    stale = party_form(party, name="Stale")
    party_update(
        party=party,
        expected_version=party.version,
        changes={"name": "Saved meanwhile"},
        user=None,
        summary="Other editor",
    )

    response = staff_client.post(f"/admin/parties/party/{party.pk}/change/", stale)

    assert response.status_code == 200
    assert "Someone else saved this party" in response.content.decode()
    party.refresh_from_db()
    assert (party.name, party.version) == ("Saved meanwhile", 2)


def test_party_admin_requires_an_edit_summary(staff_client, db):
    party = PartyFactory(name="Russia")

    response = staff_client.post(
        f"/admin/parties/party/{party.pk}/change/", party_form(party, edit_summary="")
    )

    assert response.status_code == 200
    party.refresh_from_db()
    assert party.version == 1


def test_party_admin_adds_a_party_through_the_service(staff_client, staff, db):
    party = Party(slug="eu", name="European Union", short_name="EU", kind="bloc")
    form = {**party_form(party), "expected_version": 0, "edit_summary": "Joined the talks"}

    response = staff_client.post("/admin/parties/party/add/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    created = Party.objects.get(slug="eu")
    assert created.history.get().history_change_reason == "Joined the talks"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_revert_is_refused_for_a_superuser(staff_client, staff, seeded, model):
    label = f"{model._meta.app_label}/{model._meta.model_name}"
    obj = model.objects.first()
    oldest = obj.history.earliest("history_id")
    before = (obj.version, model.history.count())
    url = f"/admin/{label}/{obj.pk}/history/{oldest.history_id}/"

    response = staff_client.post(url, {"name": "Reverted", "_continue": "1"})

    assert staff.is_superuser
    assert response.status_code in (403, 405)
    obj.refresh_from_db()
    assert (obj.version, model.history.count()) == before


def test_an_admin_save_racing_an_api_patch_leaves_the_editors_change(
    staff_client, editor_client, position
):
    # The admin opens the position, an editor saves through the API, then the admin saves.
    admin_url = f"/admin/clauses/position/{position.pk}/change/"
    assert staff_client.get(admin_url).status_code == 200
    api_url = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
    patched = editor_client.patch(
        api_url,
        {"quote": "We will never accept it.", "edit_summary": "Interview, 2 Dec"},
        content_type="application/json",
        HTTP_IF_MATCH=editor_client.get(api_url)["ETag"],
    )
    assert patched.status_code == 200, patched.content

    saved = staff_client.post(admin_url, {"quote": "Admin's stale quote", "stance": "supports"})

    assert saved.status_code == 403
    position.refresh_from_db()
    assert (position.quote, position.version) == ("We will never accept it.", 2)
    assert position.history.latest("history_id").history_change_reason == "Interview, 2 Dec"
