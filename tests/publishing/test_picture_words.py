"""The heatmap's hover text (each row's gap) and the "Continues" menu's branch mark in the
reader's interface language."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from clauses.forms.edits import revision_choice_label
from clauses.models import Revision
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


def reader(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_heatmap_row_titles_say_the_gap_in_the_reader_s_language():
    build_plan(clauses=4, parties=2, revisions=2)
    english = reader("en-gb").get("/plans/generated/heatmap.svg").text
    ukrainian = reader("uk").get("/plans/generated/heatmap.svg").text

    assert "(gap " in english
    assert "(розбіжність " in ukrainian and "(gap " not in ukrainian


def test_a_branch_is_marked_in_the_reader_s_language():
    plan = build_plan(clauses=2, parties=1, revisions=2)
    branch = Revision.objects.get(plan=plan, number=2)
    branch.branch = True
    with translation.override("uk"):
        assert revision_choice_label(branch).endswith("(гілка)")
    with translation.override("en-gb"):
        assert revision_choice_label(branch).endswith("(branch)")
