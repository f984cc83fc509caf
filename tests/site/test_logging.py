"""Logs a collector can read (peaceplan/logging_setup.py, request_ids.py, request_log.py):
with LOG_FORMAT=json one JSON object per line, with the time, the level, the request's id
(a trusted proxy's X-Request-ID, else one of ours, sent back in the response), method,
path, status, duration and user id, and for a write the record and its version; never a
password, token, cookie, query string or the text of an edit. Plain text stays the
default."""

import io
import json
import logging
import logging.config

import pytest
from django.test import Client, override_settings

from clauses.vocabularies import Stance
from core.api.inputs import EDIT_SUMMARY_FIELD
from peaceplan.logging_setup import logging_config
from peaceplan.request_ids import current_request_id
from tests.conftest import PASSWORD
from tests.factories import ClauseVersionFactory, PartyFactory, PlanFactory, PositionFactory

POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
SECRET_SUMMARY = "Reuters, 24 Nov: a summary only its length may show"
SECRET_QUERY = "a-token-a-mistaken-client-put-in-the-url"


@pytest.fixture
def log_lines(settings):
    """The lines the site's console handler writes while the test runs, as configured by
    ``logging_config`` for JSON; each line parsed."""
    settings.ACCESS_LOG = True
    logging.config.dictConfig(logging_config(level="INFO", log_format="json", access_log=True))
    stream = io.StringIO()
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    handler.setStream(stream)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def access_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "peaceplan.requests"]


@pytest.fixture
def position(db):
    plan = PlanFactory(slug="framework")
    version = ClauseVersionFactory(
        revision__plan=plan, revision__number=1, clause__slug="dmz", clause__plan=plan
    )
    russia = PartyFactory(slug="russia", name="Russia")
    return PositionFactory(clause_version=version, party=russia, stance=Stance.OPPOSES)


def test_each_request_is_one_json_line_with_its_fields(db, log_lines):
    response = Client().get("/no-such-page/")

    (line,) = access_lines(log_lines())
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/no-such-page/"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] is None
    assert line["request_id"] == response["X-Request-ID"]
    assert line["time"].endswith("+00:00")


def test_a_write_names_its_record_and_version_never_its_text(
    editor_api, editor, position, log_lines
):
    response = editor_api.patch(
        POSITION,
        {"stance": "supports", EDIT_SUMMARY_FIELD: SECRET_SUMMARY},
        format="json",
        HTTP_IF_MATCH=f'"{position.pk}-{position.version}"',
    )
    assert response.status_code == 200

    written = log_lines()
    (line,) = access_lines(written)
    assert line["method"] == "PATCH"
    assert line["status"] == 200
    assert line["user_id"] == editor.pk
    assert (line["record_id"], line["version"]) == (position.pk, position.version + 1)
    assert line["record"] == {
        "plan": "framework",
        "clause": "dmz",
        "number": "1",
        "party": "russia",
    }
    assert line["body_bytes"] > len(SECRET_SUMMARY)
    text = json.dumps(written)
    assert SECRET_SUMMARY not in text
    assert editor_api._credentials["HTTP_AUTHORIZATION"].split()[1] not in text


def test_a_login_logs_no_password_or_cookie(staff, log_lines):
    client = Client()
    client.post("/accounts/login/?next=/", {"username": "staff", "password": PASSWORD})
    client.get("/")

    text = json.dumps(log_lines())
    assert PASSWORD not in text
    assert client.cookies["sessionid"].value not in text
    assert "csrftoken" not in text


def test_the_query_string_is_never_logged(db, log_lines):
    # A 404: Django's own warning line, which carries the request, is written too.
    Client().get("/no-such-page/", {"token": SECRET_QUERY})

    written = log_lines()
    assert access_lines(written)[0]["path"] == "/no-such-page/"
    assert any(line["logger"] == "django.request" for line in written)
    assert SECRET_QUERY not in json.dumps(written)


def test_a_request_id_from_a_trusted_proxy_is_kept(db, settings, log_lines):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    response = Client(REMOTE_ADDR="10.0.0.5").get("/no-such-page/", HTTP_X_REQUEST_ID="lb-4f2a.1")

    assert response["X-Request-ID"] == "lb-4f2a.1"
    assert access_lines(log_lines())[0]["request_id"] == "lb-4f2a.1"


@pytest.mark.parametrize(
    "proxies, sent",
    [
        ([], "chosen-by-the-client"),  # no trusted proxy: the header is anyone's
        (["10.0.0.0/8"], "chosen-by-the-client"),  # from an address that is not the proxy
        (["127.0.0.0/8"], "bad id\nwith a line break"),  # not shaped like an id
    ],
)
def test_any_other_request_id_is_replaced(db, settings, proxies, sent):
    settings.TRUSTED_PROXIES = proxies

    response = Client().get("/healthz", HTTP_X_REQUEST_ID=sent)

    assert response["X-Request-ID"] != sent
    assert len(response["X-Request-ID"]) == 32


def test_every_line_written_during_a_request_names_it(db, settings, log_lines):
    middleware = [*settings.MIDDLEWARE, "tests.site.test_logging.warn_inside"]
    with override_settings(MIDDLEWARE=middleware):
        response = Client().get("/no-such-page/")

    lines = log_lines()
    inside = [line for line in lines if line["message"] == "inside the request"]
    assert inside and inside[0]["request_id"] == response["X-Request-ID"]
    assert current_request_id.get() == "-"  # and none is left behind


def warn_inside(get_response):
    def middleware(request):
        logging.getLogger("tests.inside").warning("inside the request")
        return get_response(request)

    return middleware


def test_plain_text_is_the_default(settings):
    config = logging_config(level="WARNING", log_format="text", access_log=False)
    assert config["handlers"]["console"]["formatter"] == "text"
    assert "%(request_id)s" in config["formatters"]["text"]["format"]
