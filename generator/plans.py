"""A realistic plan of any size, for benchmarks and for trying the pages on a long negotiation.

Two halves. :func:`evolve` is pure: from a size and a seed it yields each revision as plain
data, every revision continuing the one before it (a few percent of clauses reworded, some
added, some dropped, a share of stances moved, every tenth draft renumbered clean). It
draws every choice from one ``random.Random(seed)`` and never looks at database ids, so a
seed always gives the same plan. :func:`generate_plan` writes those revisions in bulk, one
revision at a time, with a history row for every record it creates (simple-history's
``bulk_history_create``; ``history=False`` skips them for speed).

:func:`draft_paste` turns a revision into the text an editor would paste for the next
draft ("1. ...", "2) ...", "Point 3: ...", wrapped lines, sub-points), for timing the
alignment of a pasted draft.
"""

import datetime
import random
import re
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connections, transaction
from django.db.models import CharField, DateTimeField, IntegerField, QuerySet, TextField, Value
from django.utils.text import slugify

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.services.fingerprints import fingerprints_refresh
from clauses.vocabularies import ORDINAL, ClauseStatus, Provenance, RevisionStatus, Stance, Topic
from generator.words import (
    ACTIONS,
    ACTORS,
    FIGURES,
    LABELS,
    MODALS,
    MONITORS,
    OUTLETS,
    PARTIES,
    QUALIFIERS,
    REGIONS,
    STANCE_WORDS,
    TITLES,
)
from parties.models import Party, PartyKind

# Bumped whenever a change here changes the plan a seed gives, so that a database built by
# an older generator is not mistaken for the current one (see plan_description).
GENERATOR_VERSION = 2

SLUG_TAKEN = (
    "A plan with slug {slug!r} already exists: pass another --slug, or use another database."
)

START_DATE = datetime.date(2025, 2, 3)
DAYS_BETWEEN_DRAFTS = 9
# Drafts 11, 21, 31 ... are consolidated texts, numbered 1, 2, 3 ... again; so the last
# draft of a plan of 10, 50 or 100 revisions is an ordinary one, as most drafts are.
REDRAFT_EVERY = 10


@dataclass(frozen=True)
class Rates:
    """What changes from one revision to the next, as shares of the clauses (or positions)."""

    reword: float = 0.03
    add: float = 0.01
    drop: float = 0.01
    status: float = 0.02
    stance_move: float = 0.05
    reconfirm: float = 0.02  # same stance, newly sourced: no longer carried over


DEFAULT_RATES = Rates()


# Stances a first draft starts from, most often unknown or conditional.
INITIAL_STANCES = [
    (Stance.SUPPORTS, 0.18),
    (Stance.CONDITIONAL, 0.24),
    (Stance.AMBIGUOUS, 0.14),
    (Stance.OPPOSES, 0.18),
    (Stance.RED_LINE, 0.08),
    (Stance.UNKNOWN, 0.18),
]
SCALE = [Stance.RED_LINE, Stance.OPPOSES, Stance.AMBIGUOUS, Stance.CONDITIONAL, Stance.SUPPORTS]


# The plain data of a plan: what evolve() yields.


class PositionState(NamedTuple):
    stance: str
    summary: str
    quote: str
    source_title: str
    source_url: str
    stated_on: datetime.date | None
    carried_over: bool


@dataclass
class ClauseState:
    """One clause as it stands in the latest revision; ``key`` is its order of creation."""

    key: int
    slug: str
    title: str
    topic: str
    description: str
    text: str
    status: str
    number: str  # "" until the draft numbers it
    positions: tuple[PositionState, ...]  # one per party, in party order


class VersionDraft(NamedTuple):
    key: int
    number: str
    position_in_draft: int
    text: str
    status: str
    positions: tuple[PositionState, ...]


