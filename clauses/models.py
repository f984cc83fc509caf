"""The core of the domain: plans, their revisions, clauses and each party's position.

A Clause keeps its identity across revisions; a ClauseVersion is that clause as worded in
one revision; a Position is one party's stance on one clause version. Rules that span rows
(a revision continues an earlier revision of the same plan; a clause version joins a clause
and a revision of the same plan) are checked by database triggers (migration 0002) as well
as by ``clean()``, which gives forms a readable message.
"""

from collections.abc import Iterable
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from clauses.stamps import plans_touched
from clauses.vocabularies import (
    ClauseStatus,
    CorrectionKind,
    Coverage,
    LineageKind,
    Provenance,
    RevisionStatus,
    Stance,
    Topic,
)
from core import text_limits
from core.text_limits import limited_text
from core.tracking import SUMMARY_MAX_LENGTH, TrackedModel
from parties.models import Party
from sources.models import Source
from sources.quotes import find_quote
from sources.vocabularies import DatePrecision, QuoteCheck

PREVIOUS_OTHER_PLAN = "The revision it continues must belong to the same plan."
PREVIOUS_NOT_EARLIER = "The revision it continues must have a lower number than this one."
CLAUSE_OTHER_PLAN = "The clause and the revision must belong to the same plan."
QUOTE_NOT_IN_SOURCE = (
    "The quote is not a verbatim span of the source's text (“{missing}” is not in it, "
    "in this order). The closest the source says: “{closest}”. Copy its words exactly, "
    'and leave words out with "[...]".'
)
QUOTE_NOT_IN_SOURCE_AT_ALL = (
    "The quote is not a verbatim span of the source's text: no stretch of the text shares "
    "its words (“{missing}”). Check that it is the right source."
)
NUMBER_TAKEN_IN_REVISION = (
    "Another clause of this revision is already numbered “{number}”: a number appears once "
    'in a revision. Choose another (e.g. "{number}a").'
)


class PlanRecord(TrackedModel):
    """A record of a plan: writing it bumps the plan's change stamp (clauses/stamps.py)."""

    # How a plan reaches this model's rows (a lookup on Plan).
    plan_lookup: ClassVar[str]

    class Meta:
        abstract = True

    @classmethod
    def records_touched(cls, pks: Iterable[int]) -> None:
        plans_touched(Plan.objects.all(), cls.plan_lookup, pks)


class Plan(PlanRecord):
    plan_lookup = "pk"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    description = limited_text(text_limits.DESCRIPTION, blank=True)
    # Bumped in the same transaction as every write to the plan or anything in it (see
    # clauses/stamps.py): the ETag and the page cache of every read of the plan derive
    # from it, so a reader never gets a page from before a write.
    change_stamp = models.PositiveBigIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("clauses:plan", kwargs={"plan": self.slug})


class RevisionQuerySet(QuerySet):
    """The one rule for which revision of a plan is current: the highest-numbered revision
    on its main line. A counter-proposal is a branch (``Revision.branch``) and never becomes
    current, however recent it is; nor does a withdrawn revision (``Revision.withdrawn``),
    which leaves the main line until it is restored.

    The overview, the party pages, the API's defaults and the editor's "next draft" forms
    all ask here, so that they never disagree about which revision is current.
    """

    def main_line(self) -> "QuerySet[Revision]":
        """The revisions that are neither branches nor withdrawn."""
        return self.filter(branch=False, withdrawn=False)

    def current_numbers(self, plan=None):
        """The current revision's number of ``plan`` (a plan or an ``OuterRef`` to one), as
        a subquery; by default of the plan in the outer query's ``plan`` column."""
        plan = OuterRef("plan") if plan is None else plan
        return Subquery(
            Revision.objects.main_line().filter(plan=plan).order_by("-number").values("number")[:1]
        )

    def current_for(self, plan) -> "Revision | None":
        """The plan's current revision, or None before its first (one query)."""
        return self.filter(plan=plan, number=self.current_numbers(plan)).first()

    @staticmethod
    def current_among(revisions) -> "Revision | None":
        """The same rule over one plan's revisions already read (no query)."""
        main = (r for r in revisions if not r.branch and not r.withdrawn)
        return max(main, key=lambda revision: revision.number, default=None)

    def current_of_each_plan(self) -> "QuerySet[Revision]":
        """The current revision of every plan that has one (one query when evaluated)."""
        return self.filter(number=self.current_numbers())

    @staticmethod
    def continues_main_line(*, previous: "Revision | None", current: "Revision | None") -> bool:
        """Whether a new revision that continues ``previous`` extends the main line, when
        ``current`` is the plan's current revision: it must continue exactly that one (or,
        for a plan's first revision, nothing). Anything else is a counter-proposal, and so
        is a draft continuing a withdrawn revision."""
        if current is None:
            return previous is None or not (previous.branch or previous.withdrawn)
        return previous is not None and previous.pk == current.pk


