"""The diff's one-line summary is said in the reader's interface language, by the same rule
as the English line the API and the feeds give (``DiffTotals.summary_in``)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from comparison.diff import DiffTotals, PartyTotals
from comparison.rendering import summary_line
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'<p class="summary-line">(.*?)</p>', re.S)


def test_the_page_line_says_in_english_what_the_api_says():
    totals = DiffTotals(
        added=1, removed=2, changed=5, unchanged=12, split=1, split_into=2,
        parties=(PartyTotals(party_slug="russia", party_name="Russia", moved=2, toward=2, away=0),),
    )  # fmt: skip
    with translation.override("en-gb"):
        assert summary_line(totals) == totals.summary
    assert totals.summary == (
        "1 added, 2 removed, 5 changed, 12 unchanged, 1 split into 2; Russia moved on 2"
    )


def test_a_ukrainian_reader_gets_the_line_in_ukrainian_with_its_plural_forms():
    totals = DiffTotals(
        added=1, removed=2, changed=5, unchanged=21,
        parties=(PartyTotals(party_slug="russia", party_name="Росія", moved=3, toward=1, away=2),),
    )  # fmt: skip
    with translation.override("uk"):
        line = summary_line(totals)
    assert line == (
        "1 пункт додано, 2 пункти вилучено, 5 пунктів змінено, 21 пункт без змін; "
        "Росія: зміна позиції в 3 пунктах"
    )


def test_the_diff_page_shows_the_line_in_the_reader_s_language(client):
    build_plan(clauses=6, parties=2, revisions=2)
    english = SUMMARY.search(client.get("/plans/generated/revisions/2/diff/").text).group(1)
    ukrainian_reader = Client()
    ukrainian_reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    ukrainian = SUMMARY.search(
        ukrainian_reader.get("/plans/generated/revisions/2/diff/").text
    ).group(1)

    assert "changed" in english and "unchanged" in english
    assert "змінено" in ukrainian and "без змін" in ukrainian
    assert "changed" not in ukrainian
