"""The parties, and where one party stands on every clause."""

from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import render
from markupsafe import Markup

from comparison.filters import PartyFilterForm
from comparison.party_rendering import compares_with_since, party_rows
from comparison.party_table import PartyRow
from comparison.selectors import parties as selectors
from comparison.selectors.parties import PartyPlan
from core.conditional import reads_query
from parties.models import Party
from parties.selectors import party_get

NO_SUCH_PARTY = "No party is recorded at this address."
NO_SUCH_PLAN = "{party} holds no position in a plan named “{slug}”."
NO_SUCH_REVISION_IN_PLAN = "{plan} has no revision {number}: its current revision is r{current}."
NO_PLAN_HAS_REVISION = "No plan has a revision {number}."
# Rows of every plan together: a page reads at a glance, and renders within its budget
# however many plans and clauses the party holds positions on.
PARTY_PAGE_SIZE = 100


@dataclass(frozen=True)
class PlanPart:
    """One plan's rows on one page of the party's page."""

    entry: PartyPlan  # with every row of the plan that passes the filters
    rows: Markup  # the table rows of this page
    first: int  # the first and last of the plan's rows this page shows, from 1; 0 for none
    last: int
    # The revision the "In r…" and "Moved" columns compare with, if any.
    compared_with: int | None

    @property
    def partial(self) -> bool:
        return self.first > 1 or self.last < len(self.entry.rows)


@reads_query()
def party_list(request):
    return render(request, "comparison/party_list.html", {"parties": selectors.party_list()})


@reads_query(*PartyFilterForm.base_fields, "page", "format")
def party_detail(request, party):
    try:
        party = party_get(party)
    except Party.DoesNotExist:
        raise Http404(NO_SUCH_PARTY) from None
    form = PartyFilterForm(request.GET)
    since = form.since_number()
    plans, shown, chosen = plans_shown(form, party=party)
    if chosen and not shown:
        form.add_error("plan", NO_SUCH_PLAN.format(party=party.name, slug=chosen))
    elif since is not None and shown and not any(entry.has_since for entry in shown):
        form.add_error("since", _no_revision(since, shown))
    # A page number out of range shows the nearest page: a shared link outlives its data.
    page = Paginator(
        [(entry, row) for entry in shown for row in entry.rows], PARTY_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "comparison/party_detail.html",
        {
            "party": party,
            "form": form,
            "since": since,
            "plans": shown,
            "every_plan": plans,
            "chosen": chosen,
            "page": page,
            # Each plan's part of this page, with its table's rows
            # (comparison/party_rendering.py).
            "parts": [
                PlanPart(
                    entry,
                    party_rows(entry, party=party, since=since, rows=rows),
                    first,
                    last,
                    compared_with=since
                    if compares_with_since(entry, since)
                    else entry.previous and entry.previous.number,
                )
                for entry, rows, first, last in _parts(shown, page)
            ],
        },
    )


def plans_shown(
    form: PartyFilterForm, *, party: Party
) -> tuple[list[PartyPlan], list[PartyPlan], str | None]:
    """Every plan's part of the party's page with the filters applied, the parts the plan
    filter keeps, and the plan chosen: what the page shows and its downloads hold (the
    selector's three or four queries)."""
    # A plan without revision ``since`` has nothing to compare with: none of its rows moved
    # "since" it, and its part says so rather than listing them all as moves.
    plans = [
        replace(entry, rows=tuple(form.apply(entry.rows)) if entry.has_since else ())
        for entry in selectors.party_positions(party=party, since=form.since_number())
    ]
    form.offer_plans(entry.plan for entry in plans)
    chosen = form.plan_slug()
    shown = [entry for entry in plans if not chosen or entry.plan.slug == chosen]
    return plans, shown, chosen


def _no_revision(since: int, shown: list[PartyPlan]) -> str:
    if len(shown) == 1:
        (entry,) = shown
        return NO_SUCH_REVISION_IN_PLAN.format(
            plan=entry.plan.title, number=since, current=entry.revision.number
        )
    return NO_PLAN_HAS_REVISION.format(number=since)


def _parts(shown: list[PartyPlan], page: Page):
    """Each plan with rows on ``page``, with those rows and where they sit among the plan's
    rows; a plan with no row to show comes on the page where its place in the order falls,
    so that its notes (no such revision, dropped clauses) are still read."""
    start, end = page.start_index() - 1, page.end_index()
    size, pages = page.paginator.per_page, page.paginator.num_pages
    offset = 0
    for entry in shown:
        count = len(entry.rows)
        if count == 0:
            if min(offset // size + 1, pages) == page.number:
                yield entry, (), 0, 0
            continue
        low, high = max(offset, start), min(offset + count, end)
        if low < high:
            rows: tuple[PartyRow, ...] = entry.rows[low - offset : high - offset]
            yield entry, rows, low - offset + 1, high - offset
        offset += count
