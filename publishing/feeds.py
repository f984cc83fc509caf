"""Atom feeds (django.contrib.syndication): a plan's new revisions with what each changed,
a clause's new wordings and stance moves, a party's moves (``PartyFeed``).

Every entry links to the page that shows its change (the diff of a revision, the clause
as worded in the revision) and says who recorded it and why: the editor is the entry's
author, the edit summary ends its text. Text from the database is HTML-escaped before it
goes into an entry's summary, which readers show as HTML.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from clauses.models import Clause
from clauses.selectors import clause_get
from clauses.since import SINCE, SinceError, parse_since, since_moment
from clauses.views.plans import plan_or_404
from comparison.views.clauses import NO_SUCH_CLAUSE
from comparison.views.parties import NO_SUCH_PARTY
from core.conditional import read_stamp, reads_query
from parties.models import Party
from parties.selectors import party_get
from publishing.selectors.feeds import (
    FEED_ENTRIES,
    Recorded,
    RevisionEntry,
    StanceMove,
    clause_feed_entries,
    party_stance_moves,
    plan_correction_entries,
    plan_revision_entries,
)

AUTHOR = "peaceplan"
UNKNOWN_EDITOR = "an editor whose name was not recorded"
# Where an entry with no recorded date sorts among dated ones: last.
_EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclass(frozen=True)
class FeedEntry:
    title: str
    description: str  # HTML, every value in it escaped
    path: str  # the page that shows the change
    guid: str  # unique and stable: the page plus what the entry is
    date: datetime.datetime | None
    author: str | None


def _who(recorded: Recorded | None) -> str:
    """The end of an entry's text: who recorded it and why."""
    if recorded is None:
        return "<p>Who recorded it is not known.</p>"
    return format_html(
        "<p>Recorded by {}. Why: {}</p>",
        recorded.user or UNKNOWN_EDITOR,
        recorded.reason or "no edit summary was given.",
    )


def revision_entry(entry: RevisionEntry) -> FeedEntry:
    revision = entry.revision
    plan = revision.plan.slug
    what: str
    if entry.totals is not None and revision.previous is not None:
        path = reverse("clauses:revision_diff", kwargs={"plan": plan, "number": revision.number})
        what = format_html(
            "<p>Against r{}: {}.</p>", revision.previous.number, entry.totals.summary
        )
    else:
        path = reverse("clauses:revision", kwargs={"plan": plan, "number": revision.number})
        what = "<p>The first draft: it continues no earlier revision.</p>"
    date = entry.recorded.date if entry.recorded else None
    if date is None and revision.published_on:
        date = _midnight(revision.published_on)
    return FeedEntry(
        title=f"r{revision.number}: {revision.label}",
        description=what + _who(entry.recorded),
        path=path,
        guid=f"{path}#revision-{revision.pk}",
        date=date,
        author=entry.recorded.user if entry.recorded else None,
    )


def correction_entry(correction) -> FeedEntry:
    """A correction of the record (a ``Correction``): what it was, on what, who and why."""
    plan = correction.plan.slug
    what = correction.get_kind_display()
    if correction.clause is not None:
        path = reverse("clauses:clause", kwargs={"plan": plan, "clause": correction.clause.slug})
        subject = f"“{correction.clause.title}”"
        if correction.revision is not None:
            subject += f" in r{correction.revision.number}"
    elif correction.revision is not None:
        path = reverse(
            "clauses:revision", kwargs={"plan": plan, "number": correction.revision.number}
        )
        subject = f"r{correction.revision.number}: {correction.revision.label}"
    else:
        path = reverse("clauses:plan", kwargs={"plan": plan})
        subject = correction.plan.title
    detail = ""
    if correction.kind == "withdraw" and correction.after.get("reason"):
        detail = format_html("<p>Reason: {}</p>", correction.after["reason"])
    elif correction.kind == "rename":
        detail = format_html(
            "<p>“{}” is now “{}”; its old address redirects.</p>",
            correction.before.get("title", ""),
            correction.after.get("title", ""),
        )
    user = correction.recorded_by
    recorded = Recorded(
        date=correction.recorded_at,
        user=user.get_username() if user is not None else None,
        reason=correction.summary,
    )
    return FeedEntry(
        title=f"Correction: {subject} {what}",
        description=detail + _who(recorded),
        path=path,
        guid=f"{path}#correction-{correction.pk}",
        date=correction.recorded_at,
        author=recorded.user,
    )


