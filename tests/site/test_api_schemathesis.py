"""Schemathesis over the OpenAPI schema: every operation, every check, anonymously and
with an editor's token, no failures.

Generated data rarely names a record that exists, so most examples are pointed at the
plan made here (its slugs and numbers), and most writes among those carry the record's
current ETag, so that valid bodies really are saved and invalid ones really reach
validation. The run is deterministic (derandomized) and capped per operation and persona
to keep the whole file to a couple of minutes per database.
"""

import pytest
import schemathesis

# Schemathesis imports werkzeug lazily, at a test's setup; a live server left running by an
# earlier test may import modules in its own thread at that moment, and an import racing
# another can fail ("dictionary changed size during iteration"). Importing it here, at
# collection, leaves nothing to import later.
import werkzeug  # noqa: F401, I001
import werkzeug.test  # noqa: F401
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode

from clauses.models import ClauseVersion, Plan, Position, Revision
from clauses.vocabularies import Stance
from core.api.etag import etag_for
from peaceplan.wsgi import application
from sources.models import Source
from tests.factories import (
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
    SourceFactory,
)

# The quick run, in process, on one database: the strict one, against a live server on
# both databases, is tests/site/test_api_schemathesis_live.py.
pytestmark = [pytest.mark.slow, pytest.mark.once]

MAX_EXAMPLES = 15

# Hypothesis starts from, and shrinks towards, the first choice.
MOSTLY = st.sampled_from([True, True, False])

KNOWN = {"plan": "framework", "clause": "dmz", "number": 1, "party": "russia"}

load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())

CONFIG = SchemathesisConfig.from_dict(
    {
        # Each run sends its persona's credentials itself (none, or the editor's token);
        # generating Authorization headers as well would only make the run slower.
        "generation": {"with-security-parameters": False},
        "checks": {
            # Well-formed by the schema yet refused, rightly: an unknown slug or number in a
            # filter or a reference (400), or an If-Match that is not the current ETag (412);
            # or a read whose If-None-Match matches (304, "*" among them).
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "304", "400", "401", "403", "404", "409", "412"]
            },
            # The schema documents If-Match as one tag of this API; a list of tags, or
            # another server's tag, is still a valid header that matches nothing here: 412.
            "negative_data_rejection": {
                "expected-statuses": ["400", "401", "403", "404", "406", "412", "415", "428"]
            },
        },
    }
)


@pytest.fixture
def api_schema(db):
    cache.clear()
    # Requests go through the WSGI app itself, which closes the database connection when
    # a request ends; the test's transaction lives on that connection. Django's test
    # client keeps it open the same way (so it must not be used in this test: it
    # connects the closing again after each of its requests).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def plan_data(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = PlanFactory(slug="framework")
    r1 = RevisionFactory(plan=plan, number=1)
    RevisionFactory(plan=plan, number=2, previous=r1)
    version = ClauseVersionFactory(revision=r1, clause__plan=plan, clause__slug="dmz")
    PositionFactory(
        clause_version=version, party=PartyFactory(slug="russia"), stance=Stance.OPPOSES
    )
    SourceFactory()
    return plan


@pytest.fixture
def editor_token(editor):
    return Token.objects.create(user=editor).key


def current_etag(path: str) -> str:
    """The ETag of the known record a write path names (a clone's, and adding a clause's,
    name the revision)."""
    if "/positions/" in path:
        record = Position.objects.get(party__slug=KNOWN["party"])
    elif "/revisions/" not in path and "/clauses/" in path:
        record = ClauseVersion.objects.get(clause__slug=KNOWN["clause"], revision__number=1)
    elif "/revisions/" in path or "/drafts/" in path:
        record = Revision.objects.get(plan__slug=KNOWN["plan"], number=KNOWN["number"])
    else:
        record = Plan.objects.get(slug=KNOWN["plan"])
    return etag_for(record)


def known_value(name: str):
    """A record the data holds, for a path parameter of this name (a source by its id,
    which the database chose)."""
    if name == "source":
        return Source.objects.order_by("pk").values_list("pk", flat=True).first()
    return KNOWN[name]


def generated_valid(case, location: ParameterLocation) -> bool:
    component = case.meta.components.get(location) if case.meta else None
    return component is None or component.mode is GenerationMode.POSITIVE


def conforms(case, data, credentials: dict[str, str]) -> None:
    # Anonymous clients are throttled; the run makes far more requests than the rate allows.
    cache.clear()
    # Only values generated as valid are replaced: an invalid one must reach the API.
    if data.draw(MOSTLY, label="known records") and generated_valid(case, ParameterLocation.PATH):
        for name in case.path_parameters or {}:
            case.path_parameters[name] = known_value(name)
        if (
            case.method in ("PATCH", "POST")
            and generated_valid(case, ParameterLocation.HEADER)
            and data.draw(MOSTLY, label="fresh ETag")
        ):
            case.headers = {**(case.headers or {}), "If-Match": current_etag(case.path)}
    # Called through WSGI, nothing would undo the gzip that responses get when asked for
    # it (schemathesis asks); an HTTP client would. So ask for the body as it is.
    headers = {**credentials, "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=ALL_CHECKS)


RUN = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    # Without the explicit phase: the schema's examples are of responses (from the seed),
    # and explicit examples cannot be combined with @given(data=...).
    phases=[phase for phase in Phase if phase is not Phase.explicit],
)


@schema.parametrize()
@schema.given(data=st.data())
@RUN
def test_api_conforms_to_its_schema_anonymously(case, data, plan_data):
    conforms(case, data, credentials={})


@schema.parametrize()
@schema.given(data=st.data())
@RUN
def test_api_conforms_to_its_schema_for_an_editor(case, data, plan_data, editor_token):
    conforms(case, data, credentials={"Authorization": f"Bearer {editor_token}"})
