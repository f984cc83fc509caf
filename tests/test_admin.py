"""Staff can list, change and read the history of every model in the admin."""

import pytest

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from parties.models import Party

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
