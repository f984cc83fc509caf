"""The markup of the comparison pages that repeats for every clause and party: the diff's
clause articles (templates/comparison/_diff_clauses.jinja), a text diff, a clause's edit
history (templates/comparison/_edit_history.jinja) and where each party stands on it
(templates/comparison/_party_stances.jinja). Jinja2 templates, for their speed on the long
pages (see core/jinja2.py); what they show is prepared here as plain data."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.timezone import (  # type: ignore[attr-defined]  # django-stubs lack it
    template_localtime,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from markupsafe import Markup

from clauses.pieces import direction_pieces, pieces, stance_pieces
from clauses.row_links import number_link, slug_link
from clauses.vocabulary_words import CLAUSE_STATUS_WORDS, TOPIC_WORDS, words_of
from comparison.diff import ClauseDiff, DiffTotals, Direction
from comparison.textdiff import TextOp
from core.jinja2 import macros, possessive

# Where a party's position went: a move between stances, or "new" (it appeared), "dropped"
# (it went), "undescribed" (the older, partial revision does not describe it).
MOVES = (*Direction, "new", "dropped", "undescribed")


@dataclass(frozen=True)
class DiffLinks:
    """A diff's links, each from a slug."""

    clause: Callable[[str], str]
    version: Callable[[str], str]  # the clause as worded in the newer revision
    party: Callable[[str], str]


@dataclass(frozen=True)
class Labels:
    """The words of the stored values a diff shows."""

    topics: dict
    statuses: dict


def labels() -> Labels:
    """The words of topics and statuses in the reader's language, looked up once a page."""
    return Labels(topics=words_of(TOPIC_WORDS), statuses=words_of(CLAUSE_STATUS_WORDS))


@dataclass(frozen=True)
class Pieces:
    """The pieces a diff shows for each of its parties, each drawn once per page (see
    clauses/pieces.py)."""

    stances: dict
    directions: dict
    carried_over: Markup
    demand_marker: Markup


def _summary_phrase(key: str, count: int, **names: object) -> str:
    """A count of the diff's summary line in the interface's language (the rule of which
    counts it names is ``DiffTotals.summary_in``'s)."""
    phrases = {
        "added": ngettext("%(count)s added", "%(count)s added", count),
        "removed": ngettext("%(count)s removed", "%(count)s removed", count),
        "deleted": ngettext("%(count)s deleted", "%(count)s deleted", count),
        "changed": ngettext("%(count)s changed", "%(count)s changed", count),
        "unchanged": ngettext("%(count)s unchanged", "%(count)s unchanged", count),
        "first_described": ngettext(
            "%(count)s first described", "%(count)s first described", count
        ),
        "not_described": ngettext("%(count)s not described", "%(count)s not described", count),
        "split": ngettext("%(count)s split into %(into)s", "%(count)s split into %(into)s", count),
        "merged": ngettext(
            "%(count)s merged into %(into)s", "%(count)s merged into %(into)s", count
        ),
        "moved": ngettext("%(party)s moved on %(count)s", "%(party)s moved on %(count)s", count),
    }
    return phrases[key] % {"count": count, **names}


def summary_line(totals: DiffTotals) -> str:
    """The diff's one-line summary as the page says it, in the reader's language."""
    return totals.summary_in(_summary_phrase)


def text_diff(ops: Iterable[TextOp]) -> Markup:
    """A text with its word-level changes inline."""
    return pieces().text_diff(ops)


def diff_clauses(
    clauses: Iterable[ClauseDiff],
    *,
    plan_slug: str,
    old_number: int,
    new_number: int,
    old_partial: bool = False,
    language=None,
) -> Markup:
    """One article per clause of a diff from revision ``old_number`` to ``new_number``:
    what changed in it, its text with the changes inline, and the parties that moved.
    ``old_partial``: the old revision describes only part of its draft, so a position
    missing from it is not described rather than new. ``language``: the language the
    texts were asked in (a DiffLanguage), marking each clause's sides, or None."""
    links = DiffLinks(
        clause=slug_link("clauses:clause", "clause", plan=plan_slug),
        version=slug_link("clauses:clause_version", "clause", plan=plan_slug, number=new_number),
        party=slug_link("parties:detail", "party"),
    )
    return macros("comparison/_diff_clauses.jinja").diff_clauses(
        clauses,
        old=old_number,
        new=new_number,
        old_partial=old_partial,
        links=links,
        labels=labels(),
        pieces=Pieces(
            stances=stance_pieces(),
            directions=direction_pieces(MOVES),
            carried_over=pieces().carried_over(),
            demand_marker=pieces().demand_marker(),
        ),
        language=language,
    )


def edit_history(history: Sequence) -> Markup:
    """The table of a clause's ``HistoryEntry`` rows, newest first: a long negotiation's
    clause has a created row for each of its versions and their positions, hundreds of
    rows. Each distinct time is formatted once, as the ``date`` filter formats it."""
    dates = {}
    for entry in history:
        if entry.date not in dates:
            local = template_localtime(entry.date)
            dates[entry.date] = (date_filter(local, "c"), date_filter(local, "j M Y, H:i"))
    return macros("comparison/_edit_history.jinja").edit_history(
        history, dates, _what_words(history)
    )


