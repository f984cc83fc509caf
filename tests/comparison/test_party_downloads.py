"""The party page's downloads hold what the page shows: its plan filter, and "moved since
rN" compared with rN, as the page's columns do."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.comparison import test_pages_party

pytestmark = pytest.mark.django_db

# The party page's own fixtures: the downloads are checked on the same plans.
russia = test_pages_party.russia
three_revisions = test_pages_party.three_revisions
two_plans = test_pages_party.two_plans


def download(client, fmt="csv", **params):
    response = client.get(
        reverse("parties:detail", kwargs={"party": "russia"}), {"format": fmt, **params}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "json":
        return json.loads(body)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_keeps_the_plan_chosen(client, two_plans):
    everything = download(client)
    assert {row["plan"] for row in everything} == {"accord", "framework"}
    chosen = download(client, plan="framework")
    assert {row["plan"] for row in chosen} == {"framework"}
    assert [row["clause"] for row in chosen] == ["army", "dmz", "zaes"]
    data = download(client, "json", plan="framework")
    assert {row["plan"] for row in data["rows"]} == {"framework"}
    assert data["meta"]["plans"] == ["framework"]


def test_the_csv_compares_with_the_revision_since_names(client, three_revisions):
    # r1 supports, r2 opposes, r3 red line: since r1, the army cap moved away from supports.
    rows = {row["clause"]: row for row in download(client, since=1)}
    assert (rows["army"]["previous_revision"], rows["army"]["stance_before"]) == ("1", "supports")
    assert rows["army"]["direction"] == "away"
    # Without since, the revision before (r2).
    rows = {row["clause"]: row for row in download(client)}
    assert (rows["army"]["previous_revision"], rows["army"]["stance_before"]) == ("2", "opposes")


def test_the_csv_of_a_revision_the_plan_lacks_is_empty_as_the_page(client, russia):
    assert download(client, since=40) == []
