"""A paste far beyond what a draft may hold gets the paste form's own message with the text
kept, not Django's bare "Bad Request (400)"; past the page body limit, a page saying how
large a paste may be."""

import pytest

from drafting.parse import DRAFT_TOO_LONG, MAX_DRAFT_CHARS
from tests.editing_helpers import paste_url

pytestmark = pytest.mark.django_db


def test_a_five_megabyte_paste_gets_the_forms_message_and_keeps_the_text(plan, editor_client):
    text = "1. The parties agree. " + "x" * (5 * 1024 * 1024)

    response = editor_client.post(paste_url(), {"text": text})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["text"] == [DRAFT_TOO_LONG]
    assert text in response.content.decode()


def test_a_paste_past_the_page_limit_gets_a_page_saying_how_large_it_may_be(
    plan, editor_client, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000

    response = editor_client.post(paste_url(), {"text": "1. x" + "y" * 200_000})

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Too much text in one go" in page
    assert f"at most {MAX_DRAFT_CHARS:,} characters" in page
    assert "Back button" in page