def _what_words(history: Sequence) -> dict[tuple, Markup]:
    """What each history row changed, in words ("its wording in r3", "Russia's position
    in r3"), by (object, party name, revision): the words translated once per table and
    each owner's name written once, not once a row."""
    the_clause = Markup.escape(_("the clause"))
    # The phrases escaped once, then filled in as plain text with values already safe (a
    # number, an owner's escaped name): Markup's own ``%`` escapes each value again, which
    # on a table of hundreds of rows cost more than the rest of the table.
    wording = str(Markup.escape(_("its wording in r%(number)s")))
    party_position = str(Markup.escape(_("%(party)s position in r%(number)s")))
    a_position = str(Markup.escape(_("a position in r%(number)s")))
    owners: dict[str, Markup] = {}
    words: dict[tuple, Markup] = {}
    for entry in history:
        key = (entry.object, entry.party_name, entry.revision)
        if key in words:
            continue
        number = int(entry.revision) if entry.revision else "?"
        if entry.object == "clause":
            words[key] = the_clause
        elif entry.object == "clause_version":
            words[key] = Markup(wording % {"number": number})  # noqa: S704 -- escaped
        elif entry.party_name:
            if entry.party_name not in owners:
                owners[entry.party_name] = possessive(entry.party_name)
            owner = owners[entry.party_name]
            words[key] = Markup(party_position % {"party": owner, "number": number})  # noqa: S704 -- escaped
        else:
            words[key] = Markup(a_position % {"number": number})  # noqa: S704 -- escaped
    return words


def stance_steps(timeline, *, plan_slug: str, clause_slug: str) -> list[tuple[Any, Markup]]:
    """Each party's row of a ``ClauseTimeline`` with its stance in each revision holding
    the clause, latest first, each linking to its position there."""
    version_url = number_link(
        "clauses:clause_version", "number", plan=plan_slug, clause=clause_slug
    )
    revisions = [(number, version_url(number)) for number in timeline.numbers_newest_first]
    steps, stances = macros("comparison/_stance_steps.jinja").stance_steps, stance_pieces()
    return [
        (
            row,
            steps(
                [
                    (position.stance if position is not None else None, changed, *revision)
                    for (position, changed), revision in zip(
                        row.steps_newest_first(), revisions, strict=True
                    )
                ],
                row.party.slug,
                stances,
            ),
        )
        for row in timeline.stances
    ]


@dataclass(frozen=True)
class PartyStance:
    """One party's item of the clause page's "where each party stands": its latest
    position and latest statement (``StanceRow.latest``, ``.latest_statement``), with their
    texts broken into lines and escaped, their links and the statement's day in words."""

    name: str
    href: str
    steps: Markup  # its stance in each revision shown (``stance_steps``)
    latest: object | None
    statement: object | None
    demand: str  # each of these three escaped, with its line breaks (``_lines``)
    quote: str
    summary: str
    statement_href: str
    statement_number: int | None
    source_href: str  # the recorded source the statement cites, if any
    source_piece: Markup  # else its source's title and address
    stated_on: str


@dataclass(frozen=True)
class Marks:
    demand: Markup
    carried_over: Markup


def _lines(text: str) -> str:
    """``text`` escaped, its line breaks as ``<br>``: safe markup (Django's ``SafeString``,
    which Jinja2 prints as it is)."""
    return linebreaksbr(text, autoescape=True) if text else ""


def party_stances(timeline, *, plan_slug: str, clause_slug: str) -> Markup:
    """Each party's row of a ``ClauseTimeline``: its stance now and in each revision
    shown, and its latest statement with its source and day."""
    version_url = number_link(
        "clauses:clause_version", "number", plan=plan_slug, clause=clause_slug
    )
    party_url = slug_link("parties:detail", "party")
    day_format = pgettext("date format", "j F Y")
    source_piece = pieces().source
    parties = []
    for row, steps in stance_steps(timeline, plan_slug=plan_slug, clause_slug=clause_slug):
        latest, statement = row.latest, row.latest_statement
        number = statement.clause_version.revision.number if statement else None
        cited = statement.source_id if statement else None
        parties.append(
            PartyStance(
                name=row.party.name,
                href=party_url(row.party.slug),
                steps=steps,
                latest=latest,
                statement=statement,
                demand=_lines(latest.demand if latest else ""),
                quote=_lines(statement.quote if statement else ""),
                summary=_lines(statement.summary if statement else ""),
                statement_href=(
                    f"{version_url(number)}#position-{row.party.slug}" if number is not None else ""
                ),
                statement_number=number,
                source_href=reverse("sources:detail", kwargs={"source": cited}) if cited else "",
                source_piece=(
                    source_piece(statement.source_title, statement.source_url)
                    if statement and not cited
                    else Markup("")
                ),
                stated_on=(
                    date_filter(statement.stated_on, day_format)
                    if statement and statement.stated_on
                    else ""
                ),
            )
        )
    marks = Marks(demand=pieces().demand_marker(), carried_over=pieces().carried_over())
    return macros("comparison/_party_stances.jinja").party_stances(parties, stance_pieces(), marks)
