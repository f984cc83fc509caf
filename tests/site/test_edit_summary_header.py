"""The X-Edit-Summary header is read as UTF-8, whether sent as raw bytes, percent-encoded
or in RFC 8187's form; bytes that are not UTF-8 are a 400 naming the header."""

import json

import pytest

from clauses.models import Position
from core.api.inputs import EDIT_SUMMARY_HEADER
from core.input_text import NOT_UTF8
from tests.site.test_api_errors import POSITION, assert_error


def patch(client, summary: str):
    etag = client.get(POSITION)["ETag"]
    return client.patch(
        POSITION,
        json.dumps({"stance": "supports"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        HTTP_X_EDIT_SUMMARY=summary,
    )


def as_wsgi(raw: bytes) -> str:
    """A header's bytes as WSGI hands them over: each byte one Latin-1 character."""
    return raw.decode("latin-1")


@pytest.mark.parametrize(
    "sent",
    [
        as_wsgi("Café — wording".encode()),
        "Caf%C3%A9 %E2%80%94 wording",
        "UTF-8''Caf%C3%A9%20%E2%80%94%20wording",
        "utf-8'fr'Caf%C3%A9%20%E2%80%94%20wording",
    ],
    ids=["raw-utf8", "percent-encoded", "rfc8187", "rfc8187-with-language"],
)
def test_the_edit_summary_header_is_read_as_utf8(editor_client, position, sent):
    response = patch(editor_client, sent)

    assert response.status_code == 200, response.content
    assert Position.objects.get().history.latest().history_change_reason == "Café — wording"


@pytest.mark.parametrize(
    ("sent", "sample"),
    [(as_wsgi(b"Caf\xe9"), "E9"), ("Caf%E9", "E9"), ("UTF-8''Caf%FF", "FF")],
    ids=["raw-latin1", "percent-encoded-latin1", "rfc8187-not-utf8"],
)
def test_an_edit_summary_header_that_is_not_utf8_is_400_naming_it(
    editor_client, position, sent, sample
):
    response = patch(editor_client, sent)

    assert_error(response, 400, EDIT_SUMMARY_HEADER, NOT_UTF8.format(sample=sample))
    assert Position.objects.get().history.count() == 1
