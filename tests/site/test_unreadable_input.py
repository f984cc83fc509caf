"""Text that is not UTF-8, or holds NUL or another control character, is a 400 naming the
query parameter, header, cookie or form field that holds it, on every database: JSON under
/api/, a page elsewhere, and nothing saved. (PostgreSQL refuses NUL in text, so before the
check such a parameter was a server error there.)"""

import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from clauses.models import ClauseVersion
from core.input_text import CONTROL_CHARACTER, LONE_SURROGATE, NOT_UTF8
from tests.editing_helpers import database_state, form_data
from tests.site.test_api_errors import POSITION, assert_error

pytestmark = pytest.mark.django_db

NUL = CONTROL_CHARACTER.format(character="U+0000")
NOT_UTF8_FF = NOT_UTF8.format(sample="FF")

API_FILTERS = [
    ("/api/v1/positions/", "plan"),
    ("/api/v1/positions/", "party"),
    ("/api/v1/positions/", "revision"),
    ("/api/v1/positions/", "stance"),
    ("/api/v1/positions/", "topic"),
    ("/api/v1/positions/", "page"),
    ("/api/v1/plans/", "plan"),
    ("/api/v1/plans/", "party"),
    ("/api/v1/plans/", "page_size"),
    ("/api/v1/parties/", "plan"),
    ("/api/v1/parties/", "party"),
    ("/api/v1/parties/ukraine/", "plan"),
    ("/api/v1/parties/ukraine/", "format"),
]


def assert_page_refuses(response, name, message):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert f"<code>{name}</code>" in page
    assert message in page


@pytest.mark.parametrize(("url", "parameter"), API_FILTERS)
def test_a_nul_in_an_api_parameter_is_400_naming_it(client, plan, url, parameter):
    response = client.get(f"{url}?{parameter}=%00")
    assert_error(response, 400, parameter, NUL)


@pytest.mark.parametrize(("url", "parameter"), API_FILTERS)
def test_bytes_not_utf8_in_an_api_parameter_are_400_naming_it(client, plan, url, parameter):
    response = client.get(f"{url}?{parameter}=caf%C3%A9%FF")
    assert_error(response, 400, parameter, NOT_UTF8_FF)


def test_an_encoded_surrogate_in_a_parameter_is_400_naming_it(client, plan):
    # UTF-8 has no encoding of a surrogate: these bytes would decode to a lone U+D800.
    response = client.get("/api/v1/positions/?party=%ED%A0%80")
    assert_error(response, 400, "party", NOT_UTF8.format(sample="ED"))


def test_a_nul_in_a_parameters_name_is_400_naming_it_escaped(client, plan):
    response = client.get("/api/v1/plans/?pl%00an=x")
    assert_error(response, 400, "pl\\x00an", NUL)


def test_a_control_character_other_than_tab_or_line_break_is_400(client, plan):
    response = client.get("/api/v1/positions/?party=%07")
    assert_error(response, 400, "party", CONTROL_CHARACTER.format(character="U+0007"))


def test_tabs_line_breaks_and_utf8_in_a_parameter_are_read_as_before(client, plan):
    response = client.get("/api/v1/positions/?party=caf%C3%A9%09%0D%0A")
    # Read, and found to name no party: the filter's own 400, not the check's.
    body = assert_error(response, 400, "party")
    assert body["errors"][0]["message"] not in (NUL, NOT_UTF8_FF)


def test_a_nul_in_a_pages_query_is_a_400_page_naming_it(client, plan):
    response = client.get("/plans/framework/?topic=%00")
    assert_page_refuses(response, "topic", NUL)


def test_bytes_not_utf8_in_a_pages_query_are_a_400_page_naming_them(client, plan):
    response = client.get("/plans/framework/?topic=%FF")
    assert_page_refuses(response, "topic", NOT_UTF8_FF)


def test_raw_bytes_not_utf8_in_a_query_string_are_refused(client, plan):
    # As WSGI hands over a query string sent unencoded: its bytes as Latin-1 characters.
    response = client.get("/plans/framework/", QUERY_STRING=b"topic=\xff".decode("latin-1"))
    assert_page_refuses(response, "topic", NOT_UTF8_FF)


def test_a_control_character_in_a_header_is_400_naming_it(client, plan):
    response = client.get("/api/v1/plans/", HTTP_AUTHORIZATION="Token abc\x00def")
    assert_error(response, 400, "Authorization", NUL)


def test_a_nul_in_the_session_cookie_is_400_naming_it(client, plan):
    client.cookies["sessionid"] = "a" * 31 + "\x00"
    response = client.get("/plans/framework/")
    assert_page_refuses(response, "sessionid", NUL)


def clause_version_form(client):
    address = reverse(
        "editing:clause_version_edit",
        kwargs={"plan": "framework", "clause": "amnesty", "number": 1},
    )
    form = client.get(address).context["form"]
    return address, form_data(form, edit_summary="New wording")


@pytest.mark.parametrize(
    ("text", "message"),
    [(b"Amnesty \xff for all", NOT_UTF8_FF), (b"Amnesty \x00 for all", NUL)],
    ids=["not-utf8", "nul"],
)
def test_a_form_body_that_cannot_be_read_is_400_and_saves_nothing(
    editor_client, plan, text, message
):
    address, data = clause_version_form(editor_client)
    data.pop("text")
    before = database_state()
    body = urlencode(data).encode() + b"&text=" + text.replace(b" ", b"+")

    response = editor_client.post(address, body, content_type="application/x-www-form-urlencoded")

    assert_page_refuses(response, "text", message)
    assert database_state() == before
    assert "\ufffd" not in ClauseVersion.objects.get(clause__slug="amnesty").text


def test_a_multipart_form_body_that_cannot_be_read_is_400_and_saves_nothing(editor_client, plan):
    address, data = clause_version_form(editor_client)
    data["text"] = "placeholder"
    before = database_state()
    boundary = "BoUnDaRy"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + (b"Amnesty \xff" if name == "text" else str(value).encode())
        + b"\r\n"
        for name, value in data.items()
    ]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()

    response = editor_client.post(
        address, body, content_type=f"multipart/form-data; boundary={boundary}"
    )

    assert_page_refuses(response, "text", NOT_UTF8_FF)
    assert database_state() == before


def test_a_readable_form_body_still_saves(editor_client, plan):
    address, data = clause_version_form(editor_client)
    data["text"] = "Amnesty\r\nfor all — café"

    response = editor_client.post(address, data)

    assert response.status_code == 302
    assert ClauseVersion.objects.get(clause__slug="amnesty").text == "Amnesty\r\nfor all — café"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"summary": "a bell \u0007"}, "summary", CONTROL_CHARACTER.format(character="U+0007")),
        ({"\ud800": "x"}, "\\ud800", LONE_SURROGATE.format(character="U+D800")),
    ],
    ids=["control-in-a-value", "surrogate-in-a-name"],
)
def test_unreadable_text_in_a_json_body_is_400_naming_the_field(
    editor_client, position, body, field, message
):
    etag = editor_client.get(POSITION)["ETag"]
    body = json.dumps({**body, "edit_summary": "x"})

    response = editor_client.patch(
        POSITION, body, content_type="application/json", HTTP_IF_MATCH=etag
    )

    assert_error(response, 400, field, message)
    assert position.history.count() == 1
