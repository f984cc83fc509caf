"""Query budgets of the paste pages: the paste form, the alignment page, "Check again",
the split of a point, the switch to partial and the refusal of a paste that raced another
revision cost the same number of SQL queries on a small and on a large plan. Each budget
is the list of the queries' names."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clauses.services import revision_clone
from tests.conftest import client_for, editors_group
from tests.editing_helpers import form_data
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

SIZES = [
    pytest.param({"clauses": 5, "parties": 2}, id="small"),
    pytest.param({"clauses": 40, "parties": 6}, id="large"),
]

# Every page of an editor: who is signed in, and whether they may record a draft.
EDITOR = [
    "the session",
    "the user",
    "the user's own permissions",
    "the permissions of the user's groups",
]
ALIGNMENT = [
    *EDITOR,
    "the plan",
    "its current revision, which the draft continues",
    "the clauses of that revision, with their clause (the aligner's candidates)",
    "the plan's clauses (the choices of every point)",
    "the plan's current revision, for the branch note",
    "the plan of the revision continued, for its links",
]
BUDGETS = {
    "paste form": [
        *EDITOR,
        "the plan",
        "its current revision, which the draft continues by default",
        "the plan of that revision, for its links",
        "the plan's revisions, for the “Continues” choices",
        "the same, for the choice shown selected",
    ],
    "alignment": [*ALIGNMENT[:7], "the next revision number", *ALIGNMENT[7:]],
    "check again": ALIGNMENT,
    "split": [*ALIGNMENT[:7], "the next revision number", *ALIGNMENT[7:]],
    "switch to partial": ALIGNMENT,
}


@pytest.fixture(params=SIZES)
def plan(request):
    return build_plan(revisions=2, **request.param)


@pytest.fixture
def editor_client(django_user_model):
    user = django_user_model.objects.create_user("paste-editor")
    user.groups.add(editors_group())
    return client_for(user)


def draft_of(plan) -> str:
    """The current revision's points with a gap in their numbering, the last two run
    together on one line (so the alignment page offers to split it, and warns that a full
    text would drop many clauses)."""
    versions = list(plan.revisions.get(number=2).clause_versions.order_by("position_in_draft"))
    lines = [f"{v.number}. {v.text}" for v in versions[:2]]
    lines.append(f"{versions[-2].number}. {versions[-2].text} {versions[-1].number}. Last one")
    return "\n".join(lines)


def counted(client, method, url, data=None) -> tuple:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
    assert response.status_code == 200
    return response, len(queries)


def test_the_paste_pages_cost_a_fixed_number_of_queries(plan, editor_client):
    paste = reverse("editing:paste", kwargs={"plan": plan.slug})
    confirm = reverse("editing:paste_confirm", kwargs={"plan": plan.slug})
    counts = {}
    _, counts["paste form"] = counted(editor_client, "get", paste)
    page, counts["alignment"] = counted(
        editor_client, "post", paste, {"text": draft_of(plan), "coverage": "full_text"}
    )
    form = page.context["form"]
    assert page.context["many_dropped"] and page.context["rows"][-1]["point"].embedded
    _, counts["check again"] = counted(editor_client, "post", confirm, form_data(form, check="1"))
    split = form_data(form, split=str(len(page.context["rows"]) - 1))
    _, counts["split"] = counted(editor_client, "post", confirm, split)
    partial = form_data(form, switch_partial="1")
    _, counts["switch to partial"] = counted(editor_client, "post", confirm, partial)

    assert counts == {page: len(names) for page, names in BUDGETS.items()}


# Recording a paste that another revision beat to its number: the attempt (refused under
# the plan's lock, rolled back), then the page with who recorded that revision and when.
RACE = [
    *EDITOR,
    "the plan",
    "its current revision, which the draft continues",
    "the clauses of that revision, with their clause (the aligner's candidates)",
    "the plan's clauses (the choices of every point)",
    "the savepoint of the attempt",
    "the titles of the clauses the points keep, checked before writing",
    "the savepoint of the revision's insert",
    "the plan, locked (it numbers the revisions)",
    "the next revision number: taken, so the attempt is refused",
    "back to the savepoint of the insert",
    "its release",
    "back to the savepoint of the attempt",
    "its release",
    "who recorded the revision that took the number, and when (its first history row)",
    "the plan's current revision now, to align against (and for the branch note)",
    "the plan of the revision continued, for its links",
]


def test_the_refusal_of_a_raced_paste_costs_a_fixed_number_of_queries(plan, editor_client):
    paste = reverse("editing:paste", kwargs={"plan": plan.slug})
    confirm = reverse("editing:paste_confirm", kwargs={"plan": plan.slug})
    page = editor_client.post(paste, {"text": draft_of(plan), "coverage": "partial"})
    data = form_data(page.context["form"], edit_summary="Next")
    for index in range(len(page.context["rows"])):
        if not data.get(f"p{index}-topic", "x"):
            data[f"p{index}-topic"] = "military"
    revision_clone(source=plan.revisions.get(number=2), user=None, summary="Theirs")

    response, count = counted(editor_client, "post", confirm, data)

    assert response.context["race"]["number"] == 3
    assert count == len(RACE)