@dataclass(frozen=True)
class RevisionDraft:
    number: int
    label: str
    status: str
    provenance: str
    proposed_by: int | None  # index into the parties
    published_on: datetime.date
    source_title: str
    source_url: str
    versions: tuple[VersionDraft, ...]  # in draft order
    new_clauses: tuple[ClauseState, ...]  # clauses that first appear in this revision
    added: tuple[int, ...] = ()  # keys
    dropped: tuple[int, ...] = ()
    reworded: tuple[int, ...] = ()
    stances_moved: int = 0


@dataclass
class _Writer:
    """Draws text from the vocabulary with one random generator."""

    rng: random.Random
    counter: int = field(default=0)

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            region=rng.choice(REGIONS),
            n=rng.choice(FIGURES),
            monitor=rng.choice(MONITORS),
            annex=rng.choice("ABCDEFGH"),
        )

    def sentence(self, topic: str, *, short: bool = False) -> str:
        rng = self.rng
        text = f"{rng.choice(ACTORS)} {rng.choice(MODALS)} {self.fill(rng.choice(ACTIONS[topic]))}"
        if not short and rng.random() < 0.6:
            text += ", " + self.fill(rng.choice(QUALIFIERS))
        return text + "."

    def clause_text(self, topic: str) -> str:
        """A few words to a few hundred: most clauses run one to four sentences."""
        draw = self.rng.random()
        if draw < 0.12:
            return self.sentence(topic, short=True)
        if draw < 0.65:
            sentences = self.rng.randint(1, 3)
        elif draw < 0.95:
            sentences = self.rng.randint(3, 6)
        else:
            sentences = self.rng.randint(8, 15)
        return " ".join(self.sentence(topic) for _ in range(sentences))

    def reword(self, text: str, topic: str) -> str:
        """One edit an editor of a draft would make: a figure, a sentence, a qualifier."""
        rng = self.rng
        sentences = re.split(r"(?<=\.) ", text)
        kind = rng.random()
        figures = list(re.finditer(r"\d[\d,]*", text))
        if kind < 0.3 and figures:
            match = rng.choice(figures)
            figure = rng.choice([f for f in FIGURES if f != match.group()])
            return text[: match.start()] + figure + text[match.end() :]
        index = rng.randrange(len(sentences))
        if kind < 0.55:
            sentences[index] = self.sentence(topic)
        elif kind < 0.75 or len(sentences) == 1:
            sentences.insert(index + 1, self.sentence(topic))
        elif kind < 0.85:
            del sentences[index]
        else:
            qualifier = self.fill(rng.choice(QUALIFIERS))
            sentences[index] = sentences[index].rstrip(".") + f", {qualifier}."
        return " ".join(sentences)

    def source(self, when: datetime.date) -> tuple[str, str]:
        outlet = self.rng.choice(OUTLETS)
        self.counter += 1
        title = f"{outlet}, {when:%d %B %Y}: statement on the draft"
        url = f"https://news.example.org/{slugify(outlet)}/{when:%Y/%m/%d}/{self.counter}"
        return title, url

    def position(self, party: str, stance: str, topic: str, when: datetime.date) -> PositionState:
        rng = self.rng
        summary = f"{party} {rng.choice(STANCE_WORDS[stance])}."
        if rng.random() < 0.4:
            summary += " " + self.sentence(topic)
        quote = self.sentence(topic) if stance != Stance.UNKNOWN and rng.random() < 0.3 else ""
        if stance == Stance.UNKNOWN:
            return PositionState(stance, summary, "", "", "", None, False)
        title, url = self.source(when)
        return PositionState(stance, summary, quote, title, url, when, False)


def _initial_stance(rng: random.Random) -> str:
    draw = rng.random()
    for stance, share in INITIAL_STANCES:
        draw -= share
        if draw < 0:
            return stance
    return Stance.UNKNOWN


