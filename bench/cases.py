"""What is measured at each size: every case with its app, naive and floor variants.

Pages and API reads go through Django's test client (the whole handler and middleware, as
a request would); the rest are called directly. Writes run in a transaction rolled back
after each run, so every run starts from the same data. A case that does not run at a size
is kept, marked missing with the reason, so the table always lists every case.
"""

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from bench.config import SEARCH_COMMON, SEARCH_RARE, Size, synopsis_numbers
from bench.fields import diff_compared
from bench.languages import (
    LANGUAGE,
    floor_translation_align,
    naive_translation_align,
    ukrainian_paste,
)
from clauses.models import Plan, Revision
from clauses.selectors.plans import clause_versions_of
from clauses.services import revision_clone
from clauses.services.edits import clause_version_update, position_update
from comparison.diff import diff
from comparison.selectors.diffs import party_names_of, revision_diff, revision_snapshot
from drafting.services import draft_align, proposed_points, revision_from_paste
from generator.plans import draft_paste
from parties.models import Party

CLONE_SUMMARY = "Benchmark: clone (rolled back)"
WRITE_SUMMARY = "Benchmark: write (rolled back)"
# The party page shows every plan in the database, whatever the size measured: read once.
LARGEST_ONLY = "read at the largest size only: it shows every plan in the database at any size"


class BenchError(RuntimeError):
    pass


@dataclass
class SizeContext:
    """The data one size's cases run on."""

    size: Size
    plan: Plan
    revisions: list[Revision]  # by number
    user: object
    client: Client = field(default_factory=Client)
    paste: str = ""
    clause: str = ""  # the slug of the clause whose page is read
    largest: bool = True  # the largest size of the run: reads of the whole database run here
    party: str = ""  # the slug of the party whose page is read

    @property
    def latest(self) -> Revision:
        return self.revisions[-1]

    @property
    def first(self) -> Revision:
        return self.revisions[0]

    @property
    def previous(self) -> Revision:
        return self.latest.previous


def first_clause(revision: Revision) -> str | None:
    """The slug of the revision's first clause in draft order."""
    return (
        revision.clause_versions.order_by("position_in_draft", "clause_id")
        .values_list("clause__slug", flat=True)
        .first()
    )


def same_clause_everywhere(contexts: list[SizeContext]) -> None:
    """Read the largest plan's clause at every size whose latest draft holds it too (its
    slug names the same clause in every generated plan): the cost of a long history then
    compares one clause with fewer and more revisions, not two clauses."""
    clause = contexts[-1].clause
    for ctx in contexts[:-1]:
        if ctx.latest.clause_versions.filter(clause__slug=clause).exists():
            ctx.clause = clause


def size_context(size: Size, plan: Plan, *, seed: int) -> SizeContext:
    revisions = list(plan.revisions.select_related("plan", "previous").order_by("number"))
    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    latest = revisions[-1]
    versions = latest.clause_versions.order_by("position_in_draft").values_list("number", "text")
    paste = draft_paste(list(versions), seed=seed, points=size.clauses)
    # The first clause of the latest draft, and the first party in the parties' order.
    clause = first_clause(latest)
    party = Party.objects.order_by("sort_order", "name").values_list("slug", flat=True).first()
    return SizeContext(
        size=size,
        plan=plan,
        revisions=revisions,
        user=user,
        paste=paste,
        clause=clause or "",
        party=party or "",
    )


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    app: Callable[[], object] | None = None
    naive: Callable[[], object] | None = None
    floor: Callable[[], object] | None = None
    missing: str = ""  # why the case does not run at this size
    # Extracts, from any variant's result, what all variants must agree on.
    agreement: Callable[[object], object] | None = None
    floor_note: str = ""


def _get(client: Client, url: str):
    def run():
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"GET {url} answered {response.status_code}")
        if response.streaming:
            # A streamed export costs nothing until read: read it, as a client would.
            response.body = b"".join(response.streaming_content)
        return response

    return run


def _rolled_back(fn: Callable[[], object]) -> Callable[[], object]:
    def run():
        with transaction.atomic():
            result = fn()
            transaction.set_rollback(True)
        return result

    return run