class Revision(PlanRecord):
    """One numbered draft of a plan."""

    plan_lookup = "revisions"

    objects = RevisionQuerySet.as_manager()

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(help_text="1, 2, ... in the order the drafts appeared.")
    label = models.CharField(max_length=200, help_text='e.g. "US 28-point draft".')
    published_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    provenance = models.CharField(
        max_length=20, choices=Provenance.choices, default=Provenance.REPORTED
    )
    # No CHECK constraint: full_clean() validates each CHECK with a query of its own,
    # and every revision write (clone, paste, edit) would pay for it; the choices
    # validate forms and the API.
    coverage = models.CharField(
        max_length=20,
        choices=Coverage.choices,
        default=Coverage.FULL_TEXT,
        # Also a database default, so that rows copied in SQL need not name the column.
        db_default=Coverage.FULL_TEXT,
        help_text="Full text: absent means absent. Partial: absent means not described.",
    )
    proposed_by = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_revisions",
        help_text="The party whose proposal this is, e.g. the author of a counter-proposal.",
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuations",
        help_text="The earlier revision this one continues; diffs compare against it.",
    )
    branch = models.BooleanField(
        default=False,
        help_text="A counter-proposal off the main line: never the plan's current revision.",
    )
    withdrawn = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Recorded by mistake: off the main line, still readable, can be restored.",
    )
    withdrawal_reason = limited_text(
        text_limits.NOTES, blank=True, default="", db_default="", help_text="Why it was withdrawn."
    )
    source_title = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    notes = limited_text(text_limits.NOTES, blank=True)
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        # Rows inserted by SQL that names no fingerprint get one at the next refresh.
        db_default="",
        help_text="SHA-256 of its content and of the previous revision's fingerprint as "
        "recorded (clauses.fingerprints); derived data, kept out of history.",
    )
    previous_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        db_default="",
        help_text="The fingerprint the revision it continues had when this one's was computed "
        "(one of that revision's fingerprint events); empty when it continues none.",
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="revision_number_unique_in_plan"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=RevisionStatus.values), name="revision_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(provenance__in=Provenance.values), name="revision_provenance_valid"
            ),
            models.CheckConstraint(
                condition=~Q(previous=models.F("pk")), name="revision_previous_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.plan} r{self.number}: {self.label}"

    def get_absolute_url(self):
        return reverse("clauses:revision", kwargs={"plan": self.plan.slug, "number": self.number})

    def clean(self):
        super().clean()
        if self.previous_id is None:
            return
        previous = self.previous
        if previous.plan_id != self.plan_id:
            raise ValidationError({"previous": PREVIOUS_OTHER_PLAN})
        if self.number is not None and previous.number >= self.number:
            raise ValidationError({"previous": PREVIOUS_NOT_EARLIER})


class Clause(PlanRecord):
    """One subject the plan deals with; keeps its identity across revisions."""

    plan_lookup = "clauses"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="clauses")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    description = limited_text(text_limits.DESCRIPTION, blank=True)

    class Meta:
        ordering = ["plan", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="clause_slug_unique_in_plan"),
            models.CheckConstraint(condition=Q(topic__in=Topic.values), name="clause_topic_valid"),
        ]
        indexes = [models.Index(fields=["plan", "topic"], name="clause_plan_topic_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("clauses:clause", kwargs={"plan": self.plan.slug, "clause": self.slug})


class ClauseVersion(PlanRecord):
    """A clause as worded in one revision."""

    plan_lookup = "revisions__clause_versions"

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="clause_versions")
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="versions")
    number = models.CharField(max_length=20, help_text='The label in the draft: "9", "14a".')
    position_in_draft = models.PositiveIntegerField(help_text="Orders the clauses as in the draft.")
    text = limited_text(text_limits.CLAUSE_TEXT)
    status = models.CharField(
        max_length=30, choices=ClauseStatus.choices, default=ClauseStatus.OPEN
    )

    class Meta:
        ordering = ["revision", "position_in_draft"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "clause"], name="clause_version_unique_in_revision"
            ),
            models.UniqueConstraint(
                fields=["revision", "number"],
                name="clause_version_number_unique_in_revision",
                violation_error_message="A number appears once in a revision.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClauseStatus.values), name="clause_version_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["revision", "position_in_draft"], name="clause_version_order_idx")
        ]

    def __str__(self):
        return f"{self.clause} (r{self.revision.number}, point {self.number})"

    def get_absolute_url(self):
        return reverse(
            "clauses:clause_version",
            kwargs={
                "plan": self.revision.plan.slug,
                "clause": self.clause.slug,
                "number": self.revision.number,
            },
        )

    def clean(self):
        super().clean()
        if self.clause_id and self.revision_id and self.clause.plan_id != self.revision.plan_id:
            raise ValidationError({"clause": CLAUSE_OTHER_PLAN})
        if self.revision_id and self.number and self._number_taken():
            raise ValidationError({"number": NUMBER_TAKEN_IN_REVISION.format(number=self.number)})

    def _number_taken(self) -> bool:
        """Whether another clause version of the revision has this number (one query)."""
        others = ClauseVersion.objects.filter(revision_id=self.revision_id, number=self.number)
        return others.exclude(pk=self.pk).exists()