def _moved_stance(rng: random.Random, stance: str) -> str:
    """A step along the scale, more often toward agreement; unknown becomes known."""
    value = ORDINAL[stance]
    if value is None:  # unknown
        return rng.choice(SCALE)
    step = 1 if rng.random() < 0.6 else -1
    if rng.random() < 0.05:
        return Stance.UNKNOWN
    return SCALE[max(0, min(len(SCALE) - 1, value + step + 2))]


def _count(rng: random.Random, total: int, share: float) -> int:
    """About ``share`` of ``total``, at least one, varying from draft to draft."""
    expected = total * share
    return min(total, max(1, round(expected * rng.uniform(0.5, 1.5))))


def party_specs(count: int) -> list[tuple[str, str, str, str, str]]:
    """The parties of a generated plan: real ones first, then numbered observers."""
    specs = list(PARTIES[:count])
    for i in range(len(specs), count):
        specs.append(
            (f"observer-{i + 1}", f"Observer {i + 1}", f"Obs {i + 1}", PartyKind.STATE, "#5b6770")
        )
    return specs


def evolve(
    *, clauses: int, parties: int, revisions: int, seed: int, rates: Rates = DEFAULT_RATES
) -> Iterator[RevisionDraft]:
    """Each revision of the plan in turn, as plain data (no database)."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    party_names = [spec[1] for spec in party_specs(parties)]
    topics = list(Topic.values)
    keys = iter(range(1_000_000_000))
    draft: list[ClauseState] = []

    def new_clause(when: datetime.date) -> ClauseState:
        key = next(keys)
        topic = rng.choice(topics)
        title = writer.fill(rng.choice(TITLES[topic]))
        return ClauseState(
            key=key,
            slug=f"{slugify(title)[:60]}-{key + 1}",
            title=title,
            topic=topic,
            description=writer.sentence(topic) if rng.random() < 0.3 else "",
            text=writer.clause_text(topic),
            status=rng.choice(ClauseStatus.values),
            number="",
            positions=tuple(
                writer.position(name, _initial_stance(rng), topic, when) for name in party_names
            ),
        )

    for number in range(1, revisions + 1):
        when = START_DATE + datetime.timedelta(days=DAYS_BETWEEN_DRAFTS * (number - 1))
        added: list[ClauseState] = []
        dropped: list[int] = []
        reworded: list[int] = []
        moved = 0
        if number == 1:
            draft = [new_clause(when) for _ in range(clauses)]
            added = list(draft)
        else:
            # Carry every position over, then change what this draft changes.
            for clause in draft:
                clause.positions = tuple(p._replace(carried_over=True) for p in clause.positions)
            drops = min(_count(rng, len(draft), rates.drop), len(draft) - 1)
            for clause in rng.sample(draft, drops):
                draft.remove(clause)
                dropped.append(clause.key)
            for _ in range(_count(rng, clauses, rates.add)):
                clause = new_clause(when)
                draft.insert(rng.randint(1, len(draft)), clause)
                added.append(clause)
            fresh = {clause.key for clause in added}
            settled = [clause for clause in draft if clause.key not in fresh]
            for clause in rng.sample(settled, _count(rng, len(settled), rates.reword)):
                clause.text = writer.reword(clause.text, clause.topic)
                reworded.append(clause.key)
            for clause in rng.sample(settled, _count(rng, len(settled), rates.status)):
                clause.status = rng.choice([s for s in ClauseStatus.values if s != clause.status])
            for clause in settled:
                positions = list(clause.positions)
                for i, position in enumerate(positions):
                    draw = rng.random()
                    if draw < rates.stance_move:
                        stance = _moved_stance(rng, position.stance)
                        positions[i] = writer.position(party_names[i], stance, clause.topic, when)
                        moved += 1
                    elif draw < rates.stance_move + rates.reconfirm:
                        positions[i] = writer.position(
                            party_names[i], position.stance, clause.topic, when
                        )
                clause.positions = tuple(positions)
        _number(draft, clean=number % REDRAFT_EVERY == 1)
        yield RevisionDraft(
            number=number,
            label=rng.choice(LABELS).format(n=len(draft)),
            status=RevisionStatus.UNDER_NEGOTIATION
            if number == revisions
            else RevisionStatus.SUPERSEDED,
            provenance=rng.choice(Provenance.values),
            proposed_by=rng.randrange(parties) if parties and rng.random() < 0.5 else None,
            published_on=when,
            source_title=f"{rng.choice(OUTLETS)}: the text of draft {number}",
            source_url=f"https://news.example.org/drafts/{number}",
            versions=tuple(
                VersionDraft(c.key, c.number, i + 1, c.text, c.status, c.positions)
                for i, c in enumerate(draft)
            ),
            new_clauses=tuple(added),
            added=tuple(c.key for c in added) if number > 1 else (),
            dropped=tuple(dropped),
            reworded=tuple(reworded),
            stances_moved=moved,
        )


def _number(draft: list[ClauseState], *, clean: bool) -> None:
    """Number the clauses as the draft does: a clean redraft numbers them 1, 2, 3 ...; in
    between, a new clause is a sub-point ("14a") of the one before and the rest keep
    their numbers, as negotiators do to keep references stable."""
    if clean:
        for i, clause in enumerate(draft):
            clause.number = str(i + 1)
        return
    taken = {clause.number for clause in draft if clause.number}
    for i, clause in enumerate(draft):
        if clause.number:
            continue
        number = draft[i - 1].number if i else "0"
        # A number appears once in a revision: skip the sub-points a kept clause holds.
        while number in taken or number == (draft[i - 1].number if i else "0"):
            digits = re.match(r"\d+", number)
            base = digits.group() if digits else ""
            letters = number[len(base) :]
            if not letters:
                letters = "a"
            elif letters[-1] == "z":
                letters += "a"
            else:
                letters = letters[:-1] + chr(ord(letters[-1]) + 1)
            number = base + letters
        clause.number = number
        taken.add(number)


# Writing it to the database.


def plan_description(
    *, clauses: int, parties: int, revisions: int, seed: int, history: bool
) -> str:
    """The plan's description, which also tells what built it (the benchmark reuses a
    database only when this matches)."""
    return (
        f"Generated plan: {clauses} clauses, {parties} parties, {revisions} revisions, "
        f"seed {seed}, generator {GENERATOR_VERSION}, history {'on' if history else 'off'}."
    )


def default_slug(*, clauses: int, parties: int, revisions: int, seed: int) -> str:
    return f"generated-{clauses}x{parties}x{revisions}-seed-{seed}"


def _parties(count: int) -> list[Party]:
    """The plan's parties, reusing any that already exist by slug (one or two queries)."""
    specs = party_specs(count)
    existing = Party.objects.in_bulk([spec[0] for spec in specs], field_name="slug")
    missing = [
        Party(slug=slug, name=name, short_name=short, kind=kind, color=color, sort_order=i + 1)
        for i, (slug, name, short, kind, color) in enumerate(specs)
        if slug not in existing
    ]
    if missing:
        _bulk(Party, missing, history=True, when=START_DATE, reason="Generated party")
        existing.update({party.slug: party for party in missing})
    return [existing[spec[0]] for spec in specs]