def _pages(ctx: SizeContext) -> list[Case]:
    slug, n, first = ctx.plan.slug, ctx.latest.number, ctx.first.number
    paths = {
        "overview_page": ("plan overview page", f"plans/{slug}/"),
        "diff_page": ("revision diff page", f"plans/{slug}/revisions/{n}/diff/"),
        "compare_page": (
            f"compare page (r{first} to r{n})",
            f"plans/{slug}/compare/{first}...{n}/",
        ),
    }
    return _page_cases(ctx, paths)


def _page_cases(
    ctx: SizeContext, paths: dict[str, tuple[str, str]], *, peers: str = "", query: str = ""
) -> list[Case]:
    """A case for each page of ``paths`` (key: title and path), beside its naive and floor
    peers served under /_bench/ (under ``peers`` there, e.g. ``lang/``)."""
    return [
        Case(
            key,
            title,
            app=_get(ctx.client, f"/{path}{query}"),
            naive=_get(ctx.client, f"/_bench/naive/{peers}{path}{query}"),
            floor=_get(ctx.client, f"/_bench/floor/{peers}{path}{query}"),
        )
        for key, (title, path) in paths.items()
    ]


def _pages_in_a_language(ctx: SizeContext) -> list[Case]:
    """The overview and the diff read in Ukrainian (bench/languages.py made the texts)."""
    slug, n = ctx.plan.slug, ctx.latest.number
    paths = {
        "overview_page_uk": ("plan overview page in Ukrainian (?lang=uk)", f"plans/{slug}/"),
        "diff_page_uk": (
            "revision diff page in Ukrainian (?lang=uk)",
            f"plans/{slug}/revisions/{n}/diff/",
        ),
    }
    return _page_cases(ctx, paths, peers="lang/", query=f"?lang={LANGUAGE}")


def _translation_align(ctx: SizeContext) -> Case:
    """A Ukrainian text of the latest revision pasted and aligned to its clause versions,
    as the translation paste's second step does (drafting/translation_views.py)."""
    from drafting.parse import parse_draft
    from drafting.translation_align import OriginalPoint, align_translation
    from translations.selectors import revision_points

    revision = ctx.latest
    paste = ukrainian_paste(revision)

    def run():
        points = revision_points(revision=revision)
        return align_translation(
            parse_draft(paste).points,
            [OriginalPoint(key=p.pk, number=p.number, text=p.text) for p in points],
            revision_number=revision.number,
        )

    return Case(
        "translation_align",
        f"align a {ctx.size.clauses}-point Ukrainian paste",
        app=run,
        naive=lambda: naive_translation_align(paste, revision),
        floor=lambda: floor_translation_align(paste, revision),
        floor_note="point numbers only: a lower bound, not the same answer",
    )


SYNOPSIS_ROWS = re.compile(r"<strong>(\d+)</strong> clauses?")


def _synopsis_rows(response) -> object:
    """The number of rows (clauses) a synopsis page counts at its top; a page without
    that count agrees with none."""
    found = SYNOPSIS_ROWS.search(_body(response))
    return int(found.group(1)) if found else object()


def _synopsis(ctx: SizeContext) -> Case:
    numbers = synopsis_numbers([revision.number for revision in ctx.revisions])
    title = f"synopsis page ({', '.join(f'r{n}' for n in numbers)}; base r{numbers[0]})"
    if len(numbers) < 2:
        return Case("synopsis_page", title, missing="a synopsis needs two revisions")
    path = f"plans/{ctx.plan.slug}/synopsis/"
    query = f"?revisions={','.join(map(str, numbers))}&base={numbers[0]}"
    return Case(
        "synopsis_page",
        title,
        app=_get(ctx.client, f"/{path}{query}"),
        naive=_get(ctx.client, f"/_bench/naive/{path}{query}"),
        floor=_get(ctx.client, f"/_bench/floor/{path}{query}"),
        agreement=_synopsis_rows,
    )


def _diff_totals(result) -> tuple:
    """The totals of any variant's diff, as (added, removed, changed, unchanged)."""
    if isinstance(result, dict):  # naive
        totals = result["totals"]
    elif isinstance(result, tuple):  # floor: (totals, moved, clauses)
        totals = result[0]
    else:  # comparison.diff.RevisionDiff
        totals = vars(result.totals)
    return tuple(totals[k] for k in ("added", "removed", "changed", "unchanged"))


