"""The comparison pages as data (see core/downloads.py): a diff or a comparison of two
revisions, one row per clause and party; a clause's positions in every revision; a party's
positions on every plan's current revision and where each moved."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404

from clauses.export_rows import EXPORT_POSITION_COLUMNS, export_positions_data, iso_date
from clauses.fields import POSITION
from clauses.models import Clause, Revision
from clauses.selectors import clause_get, revision_get
from clauses.selectors.exports import clause_position_rows
from clauses.text_languages import LANG, LanguageRefused
from clauses.views.revisions import NO_SUCH_REVISION
from clauses.vocabularies import stance_value
from comparison.filters import DiffFilterForm, PartyFilterForm
from comparison.party_rendering import compares_with_since
from comparison.party_table import PartyRow
from comparison.selectors.diff_languages import DiffLanguage, revision_diff_in
from comparison.selectors.diffs import NothingToCompare, default_against
from comparison.selectors.parties import PartyPlan
from comparison.views.clauses import NO_SUCH_CLAUSE
from comparison.views.parties import NO_SUCH_PARTY, plans_shown
from core.downloads import Table, filter_name, filters_of, page_url
from core.links import PageLinks
from parties.models import Party
from parties.selectors import party_get

EXPORT_CHANGE_COLUMNS = (
    "plan",
    "old_revision",
    "new_revision",
    "diff_url",
    "clause",
    "clause_title",
    "topic",
    "change",
    "changed_fields",
    "number_before",
    "number_after",
    "status_before",
    "status_after",
    "gap_before",
    "gap_after",
    "convergence",
    "clause_url",
    "clause_version_url",
    # The language each side's text is in: the one asked (?lang=), or the original where
    # that side has no translation.
    "language",
    "language_before",
    "language_after",
    "party",
    "party_name",
    "stance_before",
    "stance_before_value",
    "stance_after",
    "stance_after_value",
    "direction",
    "stance_changed",
    "summary",
    "quote",
    "source_title",
    "source_url",
    "stated_on",
)


def export_changes_data(
    clauses: Iterable,
    *,
    plan: str,
    old: int,
    new: int,
    diff_url: str,
    pages,
    language: DiffLanguage | None = None,
    original: str = "",
) -> Iterable[dict]:
    """One flat dict per party of each ``ClauseDiff`` (one with no party for a clause no
    party holds a position on), keyed by ``EXPORT_CHANGE_COLUMNS``. Summary, quote and
    source are the position's in the newer revision, or the older one's if it is gone.
    ``language``: the language the texts were asked in (None: the ``original``'s)."""
    clause_url = pages.template("clauses:clause", "plan", "clause")
    version_url = pages.template("clauses:clause_version", "plan", "clause", "number")
    for change in clauses:
        # A clause gone from the new revision is cited as worded in the old one.
        number = old if change.number_after is None else new
        head = {
            "plan": plan,
            "old_revision": old,
            "new_revision": new,
            "diff_url": diff_url,
            "clause": change.slug,
            "clause_title": change.title,
            "topic": str(change.topic),
            "change": str(change.change),
            "changed_fields": " ".join(str(name) for name in change.changed_fields),
            "number_before": change.number_before,
            "number_after": change.number_after,
            "status_before": change.status_before and str(change.status_before),
            "status_after": change.status_after and str(change.status_after),
            "gap_before": change.gap_before,
            "gap_after": change.gap_after,
            "convergence": str(change.convergence),
            "clause_url": clause_url.format(plan=plan, clause=change.slug),
            "clause_version_url": version_url.format(plan=plan, clause=change.slug, number=number),
            **_languages(change, language, original),
        }
        if not change.parties:
            yield head
        for party in change.parties:
            held = party.after or party.before
            yield {
                **head,
                "party": party.party_slug,
                "party_name": party.party_name,
                "stance_before": party.stance_before and str(party.stance_before),
                "stance_before_value": party.value_before,
                "stance_after": party.stance_after and str(party.stance_after),
                "stance_after_value": party.value_after,
                "direction": str(party.direction),
                "stance_changed": party.stance_changed,
                "summary": held.summary if held else None,
                "quote": held.quote if held else None,
                "source_title": held.source_title if held else None,
                "source_url": held.source_url if held else None,
                "stated_on": iso_date(held.stated_on) if held else None,
            }


def _languages(change, language: DiffLanguage | None, original: str) -> dict:
    if language is None or not language.translated:
        code = language.language if language else original
        return {
            "language": code,
            "language_before": code if change.number_before is not None else None,
            "language_after": code if change.number_after is not None else None,
        }
    return {
        "language": language.language,
        "language_before": language.language_of(change.clause_id, 0),
        "language_after": language.language_of(change.clause_id, 1),
    }


def _diff_table(request, *, plan, old: Revision, new: Revision) -> Table:
    """The diff's clauses the page's filters keep, one row per party (three queries; one
    more with ``?lang=``)."""
    try:
        result, language = revision_diff_in(old=old, new=new, lang=request.GET.get(LANG, ""))
    except LanguageRefused as refused:
        raise BadRequest(refused.message) from None
    form = DiffFilterForm(request.GET, parties=result.totals.parties)
    filters = filters_of(form)
    clauses, _unchanged_left_out = form.apply(result.clauses)
    meta = {
        "plan": plan.slug,
        "plan_title": plan.title,
        "view": "diff",
        "revisions": [old.number, new.number],
        "language": language.language if language else settings.ORIGINAL_TEXT_LANGUAGE,
        "summary": result.summary,
        "filters": filters,
        "page_url": page_url(request),
    }
    rows = export_changes_data(
        clauses,
        plan=plan.slug,
        old=old.number,
        new=new.number,
        diff_url=page_url(request),
        pages=PageLinks(request),
        language=language,
        original=settings.ORIGINAL_TEXT_LANGUAGE,
    )
    name = (plan.slug, f"r{old.number}-r{new.number}", "diff", *filter_name(filters))
    return Table(name, meta, EXPORT_CHANGE_COLUMNS, rows)


def revision_diff_table(request, plan, number) -> Table:
    try:
        new = revision_get(plan_slug=plan, number=number)
        old = default_against(new)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    except NothingToCompare as refused:
        raise Http404(str(refused)) from None
    return _diff_table(request, plan=new.plan, old=old, new=new)


def compare_table(request, plan, a, b) -> Table:
    try:
        old = revision_get(plan_slug=plan, number=a)
        new = revision_get(plan_slug=plan, number=b)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    return _diff_table(request, plan=new.plan, old=old, new=new)


def clause_table(request, plan, clause) -> Table:
    """Every position on the clause in every revision (two queries)."""
    try:
        clause = clause_get(plan_slug=plan, clause_slug=clause)
    except Clause.DoesNotExist:
        raise Http404(NO_SUCH_CLAUSE) from None
    rows = export_positions_data(clause_position_rows(clause=clause), PageLinks(request))
    # The revisions the clause is in are known only once its rows are read; a file's
    # meta comes first, so it names the clause, whose page lists them.
    meta = {
        "plan": clause.plan.slug,
        "plan_title": clause.plan.title,
        "view": "clause",
        "clause": clause.slug,
        "clause_title": clause.title,
        "revisions": "all",
        "filters": {},
        "page_url": page_url(request),
    }
    return Table((clause.plan.slug, clause.slug), meta, EXPORT_POSITION_COLUMNS, rows)


PARTY_COLUMNS = (
    *EXPORT_POSITION_COLUMNS,
    "previous_revision",
    "stance_before",
    "stance_before_value",
    "direction",
)


def party_table(request, party) -> Table:
    """The rows of the party page as its filters select and order them (four queries: the
    party, then ``party_positions``'s three; one more with ``since``)."""
    try:
        party = party_get(party)
    except Party.DoesNotExist:
        raise Http404(NO_SUCH_PARTY) from None
    form = PartyFilterForm(request.GET)
    filters = filters_of(form)
    # The page's own choice of plans and rows: the plan filter, and no rows of a plan
    # that lacks the revision ``since`` names.
    _, plans, _ = plans_shown(form, party=party)
    since = form.since_number()
    meta = {
        "party": party.slug,
        "party_name": party.name,
        "view": "party",
        "plans": [entry.plan.slug for entry in plans],
        "revisions": {entry.plan.slug: entry.revision.number for entry in plans},
        "filters": filters,
        "page_url": page_url(request),
    }
    name = (party.slug, "positions", *(f"{key}-{value}" for key, value in filters.items()))
    return Table(name, meta, PARTY_COLUMNS, _rows(plans, party, request, since))


def _rows(plans, party, request, since: int | None):
    pages = PageLinks(request)
    for entry in plans:
        rows = [_position_row(row, entry, party) for row in entry.rows]
        for row, data in zip(entry.rows, export_positions_data(rows, pages), strict=True):
            movement = row.movement
            if compares_with_since(entry, since):
                # As the page's "In r…" and "Moved" columns: against the revision asked about.
                data["previous_revision"] = since
                if row.in_since:
                    data["stance_before"] = row.since
                    data["stance_before_value"] = stance_value(row.since)
                data["direction"] = str(row.moved_since)
            elif entry.previous is not None and row.change != "added" and movement:
                data["previous_revision"] = entry.previous.number
                data["stance_before"] = movement.stance_before
                data["stance_before_value"] = movement.value_before
                data["direction"] = str(movement.direction)
            yield data


_NO_POSITION = (*POSITION.absent(), None, None)


def _position_row(row: PartyRow, entry: PartyPlan, party: Party) -> tuple:
    """The ``EXPORT_POSITION_FIELDS`` row of one of the party's rows: where the position
    stands, then its declared fields and its source's date (the party's empty place when
    it holds none there)."""
    version, clause, position = row.version, row.version.clause, row.position
    return (
        entry.plan.slug,
        entry.plan.title,
        entry.revision.number,
        entry.revision.label,
        clause.slug,
        clause.title,
        clause.topic,
        version.number,
        version.status,
        party.slug,
        party.name,
        *((*position.declared, *position.cited) if position else _NO_POSITION),
    )