def _bulk(
    model,
    objects: list,
    *,
    history: bool,
    when: datetime.date,
    reason: str,
    rows: QuerySet | None = None,
) -> list:
    """``bulk_create`` the objects, then write their history rows in one statement.

    ``rows`` selects the objects just created in the database (default: by primary key);
    pass a filter for a large batch, so the statement does not list every key.
    """
    created = model.objects.bulk_create(objects)
    if history and created:
        if rows is None:
            rows = model.objects.filter(pk__in=[obj.pk for obj in created])
        write_history(rows, when=when, reason=reason)
    return created


def write_history(
    rows: QuerySet,
    *,
    when: datetime.date | datetime.datetime,
    reason: str,
    user_id: int | None = None,
) -> int:
    """Write a creation history row for every row of ``rows``, with one INSERT ... SELECT.

    Each row holds what simple-history's ``bulk_history_create`` writes: every tracked
    field, ``history_type`` "+", the user (none by default), the change reason, and the
    moment (a date stands for noon UTC on that day). ``bulk_history_create`` builds a
    model instance per row, which took two thirds of the time of building a large plan;
    here the database copies the rows.
    """
    model = rows.model
    history = model.history.model
    if isinstance(when, datetime.datetime):
        moment = when
    else:
        moment = datetime.datetime.combine(when, datetime.time(12), tzinfo=datetime.UTC)
    tracked = [f.attname for f in history.tracked_fields]
    extra = {
        "history_date": Value(moment, output_field=DateTimeField()),
        "history_change_reason": Value(reason, output_field=TextField()),
        "history_type": Value("+", output_field=CharField()),
        "history_user_id": Value(user_id, output_field=IntegerField()),
    }
    expected = {f.attname for f in history._meta.concrete_fields if not f.primary_key}
    unknown = expected - set(tracked) - set(extra)
    if unknown:
        # A history field this function does not know how to fill: fail loudly.
        raise RuntimeError(f"{history.__name__} has fields {sorted(unknown)} not written here.")
    select = rows.order_by().values(*tracked, **extra)
    sql, params = select.query.get_compiler(using=rows.db).as_sql()
    quote = connections[rows.db].ops.quote_name
    columns = ", ".join(quote(history._meta.get_field(name).column) for name in [*tracked, *extra])
    with connections[rows.db].cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(history._meta.db_table)} ({columns}) {sql}", params)
        return cursor.rowcount