def _rows_of(snapshot) -> dict:
    """A snapshot as the rows the naive and floor diff functions take."""
    return {
        c.clause_id: [
            c.number,
            str(c.status),
            c.text,
            c.slug,
            c.title,
            str(c.topic),
            {slug: diff_compared(p) for slug, p in c.positions.items()},
        ]
        for c in snapshot.clauses
    }


def _worked_out(result):
    """The app's diff with every clause's word diff computed, as the peers compute theirs:
    the app defers them until a page reads them, which would time less work than theirs."""
    for clause in result.clauses:
        clause.text.ops  # noqa: B018 (read for its side effect: the deferred work)
    return result


def _diffs(ctx: SizeContext) -> list[Case]:
    from bench import floor, naive

    old, new = ctx.previous, ctx.latest
    old_snapshot, new_snapshot = revision_snapshot(old), revision_snapshot(new)
    names = party_names_of(clause_versions_of([old, new]))
    old_rows, new_rows = _rows_of(old_snapshot), _rows_of(new_snapshot)
    return [
        Case(
            "revision_diff",
            f"diff r{old.number} to r{new.number}: load and compute",
            app=lambda: _worked_out(revision_diff(old=old, new=new)),
            naive=lambda: naive.revision_diff(old=old, new=new),
            floor=lambda: floor.revision_diff(
                plan_slug=ctx.plan.slug, old_number=old.number, new_number=new.number
            ),
            agreement=_diff_totals,
        ),
        Case(
            "diff_function",
            "diff(): the function alone, on loaded data",
            app=lambda: diff(old_snapshot, new_snapshot, party_names=names),
            naive=lambda: naive.pure_diff(old_rows, new_rows),
            floor=lambda: floor.compute(old_rows, new_rows),
            agreement=_diff_totals,
        ),
    ]


def _api(ctx: SizeContext) -> list[Case]:
    slug, n = ctx.plan.slug, ctx.latest.number
    cases = []
    for size in (50, 500):
        query = f"?plan={slug}&revision={n}&page_size={size}"
        cases.append(
            Case(
                f"positions_api_{size}",
                f"positions API list, page of {size}",
                app=_get(ctx.client, f"/api/v1/positions/{query}"),
                naive=_get(ctx.client, f"/_bench/naive/api/positions/{query}"),
                floor=_get(ctx.client, f"/_bench/floor/api/positions/{query}"),
            )
        )
    path = f"plans/{slug}/revisions/{n}/"
    cases.append(
        Case(
            "revision_api",
            "revision detail API (every clause and position)",
            app=_get(ctx.client, f"/api/v1/{path}"),
            naive=_get(ctx.client, f"/_bench/naive/api/{path}"),
            floor=_get(ctx.client, f"/_bench/floor/api/{path}"),
        )
    )
    return cases


def _clone(ctx: SizeContext) -> Case:
    from bench import floor, naive

    source, user = ctx.latest, ctx.user
    return Case(
        "clone",
        "clone a revision (rolled back)",
        app=_rolled_back(lambda: revision_clone(source=source, user=user, summary=CLONE_SUMMARY)),
        naive=_rolled_back(lambda: naive.clone(source=source, user=user, summary=CLONE_SUMMARY)),
        floor=_rolled_back(lambda: floor.clone(source=source, user=user, summary=CLONE_SUMMARY)),
    )


def _align(ctx: SizeContext) -> Case:
    from bench import floor, naive

    points = ctx.size.clauses
    text, previous = ctx.paste, ctx.latest
    return Case(
        "align",
        f"align a {points}-point paste",
        app=lambda: draft_align(text=text, previous=previous),
        naive=lambda: naive.align(text=text, previous=previous),
        floor=lambda: floor.align(text=text, previous=previous),
        floor_note="exact matches only: a lower bound, not the same answer",
    )


def _first_version(revision: Revision):
    """The revision's first clause version in draft order, and its first position."""
    from clauses.models import ClauseVersion, Position

    version = ClauseVersion.objects.filter(revision=revision).order_by(
        "position_in_draft", "clause_id"
    )[0]
    position = Position.objects.filter(clause_version=version).order_by("party_id").first()
    return version, position


