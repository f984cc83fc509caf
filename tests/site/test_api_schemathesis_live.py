"""Schemathesis as an outsider runs it: its own command line against a live server, every
check, the explicit examples, generated cases and the stateful phase (the links it infers
between operations), with an editor's token, on the seed.

What it is told, and why, is all in ``CONFIG`` below; nothing else is relaxed:

- The records the URLs name (plan, clause, revision number, party) are the seed's, given
  as "realistic parameter values" (schemathesis' own advice): generated slugs name nothing,
  and a 404 on every case would test nothing behind the lookup.
- Valid data is judged by the suite's own check (tests/site/schemathesis_checks.py) in place
  of schemathesis' ``positive_data_acceptance``: besides its statuses it lets a write's
  stale If-Match (412), a conflict (409), a reused Idempotency-Key (422) and a 400 naming
  only fields that name a record that does not exist through, and nothing else.
- The throttle is lifted for the run (it is tested on its own, tests/core/test_api_throttling*).

The slow run makes at least ``MAX_EXAMPLES`` cases per operation; it takes a few minutes.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from peaceplan import throttling

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
HOOKS = "tests.site.schemathesis_checks"
# The full run where CI runs the once-checks; a lighter one on the other database, which
# still reaches every operation and the stateful links (each database has found faults of
# its own), in half the time.
MAX_EXAMPLES = int(
    os.environ.get(
        "SCHEMATHESIS_MAX_EXAMPLES", "100" if os.environ.get("PEACEPLAN_RUN_ONCE") == "1" else "40"
    )
)
SEED_RECORDS = {
    "plan": "ukraine-peace-framework",
    "clause": "de-facto-lines",
    "number": 2,
    "party": "russia",
}
CONFIG = f"""
[generation]
deterministic = true
with-security-parameters = false
max-examples = {MAX_EXAMPLES}

[phases]
coverage.enabled = false

[parameters]
{chr(10).join(f"{name} = {json.dumps(value)}" for name, value in SEED_RECORDS.items())}
"""


@pytest.fixture
def unthrottled(monkeypatch):
    lifted = {"anon": None, "user": None}
    for throttle in (throttling.AnonymousRateThrottle, throttling.SignedInRateThrottle):
        monkeypatch.setattr(throttle, "THROTTLE_RATES", lifted)


def test_the_api_holds_against_schemathesis_on_a_live_server(
    live_server, transactional_db, editor, unthrottled, tmp_path, settings
):
    settings.PAGE_RATE = settings.DOWNLOAD_RATE = None
    call_command("seed", verbosity=0)
    token = Token.objects.create(user=editor).key
    (tmp_path / "schemathesis.toml").write_text(CONFIG)
    result = subprocess.run(  # noqa: S603 -- the test's own command
        [
            str(BIN / "st"),
            "--config-file",
            str(tmp_path / "schemathesis.toml"),
            "run",
            f"{live_server.url}/api/schema/",
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--phases",
            "examples,fuzzing,stateful",
            "--header",
            f"Authorization: Bearer {token}",
            "--workers",
            "1",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "SCHEMATHESIS_HOOKS": HOOKS, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-20000:]
    # The stateful phase ran (it follows the schema's links), and so did the suite's check.
    assert "Stateful (in" in report, report[-5000:]