@dataclass(frozen=True)
class GeneratedPlan:
    plan: Plan
    revisions: int
    clauses: int  # distinct clauses over all revisions
    clause_versions: int
    positions: int


def generate_plan(
    *,
    clauses: int,
    parties: int,
    revisions: int,
    seed: int = 1,
    slug: str | None = None,
    history: bool = True,
    rates: Rates = DEFAULT_RATES,
    on_revision: Callable[[RevisionDraft], None] | None = None,
) -> GeneratedPlan:
    """Build the plan in the default database, in one transaction.

    The number of queries grows with the number of revisions and with the rows divided by
    the database's batch size, never with the rows themselves. ``on_revision`` is called
    after each revision is written (the command's progress bar).
    """
    slug = slug or default_slug(clauses=clauses, parties=parties, revisions=revisions, seed=seed)
    if Plan.objects.filter(slug=slug).exists():
        raise ValueError(SLUG_TAKEN.format(slug=slug))
    counts = {"clauses": 0, "clause_versions": 0, "positions": 0}
    with transaction.atomic():
        party_rows = _parties(parties)
        description = plan_description(
            clauses=clauses, parties=parties, revisions=revisions, seed=seed, history=history
        )
        (plan,) = _bulk(
            Plan,
            [
                Plan(
                    slug=slug,
                    title=f"Generated peace framework ({clauses} clauses)",
                    description=description,
                )
            ],
            history=history,
            when=START_DATE,
            reason="Generated plan",
        )
        clause_ids: dict[int, int] = {}
        previous = None
        made: list[int] = []
        for draft in evolve(
            clauses=clauses, parties=parties, revisions=revisions, seed=seed, rates=rates
        ):
            reason = f"Generated draft {draft.number} (seed {seed})"

            def write(model, objects, rows=None, reason=reason, when=draft.published_on):
                return _bulk(model, objects, history=history, when=when, reason=reason, rows=rows)

            (revision,) = write(
                Revision,
                [
                    Revision(
                        plan=plan,
                        number=draft.number,
                        label=draft.label,
                        published_on=draft.published_on,
                        status=draft.status,
                        provenance=draft.provenance,
                        proposed_by=party_rows[draft.proposed_by]
                        if draft.proposed_by is not None
                        else None,
                        previous=previous,
                        source_title=draft.source_title,
                        source_url=draft.source_url,
                    )
                ],
            )
            new_rows = write(
                Clause,
                [
                    Clause(
                        plan=plan,
                        slug=c.slug,
                        title=c.title,
                        topic=c.topic,
                        description=c.description,
                    )
                    for c in draft.new_clauses
                ],
            )
            clause_ids.update(
                (c.key, row.pk) for c, row in zip(draft.new_clauses, new_rows, strict=True)
            )
            version_rows = write(
                ClauseVersion,
                [
                    ClauseVersion(
                        revision=revision,
                        clause_id=clause_ids[v.key],
                        number=v.number,
                        position_in_draft=v.position_in_draft,
                        text=v.text,
                        status=v.status,
                    )
                    for v in draft.versions
                ],
                rows=ClauseVersion.objects.filter(revision=revision),
            )
            position_rows = write(
                Position,
                [
                    Position(
                        clause_version_id=row.pk,
                        party_id=party.pk,
                        stance=p.stance,
                        summary=p.summary,
                        quote=p.quote,
                        source_title=p.source_title,
                        source_url=p.source_url,
                        stated_on=p.stated_on,
                        carried_over=p.carried_over,
                    )
                    for v, row in zip(draft.versions, version_rows, strict=True)
                    for party, p in zip(party_rows, v.positions, strict=True)
                ],
                rows=Position.objects.filter(clause_version__revision=revision),
            )
            counts["clauses"] += len(new_rows)
            counts["clause_versions"] += len(version_rows)
            counts["positions"] += len(position_rows)
            previous = revision
            made.append(revision.pk)
            if on_revision is not None:
                on_revision(draft)
        # Every revision's fingerprint, in number order: each over its predecessor's new one.
        fingerprints_refresh(revision_ids=made)
    return GeneratedPlan(plan=plan, revisions=revisions, **counts)


