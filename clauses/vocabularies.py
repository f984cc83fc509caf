"""The closed vocabularies of the domain, and the stance scale.

Every vocabulary is a ``TextChoices`` (the database checks its values too, see models) with
one label map beside it: pages, the API, exports and feeds all take labels from here.

Stance is ordinal so that gaps and convergence can be computed. ``unknown`` has no value
at all: it is never counted as 0 (ambiguous), only left out.
"""

from collections.abc import Iterable

from django.db import models


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    PROPOSED = "proposed", "proposed"
    UNDER_NEGOTIATION = "under_negotiation", "under negotiation"
    AGREED = "agreed", "agreed"
    REJECTED = "rejected", "rejected"
    SUPERSEDED = "superseded", "superseded"


class Provenance(models.TextChoices):
    OFFICIAL = "official", "official text"
    LEAKED = "leaked", "leaked text"
    REPORTED = "reported", "reported"
    PARAPHRASED = "paraphrased", "paraphrased"


class Coverage(models.TextChoices):
    """How much of a draft its revision records. In ``full_text`` absence means absent; in
    ``partial`` (a report describing some points) absence means only *not described*, so a
    diff never calls a clause added or removed because a partial side is silent on it."""

    FULL_TEXT = "full_text", "full text"
    PARTIAL = "partial", "partial"


class Topic(models.TextChoices):
    TERRITORY = "territory", "territory"
    SECURITY_GUARANTEES = "security_guarantees", "security guarantees"
    MILITARY = "military", "military"
    ALLIANCES = "alliances", "alliances"
    NUCLEAR_ENERGY = "nuclear_energy", "nuclear & energy"
    ECONOMY_SANCTIONS = "economy_sanctions", "economy & sanctions"
    HUMANITARIAN = "humanitarian", "humanitarian"
    GOVERNANCE_ELECTIONS = "governance_elections", "governance & elections"
    IMPLEMENTATION_MONITORING = "implementation_monitoring", "implementation & monitoring"


class LineageKind(models.TextChoices):
    """How a revision re-cuts the clauses of the one it continues."""

    SPLIT = "split", "split"
    MERGE = "merge", "merge"


class CorrectionKind(models.TextChoices):
    """The corrections an editor makes to what is already recorded; each is an event in
    the plan's record (``Correction``), not a silent rewrite."""

    RELINK = "relink", "re-linked"
    WITHDRAW = "withdraw", "withdrawn"
    RESTORE = "restore", "restored"
    SPLIT = "split", "split"
    MERGE = "merge", "merged"
    DELETE = "delete", "marked deleted"
    UNDELETE = "undelete", "deletion taken back"
    RENAME = "rename", "renamed"


class ClauseStatus(models.TextChoices):
    AGREED = "agreed", "agreed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle", "agreed in principle"
    CONTESTED = "contested", "contested"
    OPEN = "open", "open"
    DEFERRED = "deferred", "deferred"
    RAISED_OUTSIDE_TEXT = "raised_outside_text", "raised outside the text"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "supports"
    CONDITIONAL = "conditional", "conditional"
    AMBIGUOUS = "ambiguous", "ambiguous"
    OPPOSES = "opposes", "opposes"
    RED_LINE = "red_line", "red line"
    UNKNOWN = "unknown", "unknown"


ORDINAL: dict[str, int | None] = {
    Stance.SUPPORTS: 2,
    Stance.CONDITIONAL: 1,
    Stance.AMBIGUOUS: 0,
    Stance.OPPOSES: -1,
    Stance.RED_LINE: -2,
    Stance.UNKNOWN: None,
}

# The largest possible distance between two known stances (supports to red line).
_KNOWN_ORDINALS = [value for value in ORDINAL.values() if value is not None]
MAX_GAP = max(_KNOWN_ORDINALS) - min(_KNOWN_ORDINALS)


def stance_value(stance: str | None) -> int | None:
    """The ordinal value of a stance, None for unknown (or a value not on the scale)."""
    return None if stance is None else ORDINAL.get(stance)


def agreement_gap(stances: Iterable[str | None]) -> int | None:
    """How far apart the parties are on one clause: the spread of the known stances.

    0 means every party that has a known stance stands at the same point; MAX_GAP means
    one supports while another draws a red line. None when fewer than two stances are
    known, since a gap needs two sides.
    """
    values = [v for v in (stance_value(s) for s in stances) if v is not None]
    if len(values) < 2:
        return None
    return max(values) - min(values)


# One label map per vocabulary: stored value -> the words a reader sees.
STANCE_LABELS: dict[str, str] = dict(Stance.choices)
TOPIC_LABELS: dict[str, str] = dict(Topic.choices)
CLAUSE_STATUS_LABELS: dict[str, str] = dict(ClauseStatus.choices)
REVISION_STATUS_LABELS: dict[str, str] = dict(RevisionStatus.choices)
PROVENANCE_LABELS: dict[str, str] = dict(Provenance.choices)
COVERAGE_LABELS: dict[str, str] = dict(Coverage.choices)
LINEAGE_LABELS: dict[str, str] = dict(LineageKind.choices)
CORRECTION_LABELS: dict[str, str] = dict(CorrectionKind.choices)

# Stored value -> choice member, for code that turns thousands of plain rows into members:
# a dictionary lookup costs far less than calling the enum per row.
STANCE_MEMBERS: dict[str, Stance] = {member.value: member for member in Stance}
TOPIC_MEMBERS: dict[str, Topic] = {member.value: member for member in Topic}
CLAUSE_STATUS_MEMBERS: dict[str, ClauseStatus] = {member.value: member for member in ClauseStatus}