def _edits(ctx: SizeContext) -> list[Case]:
    """A position's summary and a clause's wording edited in the first revision and in the
    latest: an edit to the first must cost what one to the latest does (rolled back)."""
    from bench import writes

    user, cases = ctx.user, {}
    for place, revision in (("first", ctx.first), ("latest", ctx.latest)):
        version, position = _first_version(revision)
        where = f"in r{revision.number} (rolled back)"
        if position is None:
            cases[f"position_edit_{place}"] = Case(
                f"position_edit_{place}", f"position edit {where}", missing="no position"
            )
        else:
            changes = {"summary": position.summary + writes.EDIT_MARK}
            cases[f"position_edit_{place}"] = Case(
                f"position_edit_{place}",
                f"position edit {where}",
                app=_rolled_back(
                    lambda p=position, c=changes: position_update(
                        position=p,
                        expected_version=p.version,
                        changes=c,
                        user=user,
                        summary=WRITE_SUMMARY,
                    )
                ),
                naive=_rolled_back(
                    lambda pk=position.pk: writes.naive_position_edit(
                        position_id=pk, user=user, summary=WRITE_SUMMARY
                    )
                ),
                floor=_rolled_back(
                    lambda pk=position.pk: writes.floor_position_edit(
                        position_id=pk, user=user, summary=WRITE_SUMMARY
                    )
                ),
            )
        changes = {"text": version.text + writes.EDIT_MARK}
        cases[f"wording_edit_{place}"] = Case(
            f"wording_edit_{place}",
            f"clause rewording {where}",
            app=_rolled_back(
                lambda v=version, c=changes: clause_version_update(
                    clause_version=v,
                    expected_version=v.version,
                    changes=c,
                    user=user,
                    summary=WRITE_SUMMARY,
                )
            ),
            naive=_rolled_back(
                lambda pk=version.pk: writes.naive_wording_edit(
                    clause_version_id=pk, user=user, summary=WRITE_SUMMARY
                )
            ),
            floor=_rolled_back(
                lambda pk=version.pk: writes.floor_wording_edit(
                    clause_version_id=pk, user=user, summary=WRITE_SUMMARY
                )
            ),
        )
    return [cases[key] for key in WRITE_KEYS[:4]]


WRITE_KEYS = [
    "position_edit_first",
    "position_edit_latest",
    "wording_edit_first",
    "wording_edit_latest",
    "paste_record",
]


def _paste_record(ctx: SizeContext) -> Case:
    """The size's pasted draft recorded as the next revision, its points as the aligner
    proposes them (``drafting.services.revision_from_paste``; rolled back)."""
    from bench import writes
    from clauses.models import Clause

    previous, user, plan = ctx.latest, ctx.user, ctx.plan
    topics = dict(Clause.objects.filter(plan=plan).values_list("pk", "topic"))
    points = proposed_points(draft_align(text=ctx.paste, previous=previous), topics)
    return Case(
        "paste_record",
        f"record a {len(points)}-point pasted draft (rolled back)",
        app=_rolled_back(
            lambda: revision_from_paste(
                plan=plan, previous=previous, points=points, user=user, summary=WRITE_SUMMARY
            )
        ),
        naive=_rolled_back(
            lambda: writes.naive_paste_record(
                previous=previous, points=points, user=user, summary=WRITE_SUMMARY
            )
        ),
        floor=_rolled_back(
            lambda: writes.floor_paste_record(
                previous=previous, points=points, user=user, summary=WRITE_SUMMARY
            )
        ),
    )


def _body(response) -> str:
    body = response.body if response.streaming else response.content
    return body.decode("utf-8-sig")


def _csv_rows(response) -> int:
    """The data rows of a CSV answer (its header left out)."""
    return len(list(csv.reader(io.StringIO(_body(response))))) - 1


def _json_rows(response) -> int:
    return len(json.loads(_body(response))["rows"])


FEED_TOTALS = re.compile(r"(\d+) added, (\d+) removed, (\d+) changed, (\d+) unchanged")


def _feed_totals(response) -> list[tuple[str, ...]]:
    """Each entry's change counts, newest first, as the feed's text gives them."""
    return FEED_TOTALS.findall(_body(response))