# A pasted draft, for the alignment benchmark.

MARKERS = ["{n}. ", "{n}) ", "Point {n}: ", "{n}. "]


def draft_paste(
    versions: Sequence[tuple[str, str]],
    *,
    seed: int = 1,
    points: int | None = None,
    width: int = 88,
) -> str:
    """The next draft of a revision as an editor would paste it.

    ``versions`` are the revision's (number, text) in draft order. Most points keep their
    text, a few are reworded, some dropped, some new, and a few change places; lines are
    wrapped as in a document, with a mix of numbering styles. ``points`` pads or trims the
    draft to that many points.
    """
    rng = random.Random(seed)
    writer = _Writer(rng)
    topics = list(Topic.values)
    texts = [text for _number, text in versions]
    texts = [t for t in texts if rng.random() >= 0.02]
    for i in rng.sample(range(len(texts)), max(1, len(texts) // 20)) if texts else ():
        texts[i] = writer.reword(texts[i], rng.choice(topics))
    for _ in range(max(1, len(texts) // 50)):
        texts.insert(rng.randint(0, len(texts)), writer.clause_text(rng.choice(topics)))
    for _ in range(len(texts) // 100):
        i, j = rng.randrange(len(texts)), rng.randrange(len(texts))
        texts[i], texts[j] = texts[j], texts[i]
    if points is not None:
        while len(texts) < points:
            texts.append(writer.clause_text(rng.choice(topics)))
        texts = texts[:points]
    lines = ["Framework agreement: revised text", ""]
    for n, text in enumerate(texts, start=1):
        marker = rng.choice(MARKERS).format(n=n)
        wrapped = textwrap.wrap(marker + text, width=width, subsequent_indent="   ")
        lines.extend(wrapped)
        if rng.random() < 0.5:
            lines.append("")
    return "\n".join(lines) + "\n"
