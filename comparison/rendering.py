"""The markup of the comparison pages that repeats for every clause and party: the diff's
clause articles (templates/comparison/_diff_clauses.jinja), a text diff, and a clause's edit
history (templates/comparison/_edit_history.jinja). Jinja2 templates, for their speed on the
long pages (see core/jinja2.py); what they show is prepared here as plain data."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.template.defaultfilters import date as date_filter
from django.utils.timezone import (  # type: ignore[attr-defined]  # django-stubs lack it
    template_localtime,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
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
    wording = Markup.escape(_("its wording in r%(number)s"))
    party_position = Markup.escape(_("%(party)s position in r%(number)s"))
    a_position = Markup.escape(_("a position in r%(number)s"))
    owners: dict[str, Markup] = {}
    words: dict[tuple, Markup] = {}
    for entry in history:
        key = (entry.object, entry.party_name, entry.revision)
        if key in words:
            continue
        number = entry.revision or "?"
        if entry.object == "clause":
            words[key] = the_clause
        elif entry.object == "clause_version":
            words[key] = wording % {"number": number}
        elif entry.party_name:
            if entry.party_name not in owners:
                owners[entry.party_name] = possessive(entry.party_name)
            words[key] = party_position % {"party": owners[entry.party_name], "number": number}
        else:
            words[key] = a_position % {"number": number}
    return words


def stance_steps(timeline, *, plan_slug: str, clause_slug: str) -> list[tuple[object, Markup]]:
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