def _reads(ctx: SizeContext) -> list[Case]:
    """The clause and party pages, the latest revision's exports and the plan's feed."""
    slug, n = ctx.plan.slug, ctx.latest.number
    reads = {
        "clause_page": (
            f"clause page ({ctx.clause})",
            f"plans/{slug}/clauses/{ctx.clause}/",
            "",
            None,
        ),
        "party_page": (f"party page ({ctx.party})", f"parties/{ctx.party}/", "", None),
        "revision_csv": (
            f"positions CSV export (r{n})",
            f"plans/{slug}/revisions/{n}/",
            "?format=csv",
            _csv_rows,
        ),
        "revision_json": (
            f"positions JSON export (r{n})",
            f"plans/{slug}/revisions/{n}/",
            "?format=json",
            _json_rows,
        ),
        "plan_feed": ("plan feed (Atom, newest 10 revisions)", f"plans/{slug}/feed/", "", None),
    }
    peer_paths = {"revision_csv": "csv/", "revision_json": "json/"}
    cases = []
    for key, (title, path, query, agreement) in reads.items():
        if key == "party_page" and not ctx.largest:
            cases.append(Case(key, title, missing=LARGEST_ONLY))
            continue
        peer = f"{path}{peer_paths.get(key, '')}"
        cases.append(
            Case(
                key,
                title,
                app=_get(ctx.client, f"/{path}{query}"),
                naive=_get(ctx.client, f"/_bench/naive/{peer}"),
                floor=_get(ctx.client, f"/_bench/floor/{peer}"),
                agreement=_feed_totals if key == "plan_feed" else agreement,
            )
        )
    return cases


def _search(ctx: SizeContext) -> list[Case]:
    """Full-text search of the size's plan (search/selectors.py) beside ``icontains`` over
    the same fields (bench/naive_search.py); the index is brought up to date first."""
    from bench import naive_search
    from search.query import parse_query
    from search.selectors import Filters, search_page
    from search.services import index_catch_up

    index_catch_up()
    filters = Filters(plan=ctx.plan.pk)
    rare = naive_search.term_found(ctx.plan, SEARCH_RARE, fallback_from=ctx.latest)
    return [
        Case(
            f"search_{name}",
            f"search, a {name} term ({term!r})",
            app=lambda term=term: search_page(query=parse_query(term), filters=filters),
            naive=lambda term=term: naive_search.search(plan=ctx.plan, query=term),
            floor=lambda term=term: naive_search.floor(plan=ctx.plan, query=term),
            floor_note="the page of clauses alone: no passages, no revisions",
        )
        for name, term in (("common", SEARCH_COMMON), ("rare", rare))
    ]


def _statements(ctx: SizeContext) -> Case:
    """Statements proposed from a 1,500-word report against the size's plan: the alias
    table and the current clauses read, then the extraction (statements/selectors.py)."""
    from bench import naive_statements
    from bench.statements_report import WORDS, report_of
    from statements.selectors import proposing_for

    report = report_of()
    return Case(
        "statements_propose",
        f"statements proposed from a {WORDS:,}-word report",
        app=lambda: proposing_for(plan=ctx.plan).propose(report),
        naive=lambda: naive_statements.naive(plan=ctx.plan, report=report),
        floor=lambda: naive_statements.floor(plan=ctx.plan, report=report),
        floor_note="speaker cues and names found by two regular expressions: no clauses, "
        "no stance, no pronouns",
    )


def build_cases(ctx: SizeContext, keys: Iterable[str] | None = None) -> list[Case]:
    """Every case of ``ctx``'s size, or those of ``keys`` only (in the usual order)."""
    # The writes read their rows (and align the paste) first: built only when asked for.
    wanted_writes = keys is None or bool(set(WRITE_KEYS) & set(keys))
    writes = [*_edits(ctx), _paste_record(ctx)] if wanted_writes else []
    cases = [
        *_pages(ctx),
        *_pages_in_a_language(ctx),
        _synopsis(ctx),
        *_diffs(ctx),
        *_api(ctx),
        _clone(ctx),
        _align(ctx),
        _translation_align(ctx),
        *writes,
        _statements(ctx),
        *_reads(ctx),
    ]
    if keys is None or {"search_common", "search_rare"} & set(keys):
        cases += _search(ctx)
    if keys is None:
        return cases
    wanted = set(keys)
    return [case for case in cases if case.key in wanted]
