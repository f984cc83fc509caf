"""The versions a page of a clause's revisions shows, and their positions, read as plain
rows in one query.

A long negotiation's clause page shows twenty revisions, each with a position per party:
a model instance for each version, revision, position and party cost the page more than
everything else it read. The objects here carry the same attribute names the clause page's
templates, the stance rows and the diff of a version (``clause_version_diff``) read from
``ClauseVersion`` and ``Position``, so those read either.
"""

from dataclasses import dataclass, field
from typing import Any

from clauses.fields import POSITION
from clauses.models import Clause, ClauseVersion


@dataclass(frozen=True, slots=True)
class RevisionOfRow:
    """A revision as a clause version's row names it; the one it continues carries only
    its id, number and coverage."""

    pk: int
    number: int
    coverage: str
    label: str = ""
    branch: bool = False
    withdrawn: bool = False
    plan_id: int | None = None
    previous_id: int | None = None
    previous: "RevisionOfRow | None" = None


@dataclass(frozen=True, slots=True)
class PartyOfRow:
    pk: int
    slug: str
    name: str
    sort_order: int


class PositionsHeld(tuple):
    """A version's positions in party order, read as ``version.positions.all()`` is."""

    def all(self) -> "PositionsHeld":
        return self


# Where each declared field of a position sits among its values, by the name an instance
# reads it by (a relation's key: ``source_id``).
_DECLARED_AT = {name: index for index, name in enumerate(POSITION.attnames)}


@dataclass(slots=True)
class PositionOfRow:
    """A position as the clause page reads it: its key, version and party, and the values
    of its declared fields, each read by the name a model instance reads it by (a
    relation's by its key's)."""

    pk: int
    clause_version: "VersionOfRow"
    party: PartyOfRow
    declared: tuple  # in the declaration's order

    def __getattr__(self, name: str) -> Any:
        try:
            return self.declared[_DECLARED_AT[name]]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def party_id(self) -> int:
        return self.party.pk

    @property
    def source(self) -> int | None:
        """The source's id: what the diff compares of it."""
        return self.source_id


@dataclass(slots=True)
class VersionOfRow:
    pk: int
    clause: Clause
    revision: RevisionOfRow
    number: str
    position_in_draft: int
    text: str
    status: str
    positions: PositionsHeld = field(default_factory=PositionsHeld)
    # The text to show in the language the page reads (set by ``reading_of``).
    shown: Any = None

    @property
    def clause_id(self) -> int:
        return self.clause.pk

    @property
    def revision_id(self) -> int:
        return self.revision.pk


_VERSION_COLUMNS = (
    "pk",
    "revision_id",
    "revision__number",
    "revision__coverage",
    "revision__label",
    "revision__branch",
    "revision__withdrawn",
    "revision__previous_id",
    "revision__previous__number",
    "revision__previous__coverage",
    "number",
    "position_in_draft",
    "text",
    "status",
)
_POSITION_COLUMNS = (
    "positions__pk",
    "positions__party_id",
    "positions__party__slug",
    "positions__party__name",
    "positions__party__sort_order",
    *(f"positions__{name}" for name in POSITION.attnames),
)


def versions_as_rows(*, clause: Clause, pks: set[int]) -> list[VersionOfRow]:
    """The clause's versions ``pks``, by revision number, each with its positions in
    party order (one query: the versions joined to their positions and parties)."""
    rows = (
        ClauseVersion.objects.filter(pk__in=sorted(pks))
        .order_by(
            "revision__number",
            "positions__party__sort_order",
            "positions__party__name",
            "positions__pk",
        )
        .values_list(*_VERSION_COLUMNS, *_POSITION_COLUMNS)
    )
    versions: list[VersionOfRow] = []
    held: dict[int, list[PositionOfRow]] = {}
    parties: dict[int, PartyOfRow] = {}
    width = len(_VERSION_COLUMNS)
    for row in rows:
        pk = row[0]
        if not versions or versions[-1].pk != pk:
            (_pk, revision_id, number, coverage, label, branch, withdrawn) = row[:7]
            previous_id, previous_number, previous_coverage = row[7:10]
            revision = RevisionOfRow(
                pk=revision_id,
                number=number,
                coverage=coverage,
                label=label,
                branch=branch,
                withdrawn=withdrawn,
                plan_id=clause.plan_id,
                previous_id=previous_id,
                previous=(
                    None
                    if previous_id is None
                    else RevisionOfRow(
                        pk=previous_id, number=previous_number, coverage=previous_coverage
                    )
                ),
            )
            versions.append(VersionOfRow(pk, clause, revision, *row[10:width]))
            held[pk] = []
        position_pk, party_id, slug, name, sort_order, *values = row[width:]
        if position_pk is None:  # a version no party holds a position on
            continue
        party = parties.get(party_id)
        if party is None:
            party = parties[party_id] = PartyOfRow(party_id, slug, name, sort_order)
        held[pk].append(PositionOfRow(position_pk, versions[-1], party, tuple(values)))
    for version in versions:
        version.positions = PositionsHeld(held[version.pk])
    return versions
