"""A clause version's text in another language than its revision's original.

The original is what ``ClauseVersion.text`` holds, in the language the site records
originals in (``settings.ORIGINAL_TEXT_LANGUAGE``, docs/decisions.md "Parallel texts"). A
translation keeps the SHA-256 of the original wording it was made from: once the clause
version's text changes, the translation is *stale* until someone records it again.
"""

import hashlib

from django.db import models
from django.db.models import Q

from clauses.models import ClauseVersion, PlanRecord
from core import text_limits
from core.text_limits import limited_text
from translations.languages import CHOICES, LANGUAGES


def text_sha256(text: str) -> str:
    """The digest a translation keeps of the original wording it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ClauseVersionTranslation(PlanRecord):
    """One clause version's text in one language other than its original."""

    plan_lookup = "revisions__clause_versions__translations"

    clause_version = models.ForeignKey(
        ClauseVersion, on_delete=models.PROTECT, related_name="translations"
    )
    language = models.CharField(
        max_length=8, choices=CHOICES, help_text="ISO 639-1 code of the text: uk, ru, en..."
    )
    text = limited_text(text_limits.CLAUSE_TEXT)
    official = models.BooleanField(
        default=False,
        help_text="Published by a party or the negotiators, not a news or working translation.",
    )
    # The stored source the translation comes from, where there is one; else its title and
    # address, as revisions cite theirs.
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clause_translations",
    )
    source_title = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    original_sha256 = models.CharField(
        max_length=64,
        help_text="SHA-256 of the original wording this translation was made from.",
    )

    class Meta:
        ordering = ["clause_version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause_version", "language"],
                name="translation_unique_per_language",
                violation_error_message="This point already has a text in that language.",
            ),
            models.CheckConstraint(
                condition=Q(language__in=list(LANGUAGES)), name="translation_language_known"
            ),
        ]
        indexes = [models.Index(fields=["language"], name="translation_language_idx")]

    def __str__(self):
        return f"{self.clause_version} [{self.language}]"

    def get_absolute_url(self):
        return self.clause_version.get_absolute_url() + f"?lang={self.language}"

    @property
    def stale(self) -> bool:
        """Made from a wording the clause version no longer has (reads the clause version)."""
        return self.original_sha256 != text_sha256(self.clause_version.text)
