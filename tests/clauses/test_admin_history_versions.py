"""Every model in the admin has a history list, and every model with a recorded history a
page for each past version, read-only: no button there reverts the record."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from simple_history.admin import SimpleHistoryAdmin

from clauses.models import ClauseVersion, HistoryTakedown
from translations.models import ClauseVersionTranslation

pytestmark = pytest.mark.django_db

REGISTERED = list(admin.site._registry.items())


def admin_url(model, obj, *rest: str) -> str:
    return "/".join(
        ["/admin", model._meta.app_label, model._meta.model_name, str(obj.pk), *rest, ""]
    )


@pytest.fixture
def every_model_has_a_record(seeded, staff):
    Group.objects.get_or_create(name="Editors")
    Token.objects.create(user=staff)
    HistoryTakedown.objects.create(
        model="clauses.plan",
        object_id="1",
        description="x",
        operator="ops",
        reason="test",
        history_rows_removed=0,
    )
    version = ClauseVersion.objects.order_by("pk").first()
    ClauseVersionTranslation.objects.create(
        clause_version=version, language="uk", text="Текст.", original_sha256=""
    )


@pytest.mark.parametrize(
    ("model", "model_admin"), REGISTERED, ids=[model._meta.label for model, _ in REGISTERED]
)
def test_every_models_history_list_and_a_version_page_load(
    staff_client, every_model_has_a_record, model, model_admin
):
    obj = model._default_manager.order_by("pk").first()

    history = staff_client.get(admin_url(model, obj, "history"))

    assert history.status_code == 200
    if not isinstance(model_admin, SimpleHistoryAdmin):
        return
    version = obj.history.order_by("history_id").first()
    page = staff_client.get(admin_url(model, obj, "history", str(version.history_id)))
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    assert 'name="_save"' not in page.content.decode()
    assert admin_url(model, obj, "history", str(version.history_id)) in history.content.decode()
