"""The search index: every distinct passage of a clause, and where it occurs.

A passage is one text a reader may look for (a clause's wording or title, a position's
summary, quote, demand or source title) as it stands for one clause, kind and party. A
position carried over from draft to draft keeps its text, so a long negotiation repeats
the same passage in revision after revision: it is stored and indexed once, and each
revision holding it is an ``Occurrence``. A clause version's translations (translations/)
are passages of their own, each with its language. The full-text index sits on ``Passage.text``:
an FTS5 table on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL (created by
this app's migrations, per database: search/migrations/0002_fulltext.py; the
configurations each language is read with: search/languages.py).

The columns name the records they come from by key, without foreign keys: the index is
derived data, rebuilt at will (``manage.py rebuild_search_index``), and deleting a record
of the plan must never have to look here first.
"""

from django.db import models

from search.kinds import Kind


class Passage(models.Model):
    plan_id = models.PositiveIntegerField()
    clause_id = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The party whose position holds it; 0 for a clause's own text (a key column, since a
    # NULL would never compare equal when a refresh looks for an existing passage).
    party_key = models.PositiveIntegerField(default=0)
    # The translation's language code; "" (search.languages.ORIGINAL) for the record's own
    # text. A key column too: the same words in two languages are two passages.
    language = models.CharField(max_length=8, default="", blank=True)
    text = models.TextField()

    class Meta:
        indexes = [
            models.Index(fields=["clause_id", "kind", "party_key"], name="search_passage_key_idx"),
            models.Index(fields=["plan_id"], name="search_passage_plan_idx"),
        ]

    def __str__(self):
        return f"{self.kind} of clause {self.clause_id}: {self.text[:40]}"


class Occurrence(models.Model):
    """A passage as it stands in one clause version (and, for a position's, one position;
    for a translation's, one translation)."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="occurrences")
    clause_version_id = models.PositiveIntegerField()
    revision_id = models.PositiveIntegerField()
    position_id = models.PositiveIntegerField(null=True)
    translation_id = models.PositiveIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["clause_version_id"], name="search_occurrence_cv_idx"),
            models.Index(fields=["position_id"], name="search_occurrence_position_idx"),
            models.Index(fields=["translation_id"], name="search_occurrence_trans_idx"),
            models.Index(fields=["revision_id"], name="search_occurrence_revision_idx"),
        ]

    def __str__(self):
        return f"passage {self.passage_id} in clause version {self.clause_version_id}"


class IndexedPlan(models.Model):
    """The plan's change stamp the index was last brought up to: a plan whose stamp has
    moved on (a write whose refresh never ran) is indexed again before the next search."""

    plan_id = models.PositiveIntegerField(primary_key=True)
    stamp = models.PositiveBigIntegerField()

    def __str__(self):
        return f"plan {self.plan_id} indexed at stamp {self.stamp}"