def move_entry(move: StanceMove) -> FeedEntry:
    path = reverse(
        "clauses:clause_version",
        kwargs={"plan": move.plan, "clause": move.clause, "number": move.revision},
    )
    summary = format_html("<p>{}</p>", move.summary) if move.summary else ""
    return FeedEntry(
        title=move.title,
        description=summary + _who(move.recorded),
        path=f"{path}#position-{move.party}",
        guid=f"{path}#history-position-{move.history_id}",
        date=move.recorded.date,
        author=move.recorded.user,
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


@reads_query(SINCE)
class AtomFeed(Feed):
    """What the feeds share: Atom, a feed-level author (RFC 4287 asks for one where an
    entry may have none), entries as ``FeedEntry``, and ``?since=YYYY-MM-DD``, which keeps
    the entries recorded on or after that day (UTC); a bad day is a 400 naming ``since``."""

    feed_type = Atom1Feed
    author_name = AUTHOR

    def __call__(self, request, *args, **kwargs):
        given = request.GET.get(SINCE)
        since = None
        if given is not None:
            try:
                since = parse_since(given)
            except SinceError as refused:
                return HttpResponseBadRequest(
                    str(refused), content_type="text/plain; charset=utf-8"
                )
        # One feed instance serves every request: the day travels with the request.
        request.feed_since = since
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        subject = self.subject(request, *args, **kwargs)
        subject.feed_since = getattr(request, "feed_since", None)
        return subject

    def subject(self, request, *args, **kwargs):
        """What the feed is about (a plan, a clause, a party), or 404."""
        raise NotImplementedError

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Atom ids are absolute IRIs; a guid is a path of this site until made so here,
        # where the request is at hand (one feed instance serves every request).
        for item in feed.items:
            item["unique_id"] = request.build_absolute_uri(item["unique_id"])
        return feed

    def items(self, obj) -> list[FeedEntry]:
        entries = self.entries(obj)
        since = getattr(obj, "feed_since", None)
        if since is None:
            return entries
        start = since_moment(since)
        return [entry for entry in entries if entry.date is not None and entry.date >= start]

    def entries(self, obj) -> list[FeedEntry]:
        """The feed's entries, newest first, before ``since`` is applied."""
        raise NotImplementedError

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_link(self, item: FeedEntry) -> str:
        return item.path

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedEntry):
        return item.date

    def item_updateddate(self, item: FeedEntry):
        # Atom requires <updated>; an entry with no recorded date takes the feed's time.
        return item.date or timezone.now()

    def item_author_name(self, item: FeedEntry):
        return item.author


class PlanFeed(AtomFeed):
    """New revisions of a plan and the corrections of its record: ``/plans/<plan>/feed/``
    (six queries; four once the diff totals are cached: publishing/selectors/feeds.py)."""

    def subject(self, request, plan):
        found = plan_or_404(plan)
        # The stamp the page is read at keys the cached diff totals (the feed instance
        # serves every request: the stamp travels with the plan, as ``since`` does).
        stamp = read_stamp(request)
        found.feed_stamp = stamp.tag if stamp is not None else None
        return found

    def title(self, plan) -> str:
        return f"{plan.title}: new revisions"

    def subtitle(self, plan) -> str:
        return (
            f"Each new revision of {plan.title} with what it changed, and each correction "
            "of its record, newest first."
        )

    def link(self, plan) -> str:
        return reverse("clauses:revisions", kwargs={"plan": plan.slug})

    def entries(self, plan) -> list[FeedEntry]:
        found = plan_revision_entries(plan=plan, stamp=getattr(plan, "feed_stamp", None))
        entries = [revision_entry(entry) for entry in found]
        entries += [correction_entry(c) for c in plan_correction_entries(plan=plan)]
        # Newest first; an entry with no recorded date goes last.
        return sorted(entries, key=lambda entry: entry.date or _EARLIEST, reverse=True)


def wording_entry(clause: Clause, wording) -> FeedEntry:
    path = reverse(
        "clauses:clause_version",
        kwargs={"plan": clause.plan.slug, "clause": clause.slug, "number": wording.revision},
    )
    kind = "First wording" if wording.first else "New wording"
    return FeedEntry(
        title=f"{clause.title} (r{wording.revision}, point {wording.number}): {kind.lower()}",
        description=format_html("<p>{}: {}</p>", kind, wording.text) + _who(wording.recorded),
        path=path,
        guid=f"{path}#history-wording-{wording.history_id}",
        date=wording.recorded.date,
        author=wording.recorded.user,
    )


class ClauseFeed(AtomFeed):
    """A clause's new wordings and stance moves: ``/plans/<plan>/clauses/<clause>/feed/``
    (three queries)."""

    def subject(self, request, plan, clause):
        try:
            return clause_get(plan_slug=plan, clause_slug=clause)
        except Clause.DoesNotExist:
            raise Http404(NO_SUCH_CLAUSE) from None

    def title(self, clause) -> str:
        return f"{clause.title} · {clause.plan.title}: wordings and stances"

    def subtitle(self, clause) -> str:
        return f"New wordings of {clause.title} and each party's stance moves on it, newest first."

    def link(self, clause) -> str:
        return reverse("clauses:clause", kwargs={"plan": clause.plan.slug, "clause": clause.slug})

    def entries(self, clause) -> list[FeedEntry]:
        found = clause_feed_entries(clause=clause)
        entries = [wording_entry(clause, w) for w in found.wordings]
        entries += [move_entry(move) for move in found.moves]
        entries.sort(key=lambda e: e.date or timezone.now(), reverse=True)
        return entries[:FEED_ENTRIES]


class PartyFeed(AtomFeed):
    def subject(self, request, party):
        try:
            return party_get(party)
        except Party.DoesNotExist:
            raise Http404(NO_SUCH_PARTY) from None

    def title(self, party) -> str:
        return f"{party.name}: stance moves"

    def subtitle(self, party) -> str:
        return f"Each stance {party.name} takes or changes on a clause, newest first."

    def link(self, party) -> str:
        return reverse("parties:detail", kwargs={"party": party.slug})

    def entries(self, party) -> list[FeedEntry]:
        return [move_entry(move) for move in party_stance_moves(party=party)]