class Position(PlanRecord):
    """One party's stance on one clause version, with its evidence."""

    plan_lookup = "revisions__clause_versions__positions"

    clause_version = models.ForeignKey(
        ClauseVersion, on_delete=models.PROTECT, related_name="positions"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="positions")
    stance = models.CharField(max_length=20, choices=Stance.choices, default=Stance.UNKNOWN)
    summary = limited_text(
        text_limits.SUMMARY, blank=True, help_text="The party's position in a sentence or two."
    )
    demand = limited_text(
        text_limits.EVIDENCE,
        blank=True,
        default="",
        db_default="",
        # The stance is the party's stance on the clause as worded; a demand that goes
        # further is recorded here, so that it never reads as support.
        help_text="What the party demands beyond the clause as worded.",
    )
    quote = limited_text(
        text_limits.EVIDENCE, blank=True, help_text="The words of the source that state it."
    )
    source_title = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    stated_on = models.DateField(null=True, blank=True)
    carried_over = models.BooleanField(
        default=False,
        help_text="Copied from the previous revision and not yet reconfirmed.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text="The recorded source the quote is from; its title and URL are the "
        "position's source title and URL.",
    )
    quote_check = models.CharField(
        max_length=12,
        choices=QuoteCheck.choices,
        default=QuoteCheck.NOT_CHECKED,
        db_default=QuoteCheck.NOT_CHECKED,
        help_text="checked: the quote is verbatim in the source's text; not_checked: the "
        "source has no text recorded; paraphrase: no quote, the summary is the editor's.",
    )
    stated_on_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
        help_text="day or month: a date known to the month is stored as its first day.",
    )

    class Meta:
        ordering = ["clause_version", "party"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause_version", "party"], name="position_unique_per_party"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values), name="position_stance_valid"
            ),
        ]
        indexes = [models.Index(fields=["party", "stance"], name="position_party_stance_idx")]

    def __str__(self):
        return f"{self.party} on {self.clause_version.clause}: {self.get_stance_display()}"

    def clean(self):
        super().clean()
        if self.stated_on is not None and self.stated_on_precision == DatePrecision.MONTH:
            # Known to the month: whatever day was typed, the month's first day is stored.
            self.stated_on = self.stated_on.replace(day=1)
        source = self.source if self.source_id is not None else None
        if source is not None:
            # The source's title and URL are the position's: one record, read everywhere.
            self.source_title, self.source_url = source.title, source.url
        self.quote_check = quote_check_of(self.quote, source)


def quote_check_of(quote: str, source: Source | None) -> str:
    """The check a quote passes against its source: ``paraphrase`` without a quote,
    ``not_checked`` when the source has no text, ``checked`` when the quote is verbatim in
    it; else ValidationError on ``quote`` with the closest span of the text."""
    if not quote.strip():
        return QuoteCheck.PARAPHRASE
    if source is None or not source.text:
        return QuoteCheck.NOT_CHECKED
    match = find_quote(source.text, quote)
    if match.found:
        return QuoteCheck.CHECKED
    missing = match.missing or quote.strip()
    if match.closest:
        message = QUOTE_NOT_IN_SOURCE.format(missing=missing, closest=match.closest)
    else:
        message = QUOTE_NOT_IN_SOURCE_AT_ALL.format(missing=missing)
    raise ValidationError({"quote": message})


