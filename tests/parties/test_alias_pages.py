"""The alias table's pages: anyone reads a party's aliases (escaped); editors add and change
them through the parties' services, with an edit summary in the history; an alias the
party has already is refused on the form, which keeps what was typed."""

import pytest
from django.urls import reverse

from parties.models import PartyAlias
from parties.services import party_alias_create
from tests.factories import PartyFactory, PlanFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Named so in Kyiv's reports"


@pytest.fixture
def party():
    return PartyFactory(slug="russia", name="Russia")


def list_url(party):
    return reverse("parties:aliases", kwargs={"party": party.slug})


def add_url(party):
    return reverse("editing:party_alias_add", kwargs={"party": party.slug})


def edit_url(alias):
    return reverse(
        "editing:party_alias_edit", kwargs={"party": alias.party.slug, "alias": alias.pk}
    )


def alias(party, text, user, **values):
    values = {"alias": text, "kind": "name", "language": "", **values}
    return party_alias_create(party=party, values=values, user=user, summary="starting table")


def test_anyone_reads_a_partys_aliases_escaped(party, editor, client):
    alias(party, "<script>alert(1)</script>", editor)
    alias(party, "Зеленський", editor, language="uk")

    response = client.get(list_url(party))

    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Зеленський" in html and "Ukrainian" in html
    # Readers see no edit control.
    assert add_url(party) not in html


def test_the_whole_table_groups_aliases_by_party(party, editor, client):
    other = PartyFactory(slug="ukraine", name="Ukraine")
    alias(party, "the Kremlin", editor, kind="institution")
    alias(other, "Kyiv", editor, kind="institution")

    html = client.get(reverse("parties:alias_table")).content.decode()

    assert html.index("Russia") < html.index("the Kremlin")
    assert html.index("Ukraine") < html.index("Kyiv")
    assert list_url(other) in html


def test_the_party_page_and_the_propose_page_link_to_the_aliases(party, client, editor_client):
    assert list_url(party) in client.get(party.get_absolute_url()).content.decode()
    plan = PlanFactory()
    propose = reverse("editing:statements_propose", kwargs={"plan": plan.slug})
    assert reverse("parties:alias_table") in editor_client.get(propose).content.decode()


def test_an_editor_adds_an_alias_with_who_and_why(party, editor, editor_client):
    response = editor_client.get(list_url(party))
    assert add_url(party) in response.content.decode()

    response = editor_client.post(
        add_url(party),
        {
            "alias": "речник Кремля",
            "kind": "title",
            "language": "uk",
            "version": 0,
            "edit_summary": SUMMARY,
        },
    )

    assert response.status_code == 302
    assert response.url == list_url(party)
    saved = PartyAlias.objects.get(party=party)
    assert (saved.alias, saved.kind, saved.language) == ("речник Кремля", "title", "uk")
    entry = saved.history.get()
    assert (entry.history_type, entry.history_user, entry.history_change_reason) == (
        "+",
        editor,
        SUMMARY,
    )


def test_an_alias_without_a_summary_is_refused(party, editor_client):
    response = editor_client.post(
        add_url(party), {"alias": "Peskov", "kind": "name", "language": "", "version": 0}
    )

    assert response.status_code == 200
    assert not PartyAlias.objects.exists()
    assert "Peskov" in response.content.decode()


def test_an_editor_changes_an_alias_with_history(party, editor, editor_client):
    saved = alias(party, "Peskow", editor)

    response = editor_client.post(
        edit_url(saved),
        {
            "alias": "Peskov",
            "kind": "name",
            "language": "en",
            "version": saved.version,
            "edit_summary": "Spelling",
        },
    )

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.alias, saved.language, saved.version) == ("Peskov", "en", 2)
    latest = saved.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        editor,
        "Spelling",
    )
    assert saved.history.count() == 2


@pytest.mark.parametrize("change", [False, True])
def test_a_duplicate_alias_is_refused_naming_alias_and_keeping_the_form(
    change, party, editor, editor_client
):
    alias(party, "the Kremlin", editor, kind="institution")
    other = alias(party, "Kremlin", editor)
    url = edit_url(other) if change else add_url(party)
    data = {
        "alias": "the Kremlin",
        "kind": "title",
        "language": "en",
        "version": other.version if change else 0,
        "edit_summary": "A second one",
    }

    response = editor_client.post(url, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert "already has the alias" in " ".join(form.errors["alias"])
    html = response.content.decode()
    assert "A second one" in html  # what was typed is still in the form
    assert 'value="the Kremlin"' in html
    assert PartyAlias.objects.filter(party=party).count() == 2
    other.refresh_from_db()
    assert other.alias == "Kremlin" and other.version == 1


def test_the_same_alias_may_name_two_parties(party, editor, editor_client):
    alias(PartyFactory(slug="ukraine"), "the president", editor, kind="title")

    response = editor_client.post(
        add_url(party),
        {
            "alias": "the president",
            "kind": "title",
            "language": "",
            "version": 0,
            "edit_summary": SUMMARY,
        },
    )

    assert response.status_code == 302
    assert PartyAlias.objects.filter(alias="the president").count() == 2


def test_an_alias_of_another_party_is_not_found_here(party, editor, editor_client):
    other = alias(PartyFactory(slug="ukraine"), "Kyiv", editor)
    url = reverse("editing:party_alias_edit", kwargs={"party": party.slug, "alias": other.pk})
    assert editor_client.get(url).status_code == 404
    assert editor_client.get(add_url(PartyFactory.build(slug="nowhere"))).status_code == 404


def test_readers_may_not_write(party, editor, analyst_client, client):
    saved = alias(party, "Kremlin", editor)
    data = {"alias": "X", "kind": "name", "language": "", "version": 1, "edit_summary": "x"}
    for url in (add_url(party), edit_url(saved)):
        assert analyst_client.post(url, data).status_code == 403
        assert client.post(url, data).status_code == 302
    saved.refresh_from_db()
    assert saved.alias == "Kremlin"
    assert PartyAlias.objects.count() == 1


@pytest.mark.parametrize("size", [1, 12])
def test_the_alias_pages_queries_do_not_grow(
    size, party, editor, client, django_assert_num_queries
):
    for n in range(size):
        alias(party, f"alias {n}", editor)
        alias(PartyFactory(), f"other {n}", editor)

    with django_assert_num_queries(2):  # the party, its aliases
        assert client.get(list_url(party)).status_code == 200
    with django_assert_num_queries(1):  # every alias with its party
        assert client.get(reverse("parties:alias_table")).status_code == 200
