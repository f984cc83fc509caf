"""Factories that keep foreign keys consistent: a clause version's clause and revision
always share a plan, a revision's previous is the one before it."""

import factory
from factory.django import DjangoModelFactory

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.vocabularies import ClauseStatus, Stance, Topic
from parties.models import Party
from sources.models import Source


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"party-{n}")
    name = factory.Sequence(lambda n: f"Party {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    sort_order = factory.Sequence(lambda n: n)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    slug = factory.Sequence(lambda n: f"plan-{n}")
    title = factory.Sequence(lambda n: f"Peace framework {n}")


class RevisionFactory(DjangoModelFactory):
    class Meta:
        model = Revision

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda o: f"Draft {o.number}")


class ClauseFactory(DjangoModelFactory):
    class Meta:
        model = Clause

    plan = factory.SubFactory(PlanFactory)
    slug = factory.Sequence(lambda n: f"clause-{n}")
    title = factory.Sequence(lambda n: f"Clause {n}")
    topic = Topic.TERRITORY


class ClauseVersionFactory(DjangoModelFactory):
    class Meta:
        model = ClauseVersion

    revision = factory.SubFactory(RevisionFactory)
    clause = factory.SubFactory(ClauseFactory, plan=factory.SelfAttribute("..revision.plan"))
    number = factory.Sequence(lambda n: str(n + 1))
    position_in_draft = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"The parties agree to point {n}.")
    status = ClauseStatus.OPEN


class SourceFactory(DjangoModelFactory):
    """A recorded source; its SHA-256 is computed on save from ``text``."""

    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Report {n}")
    outlet = "Example News"
    url = factory.Sequence(lambda n: f"https://example.org/report-{n}")
    language = "en"
    text = (
        "Kyiv said on Monday it was “ready to discuss a ceasefire line”. Moscow answered "
        "that it «would study the proposal» before any reply."
    )


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    clause_version = factory.SubFactory(ClauseVersionFactory)
    party = factory.SubFactory(PartyFactory)
    stance = Stance.SUPPORTS
    summary = "Supports the point as drafted."
    source_title = "Test source"
    source_url = "https://example.org/source"
    quote = ""
    # As a save derives it (Position.clean): no quote is a paraphrase; a quote cited from a
    # source without stored text is not checked.
    quote_check = factory.LazyAttribute(lambda p: "not_checked" if p.quote else "paraphrase")


STANCE_CYCLE = [
    Stance.SUPPORTS,
    Stance.CONDITIONAL,
    Stance.AMBIGUOUS,
    Stance.OPPOSES,
    Stance.RED_LINE,
    Stance.UNKNOWN,
]
TOPIC_CYCLE = list(Topic.values)


def build_plan(*, clauses: int, parties: int, revisions: int, slug: str = "generated") -> Plan:
    """A plan of the given size, written in bulk so tests of query budgets stay quick.

    Each revision continues the one before it and holds every clause; from one revision to
    the next every third clause is reworded and every party's stance on every fifth clause
    moves, so a diff has changes to show. No history rows (tests of history make their own).
    """
    plan = Plan.objects.create(slug=slug, title=f"Generated plan {slug}")
    party_rows = Party.objects.bulk_create(
        Party(slug=f"{slug}-party-{i}", name=f"Party {i}", short_name=f"P{i}", sort_order=i)
        for i in range(parties)
    )
    clause_rows = Clause.objects.bulk_create(
        Clause(
            plan=plan,
            slug=f"clause-{i}",
            title=f"Clause {i}",
            topic=TOPIC_CYCLE[i % len(TOPIC_CYCLE)],
        )
        for i in range(clauses)
    )
    previous = None
    for r in range(1, revisions + 1):
        revision = Revision.objects.create(
            plan=plan, number=r, label=f"Draft {r}", previous=previous
        )
        versions = ClauseVersion.objects.bulk_create(
            ClauseVersion(
                revision=revision,
                clause=clause,
                number=str(i + 1),
                position_in_draft=i + 1,
                text=f"Point {i} as worded in draft {r if i % 3 == 0 else 1}: the parties agree.",
                status=ClauseStatus.OPEN,
            )
            for i, clause in enumerate(clause_rows)
        )
        Position.objects.bulk_create(
            Position(
                clause_version=version,
                party=party,
                stance=STANCE_CYCLE[(i + p + (r if i % 5 == 0 else 0)) % len(STANCE_CYCLE)],
                summary=f"Party {p} on point {i}.",
                source_title="Generated source",
            )
            for i, version in enumerate(versions)
            for p, party in enumerate(party_rows)
        )
        previous = revision
    return plan
