from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.tracking import TrackedModel
from sources.text import MAX_TEXT, TOO_LONG, text_sha256
from sources.vocabularies import DatePrecision, Language, SourceKind

NO_URL = "no URL given"


class Source(TrackedModel):
    """A document positions cite: a news report, an official text, a transcript, a
    statement; with its full text as the editor pasted it, when there is one, against
    which every quote citing it is checked."""

    kind = models.CharField(
        max_length=20, choices=SourceKind.choices, default=SourceKind.NEWS_REPORT
    )
    title = models.CharField(max_length=300)
    outlet = models.CharField(max_length=200, blank=True, help_text="Who published it.")
    url = models.URLField(
        "URL", max_length=500, blank=True, help_text=f"Blank when there is none: {NO_URL}."
    )
    published_on = models.DateField(null=True, blank=True)
    published_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.EN)
    text = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(MAX_TEXT, message=TOO_LONG)],
        help_text="The full text as pasted; blank when not recorded (its quotes are then not "
        "checked).",
    )
    text_sha256 = models.CharField("SHA-256 of the text", max_length=64, blank=True, editable=False)

    # Set by the services after a save: whether the text was pasted as HTML and stripped.
    html_stripped: bool = False

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(published_on_precision__in=DatePrecision.values),
                name="source_date_precision_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sources:detail", kwargs={"source": self.pk})

    def clean(self):
        super().clean()
        if self.published_on is not None and self.published_on_precision == DatePrecision.MONTH:
            # Known to the month: whatever day was typed, the month's first day is stored.
            self.published_on = self.published_on.replace(day=1)

    def save(self, *args, **kwargs):
        self.text_sha256 = text_sha256(self.text)
        if kwargs.get("update_fields") is not None and "text" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_sha256"}
        super().save(*args, **kwargs)

    @property
    def has_text(self) -> bool:
        return bool(self.text)

    @property
    def url_or_none(self) -> str:
        return self.url or NO_URL
