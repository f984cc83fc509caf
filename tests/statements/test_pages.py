"""The editor's flow: paste a report (or choose a stored source), check the statements
proposed, accept, edit or reject each; the accepted become positions citing the source."""

import pytest
from django.urls import reverse

from clauses.models import Position
from sources.models import Source
from sources.text import HTML_STRIPPED, MAX_TEXT
from statements.forms import EMPTY_TEXT, PARTY_REQUIRED, TITLE_REQUIRED
from statements.views import NOTHING_ACCEPTED
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

REPORT = (
    "Kremlin spokesman Dmitry Peskov said on 3 December 2025 that Moscow was studying the "
    "plan. “We will not accept the deployment of NATO troops,” Peskov told reporters.\n"
    "Zelenskyy stated that any troop withdrawals would require approval via a referendum "
    "in Ukraine. Military experts said the front line had barely moved."
)


def propose_url(plan):
    return reverse("editing:statements_propose", kwargs={"plan": plan.slug})


def review_url(plan, source):
    return reverse("editing:statements_review", kwargs={"plan": plan.slug, "source": source.pk})


def paste(client, plan, **values):
    data = {
        "text": REPORT,
        "title": "Kremlin and Kyiv on the plan",
        "outlet": "Wire",
        "url": "",
        "published_on": "2025-12-03",
        "published_on_precision": "day",
        "kind": "news_report",
        "language": "",
        "edit_summary": "Report stored to propose statements from it",
        **values,
    }
    return client.post(propose_url(plan), data)


def test_readers_cannot_propose(seeded, anonymous_client, analyst_client):
    assert anonymous_client.get(propose_url(seeded)).status_code == 302
    assert analyst_client.get(propose_url(seeded)).status_code == 403


def test_the_plan_page_links_to_the_page(seeded, editor_client, analyst_client):
    assert propose_url(seeded) in editor_client.get(seeded.get_absolute_url()).text
    assert propose_url(seeded) not in analyst_client.get(seeded.get_absolute_url()).text


def test_the_pasted_report_is_stored_and_its_statements_proposed(seeded, editor_client):
    response = paste(editor_client, seeded)
    source = Source.objects.get(title="Kremlin and Kyiv on the plan")
    assert response.status_code == 302
    assert response["Location"] == review_url(seeded, source)
    assert source.text == REPORT and source.language == "en"
    assert source.history.get().history_change_reason.startswith("Report stored")
    page = editor_client.get(review_url(seeded, source)).text
    assert "Moscow was studying the plan" in page
    assert "We will not accept the deployment of NATO troops" in page
    assert "any troop withdrawals would require approval via a referendum in Ukraine" in page
    assert "front line had barely moved" not in page  # no party's statement
    assert Position.objects.filter(source=source).count() == 0  # nothing until confirmed


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"text": "   "}, "text", EMPTY_TEXT),
        ({"title": ""}, "title", TITLE_REQUIRED),
        (
            {"text": "Le président a déclaré que la paix est possible avec des garanties."},
            "text",
            "English, Ukrainian, Russian",
        ),
        ({"text": "x" * (MAX_TEXT + 1)}, "text", "200,000"),
    ],
)
def test_bad_input_is_refused_and_nothing_typed_is_lost(
    seeded, editor_client, values, field, message
):
    response = paste(editor_client, seeded, outlet="Typed outlet", **values)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors)
    assert 'value="Typed outlet"' in response.text
    if values.get("text", "").strip() and len(values["text"]) < 1000:
        assert values["text"] in response.text
    assert not Source.objects.filter(outlet="Typed outlet").exists()


def test_html_is_stripped_with_a_notice(seeded, editor_client):
    html = (
        "<html><body><p>Peskov said that Moscow was studying the plan carefully.</p></body></html>"
    )
    response = paste(editor_client, seeded, text=html, language="en")
    source = Source.objects.get(title="Kremlin and Kyiv on the plan")
    assert source.text == "Peskov said that Moscow was studying the plan carefully."
    page = editor_client.get(response["Location"])
    assert HTML_STRIPPED in page.text


def _proposals(client, plan, source):
    response = client.get(review_url(plan, source))
    return response.context["formset"]


def _post_data(formset, decisions: dict[int, dict]):
    data = {"edit_summary": "Positions from the Wire report"}
    management = formset.management_form
    for name in management.fields:
        data[f"{management.prefix}-{name}"] = management[name].value()
    for index, form in enumerate(formset.forms):
        for name in form.fields:
            value = form[name].value()
            data[f"{form.prefix}-{name}"] = "" if value is None else value
        for name, value in decisions.get(index, {}).items():
            data[f"{form.prefix}-{name}"] = value
    return data