class ClauseDeletion(PlanRecord):
    """A clause a revision explicitly strikes out.

    In a full-text revision an absent clause is absent; in a partial one it is only not
    described. A deletion says "struck out here" whatever the coverage, so the diff can
    tell "deleted in rN" apart from "not described".
    """

    plan_lookup = "revisions__clause_deletions"

    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="clause_deletions"
    )
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="deletions")
    note = limited_text(
        text_limits.NOTES, blank=True, help_text='What the draft says, e.g. "point 3 deleted".'
    )

    class Meta:
        ordering = ["revision", "clause"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "clause"], name="clause_deletion_unique_in_revision"
            )
        ]

    def __str__(self):
        return f"{self.clause} deleted in r{self.revision.number}"


class ClauseLineage(PlanRecord):
    """One strand of a split or a merge: in ``revision``, ``predecessor`` (a clause of the
    revision it continues) lives on as ``successor``.

    A split is one predecessor with several successors, a merge several predecessors with
    one successor; the diff, compare and the clause page follow these strands.
    """

    plan_lookup = "revisions__lineages"

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="lineages")
    predecessor = models.ForeignKey(
        Clause, on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Clause, on_delete=models.PROTECT, related_name="predecessor_links"
    )
    kind = models.CharField(max_length=10, choices=LineageKind.choices)

    class Meta:
        ordering = ["revision", "predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "predecessor", "successor"], name="lineage_unique"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="lineage_not_self"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=LineageKind.values), name="lineage_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} {self.get_kind_display()} -> {self.successor}"


class FormerClauseSlug(models.Model):
    """A slug a clause had before it was renamed: its old URLs answer a permanent redirect,
    so a citation never breaks. Derived from the clause's history; no history of its own."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="former_clause_slugs")
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="former_slugs")
    slug = models.SlugField(max_length=80)
    retired_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="former_clause_slug_unique")
        ]

    def __str__(self):
        return f"{self.slug} -> {self.clause.slug}"


class FingerprintEvent(models.Model):
    """A revision's fingerprint as a write computed it: each revision's events chain (each
    holds the hash of the one before), so its fingerprints over time can be proven, and an
    edit appends one event instead of rewriting the revisions that continue it.
    Append-only (migration 0013), like history; ``event_hash`` in clauses.fingerprints
    says what ``hash`` covers."""

    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="fingerprint_events"
    )
    fingerprint = models.CharField(max_length=64)
    previous_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="The fingerprint of the revision it continued."
    )
    previous_hash = models.CharField(
        max_length=64, blank=True, help_text="The hash of the revision's event before this one."
    )
    hash = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["revision", "pk"]
        constraints = [
            # One chain per revision: no two events continue the same one.
            models.UniqueConstraint(
                fields=["revision", "previous_hash"], name="fingerprint_event_chain_unforked"
            )
        ]

    def __str__(self):
        return f"{self.revision_id}: {self.fingerprint[:12]} at {self.recorded_at:%Y-%m-%d %H:%M}"


class Correction(models.Model):
    """A correction as an event in the plan's record: what kind, to what, who, when, why,
    and what was there before and after. Append-only (migration 0011), like history.

    The rows a correction changes keep their own history too; this row says what the
    change *was*, so pages and feeds can show "point 7 re-linked from clause A to B".
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="corrections")
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    clause = models.ForeignKey(
        Clause, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=CorrectionKind.choices)
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH, help_text="The editor's summary of why."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            )
        ]
        indexes = [models.Index(fields=["plan", "-recorded_at"], name="correction_plan_time_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} in {self.plan} on {self.recorded_at:%Y-%m-%d}"


class HistoryTakedown(models.Model):
    """The audit row of a legal takedown: what was removed from the record, by whom, why.

    The only way anything with history is removed is ``manage.py history_takedown``; this
    table is append-only like the history tables (migration 0005). The removed content
    itself is not kept here: that is the point of a takedown.
    """

    taken_at = models.DateTimeField(auto_now_add=True)
    operator = models.CharField(max_length=150, help_text="Who ran the takedown.")
    reason = limited_text(text_limits.NOTES)
    model = models.CharField(max_length=100, help_text='e.g. "clauses.position".')
    object_id = models.CharField(max_length=40)
    description = models.CharField(
        max_length=300, help_text="What the record was, as the admin names it."
    )
    history_rows_removed = models.PositiveIntegerField()

    class Meta:
        ordering = ["-taken_at"]

    def __str__(self):
        return f"{self.model} {self.object_id} taken down on {self.taken_at:%Y-%m-%d}"
