"""Every write URL for every persona: anonymous users are sent to log in, analysts get 403,
editors and staff get the page; nobody without the permission sees an edit control."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from clauses.models import Clause, ClauseDeletion, ClauseVersion, Plan, Position, Revision
from parties.models import PartyAlias
from peaceplan.urls import editing_pages
from sources.models import Source
from tests.conftest import client_for
from tests.factories import PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db

MODELS = (Plan, Revision, Clause, ClauseVersion, Position, Source, PartyAlias)


@pytest.fixture
def position():
    return PositionFactory(
        clause_version__revision__plan__slug="framework",
        clause_version__clause__slug="zaporizhzhia",
        party__slug="ukraine",
    )


def write_urls(position) -> dict[str, tuple[str, str]]:
    """Every editor's URL, with the method that reaches it."""
    version = position.clause_version
    plan, number, clause = "framework", version.revision.number, "zaporizhzhia"
    revision = {"plan": plan, "number": number}
    # A deletion to take back, for the page that takes one back.
    ClauseDeletion.objects.get_or_create(revision=version.revision, clause=version.clause)
    # A source without text, for the page that adds one; one with text to propose
    # statements from.
    untexted = Source.objects.filter(text="").first() or SourceFactory(text="")
    source = Source.objects.exclude(text="").first() or SourceFactory()
    # An alias of the party, for the page that changes one.
    alias, _ = PartyAlias.objects.get_or_create(party=position.party, alias="Kyiv")
    party = {"party": position.party.slug}
    return {
        "plan_create": ("get", reverse("editing:plan_create")),
        "plan_edit": ("get", reverse("editing:plan_edit", kwargs={"plan": plan})),
        "revision_new": ("get", reverse("editing:revision_new", kwargs={"plan": plan})),
        "paste": ("get", reverse("editing:paste", kwargs={"plan": plan})),
        "paste_confirm": ("post", reverse("editing:paste_confirm", kwargs={"plan": plan})),
        "revision_clone": ("get", reverse("editing:revision_clone", kwargs=revision)),
        "paste_next": ("get", reverse("editing:paste_next", kwargs=revision)),
        "paste_next_confirm": ("post", reverse("editing:paste_next_confirm", kwargs=revision)),
        "revision_edit": ("get", reverse("editing:revision_edit", kwargs=revision)),
        "clause_add": ("get", reverse("editing:clause_add", kwargs=revision)),
        "clause_edit": (
            "get",
            reverse("editing:clause_edit", kwargs={"plan": plan, "clause": clause}),
        ),
        "clause_version_edit": (
            "get",
            reverse("editing:clause_version_edit", kwargs={**revision, "clause": clause}),
        ),
        "position_edit": (
            "get",
            reverse(
                "editing:position_edit", kwargs={**revision, "clause": clause, "party": "ukraine"}
            ),
        ),
        "revision_withdraw": ("get", reverse("editing:revision_withdraw", kwargs=revision)),
        "revision_restore": ("get", reverse("editing:revision_restore", kwargs=revision)),
        "clause_delete": ("get", reverse("editing:clause_delete", kwargs=revision)),
        "clause_undelete": (
            "get",
            reverse("editing:clause_undelete", kwargs={**revision, "clause": clause}),
        ),
        "clause_rename": (
            "get",
            reverse("editing:clause_rename", kwargs={"plan": plan, "clause": clause}),
        ),
        "clause_version_relink": (
            "get",
            reverse("editing:clause_version_relink", kwargs={**revision, "clause": clause}),
        ),
        "clause_split": ("get", reverse("editing:clause_split", kwargs=revision)),
        "clause_merge": ("get", reverse("editing:clause_merge", kwargs=revision)),
        "translation_paste": ("get", reverse("editing:translation_paste", kwargs=revision)),
        "translation_confirm": (
            "post",
            reverse("editing:translation_confirm", kwargs=revision),
        ),
        "source_record": ("get", reverse("editing:source_record")),
        "source_text": ("get", reverse("editing:source_text", kwargs={"source": untexted.pk})),
        "statements_propose": (
            "get",
            reverse("editing:statements_propose", kwargs={"plan": plan}),
        ),
        "statements_review": (
            "get",
            reverse("editing:statements_review", kwargs={"plan": plan, "source": source.pk}),
        ),
        "party_alias_add": ("get", reverse("editing:party_alias_add", kwargs=party)),
        "party_alias_edit": (
            "get",
            reverse("editing:party_alias_edit", kwargs={**party, "alias": alias.pk}),
        ),
    }


URL_NAMES = [
    "plan_create",
    "plan_edit",
    "revision_new",
    "paste",
    "paste_confirm",
    "revision_clone",
    "paste_next",
    "paste_next_confirm",
    "revision_edit",
    "clause_add",
    "clause_edit",
    "clause_version_edit",
    "position_edit",
    "revision_withdraw",
    "revision_restore",
    "clause_delete",
    "clause_undelete",
    "clause_rename",
    "clause_version_relink",
    "clause_split",
    "clause_merge",
    "translation_paste",
    "translation_confirm",
    "source_record",
    "source_text",
    "statements_propose",
    "statements_review",
    "party_alias_add",
    "party_alias_edit",
]


def counts():
    return [model.objects.count() for model in MODELS] + [model.history.count() for model in MODELS]


def test_every_editing_url_is_listed(position):
    assert {p.name for p in editing_pages} == set(write_urls(position))
    assert set(URL_NAMES) == set(write_urls(position))


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_log_in(name, position, anonymous_client):
    method, url = write_urls(position)[name]
    before = counts()

    response = getattr(anonymous_client, method)(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={quote(url, safe='/')}"
    assert counts() == before


@pytest.mark.parametrize("name", URL_NAMES)
def test_analyst_is_refused(name, position, analyst_client):
    method, url = write_urls(position)[name]
    before = counts()

    assert getattr(analyst_client, method)(url).status_code == 403
    # A form sent anyway writes nothing either.
    assert analyst_client.post(url, {"edit_summary": "x", "title": "x"}).status_code == 403
    assert counts() == before


@pytest.mark.parametrize("persona", ["editor", "staff"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_editor_and_staff_get_the_page(name, persona, position, request):
    client = client_for(request.getfixturevalue(persona))
    method, url = write_urls(position)[name]

    response = getattr(client, method)(url)

    assert response.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in response.content


def test_confirming_a_paste_needs_a_post(position, editor_client):
    _, url = write_urls(position)["paste_confirm"]
    assert editor_client.get(url).status_code == 405


@pytest.mark.parametrize(
    ("persona", "sees"), [(None, False), ("analyst", False), ("editor", True), ("staff", True)]
)
def test_edit_controls_show_only_to_those_who_may_write(persona, sees, position, request):
    user = request.getfixturevalue(persona) if persona else None
    http = RequestFactory().get("/")
    http.user = user or AnonymousUser()
    version = position.clause_version
    context = {
        "plan": version.revision.plan,
        "revision": version.revision,
        "clause_version": version,
        "position": position,
    }
    for partial in ("plan", "revision", "clause_version", "position"):
        html = render_to_string(f"clauses/_actions_{partial}.html", context, request=http)
        assert ("edit-actions" in html) is sees, partial