def test_accepted_proposals_become_positions_citing_the_source(seeded, editor, editor_client):
    paste(editor_client, seeded)
    source = Source.objects.get(title="Kremlin and Kyiv on the plan")
    formset = _proposals(editor_client, seeded, source)
    quotes = [f["quote"].value() for f in formset.forms]
    studying = quotes.index("Moscow was studying the plan")
    nato = quotes.index("We will not accept the deployment of NATO troops")
    referendum = next(i for i, q in enumerate(quotes) if "referendum" in q)
    # The clauses proposed for the referendum statement.
    assert formset.forms[referendum]["clause_version"].value()
    nato_clause = seeded.clauses.get(slug="nato-membership").versions.get(revision__number=2)
    data = _post_data(
        formset,
        {
            nato: {
                "decision": "accept",
                "clause_version": str(nato_clause.pk),
                "stance": "opposes",
            },
            referendum: {"decision": "accept"},
            studying: {"decision": "reject"},
        },
    )
    response = editor_client.post(review_url(seeded, source), data)
    assert response.status_code == 302, response.context["formset"].errors
    recorded = Position.objects.filter(source=source).select_related("party", "clause_version")
    assert {(p.party.slug, p.quote) for p in recorded} == {
        ("russia", "We will not accept the deployment of NATO troops"),
        ("ukraine", "any troop withdrawals would require approval via a referendum in Ukraine"),
    }
    for position in recorded:
        assert position.quote_check == "checked"
        assert position.source_title == source.title
        latest = position.history.first()
        assert latest.history_change_reason == "Positions from the Wire report"
        assert latest.history_user == editor
    assert recorded.get(party__slug="russia").stance == "opposes"


def test_an_edited_quote_not_in_the_source_is_refused_and_kept(seeded, editor_client):
    paste(editor_client, seeded)
    source = Source.objects.get(title="Kremlin and Kyiv on the plan")
    formset = _proposals(editor_client, seeded, source)
    clause = seeded.clauses.get(slug="nato-membership").versions.get(revision__number=2)
    typed = "We will never accept NATO troops"
    data = _post_data(
        formset,
        {
            0: {"decision": "accept", "clause_version": str(clause.pk), "quote": typed},
            1: {"decision": "accept", "clause_version": str(clause.pk)},
        },
    )
    response = editor_client.post(review_url(seeded, source), data)
    assert response.status_code == 200
    assert typed in response.text
    errors = response.context["formset"].forms[0].errors["quote"]
    assert "closest" in errors[0]
    assert not Position.objects.filter(source=source).exists()


def test_an_accepted_proposal_needs_a_party_and_nothing_accepted_records_nothing(
    seeded, editor_client
):
    paste(editor_client, seeded)
    source = Source.objects.get(title="Kremlin and Kyiv on the plan")
    formset = _proposals(editor_client, seeded, source)
    response = editor_client.post(
        review_url(seeded, source), _post_data(formset, {0: {"decision": "accept", "party": ""}})
    )
    assert PARTY_REQUIRED in response.context["formset"].forms[0].errors["party"]
    response = editor_client.post(review_url(seeded, source), _post_data(formset, {}))
    assert NOTHING_ACCEPTED in response.text
    assert not Position.objects.filter(source=source).exists()


def test_a_stored_source_may_be_chosen(seeded, editor_client):
    paste(editor_client, seeded)
    source = Source.objects.get(title="Kremlin and Kyiv on the plan")
    response = paste(
        editor_client, seeded, text="", title="", source=str(source.pk), edit_summary="x"
    )
    assert response["Location"] == review_url(seeded, source)
    assert Source.objects.count() == 1 + Source.objects.exclude(pk=source.pk).count()


def test_the_review_page_costs_the_same_whatever_the_number_of_proposals(
    seeded, editor, django_assert_max_num_queries
):
    client = client_for(editor)
    paste(client, seeded, title="short", text=REPORT)
    paste(client, seeded, title="long", text="\n".join([REPORT] * 12))
    counts = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for title in ("short", "long"):
        source = Source.objects.get(title=title)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(review_url(seeded, source))
        assert response.status_code == 200
        counts.append(len(captured))
    # The session and user, the plan, the source, the alias table, the current revision,
    # its clause versions, the parties: however many proposals.
    assert counts[0] == counts[1]
    assert counts[0] <= 10


def test_the_propose_page_costs_the_same_whatever_the_number_of_sources(seeded, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(editor)
    counts = []
    for stored in (1, 15):
        while Source.objects.count() < stored:
            Source.objects.create(title=f"Report {Source.objects.count()}", text="Some text.")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(propose_url(seeded)).status_code == 200
        counts.append(len(captured))
    # The session and user, the user's permissions, the plan, the stored reports.
    assert counts[0] == counts[1]
