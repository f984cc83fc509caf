"""What the admin refuses, it explains: a 403 page saying why (history is append-only,
edits go through the editor's forms) with a link to the editor's form for the record,
never a bare "403 Forbidden"."""

import pytest
from django.urls import reverse

from clauses.admin import TAKEDOWN_WRITTEN_BY_COMMAND
from clauses.models import Clause, ClauseVersion, HistoryTakedown, Plan, Position, Revision
from core.admin import ADD_REFUSED, CHANGE_REFUSED, DELETE_REFUSED, REVERT_REFUSED
from parties.admin import PARTY_NEVER_DELETED
from parties.models import Party

pytestmark = pytest.mark.django_db


def editor_form_of(record) -> str:
    """The editor's form for ``record``, as the site's URLs name it."""
    if isinstance(record, Plan):
        return reverse("editing:plan_edit", kwargs={"plan": record.slug})
    if isinstance(record, Revision):
        kwargs = {"plan": record.plan.slug, "number": record.number}
        return reverse("editing:revision_edit", kwargs=kwargs)
    if isinstance(record, Clause):
        kwargs = {"plan": record.plan.slug, "clause": record.slug}
        return reverse("editing:clause_edit", kwargs=kwargs)
    version = record if isinstance(record, ClauseVersion) else record.clause_version
    kwargs = {
        "plan": version.revision.plan.slug,
        "clause": version.clause.slug,
        "number": version.revision.number,
    }
    if isinstance(record, ClauseVersion):
        return reverse("editing:clause_version_edit", kwargs=kwargs)
    return reverse("editing:position_edit", kwargs={**kwargs, "party": record.party.slug})


def admin_url(record, *rest: str) -> str:
    meta = record._meta
    return "/".join(["/admin", meta.app_label, meta.model_name, str(record.pk), *rest, ""])


def words(message: str, model) -> str:
    return message.format(name=model._meta.verbose_name, names=model._meta.verbose_name_plural)


def explained(response, message: str, link: str | None) -> str:
    assert response.status_code == 403
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html, html[:3000]
    if link is not None:
        assert f'href="{link}"' in html
    assert 'id="content-main"' in html  # the admin's own page, not a bare "403 Forbidden"
    return html


TRACKED = [Plan, Revision, Clause, ClauseVersion, Position]


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_deleting_a_tracked_record_says_why_and_links_to_its_form(staff_client, seeded, model):
    record = model.objects.first()
    link = editor_form_of(record)

    for response in (
        staff_client.get(admin_url(record, "delete")),
        staff_client.post(admin_url(record, "delete"), {"post": "yes"}),
    ):
        html = explained(response, words(DELETE_REFUSED, model), link)
        assert "append-only" in html
    assert model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_saving_a_read_only_record_says_why_and_links_to_its_form(staff_client, seeded, model):
    record = model.objects.first()
    before = (record.version, model.history.count())

    response = staff_client.post(admin_url(record, "change"), {"text": "x", "title": "x"})

    explained(response, words(CHANGE_REFUSED, model), editor_form_of(record))
    record.refresh_from_db()
    assert (record.version, model.history.count()) == before


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_reverting_says_history_is_append_only(staff_client, seeded, model):
    record = model.objects.first()
    version = record.history.first()

    response = staff_client.post(admin_url(record, "history", str(version.history_id)), {})

    html = explained(response, words(REVERT_REFUSED, model), editor_form_of(record))
    assert "append-only" in html


def test_adding_a_plan_links_to_the_new_plan_form(staff_client, db):
    response = staff_client.get("/admin/clauses/plan/add/")

    explained(response, words(ADD_REFUSED, Plan), reverse("editing:plan_create"))
    assert not Plan.objects.exists()


@pytest.mark.parametrize("model", [Revision, Clause, ClauseVersion, Position])
def test_adding_other_records_points_to_the_site(staff_client, db, model):
    meta = model._meta
    response = staff_client.post(f"/admin/{meta.app_label}/{meta.model_name}/add/", {})

    explained(response, words(ADD_REFUSED, model), reverse("home"))


def test_deleting_a_party_says_why_and_links_to_its_page(staff_client, seeded):
    party = Party.objects.first()

    response = staff_client.get(admin_url(party, "delete"))

    link = reverse("admin:parties_party_change", args=[party.pk])
    explained(response, PARTY_NEVER_DELETED, link)
    assert Party.objects.filter(pk=party.pk).exists()


def test_the_takedown_audit_says_who_writes_it(staff_client, db):
    row = HistoryTakedown.objects.create(
        model="clauses.plan",
        object_id="1",
        description="x",
        operator="ops",
        reason="court",
        history_rows_removed=0,
    )

    for response in (
        staff_client.get(admin_url(row, "delete")),
        staff_client.post(admin_url(row, "change"), {"reason": "other"}),
        staff_client.get("/admin/clauses/historytakedown/add/"),
    ):
        explained(response, TAKEDOWN_WRITTEN_BY_COMMAND, None)
    row.refresh_from_db()
    assert row.reason == "court"


def test_a_record_title_on_the_refusal_page_is_escaped(staff_client, seeded):
    plan = Plan.objects.first()
    Plan.objects.filter(pk=plan.pk).update(title="<script>alert(1)</script>")

    html = staff_client.get(admin_url(plan, "delete")).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_plans_admin_page_links_to_edit_plan(staff_client, seeded):
    plan = Plan.objects.first()

    page = staff_client.get(admin_url(plan, "change")).content.decode()

    assert f'href="{editor_form_of(plan)}"' in page
