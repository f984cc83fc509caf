from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core import text_limits
from core.text_limits import limited_text
from core.tracking import TrackedModel

COLOR_MESSAGE = "Enter the colour as # and six hexadecimal digits, e.g. #1f77b4."


class PartyKind(models.TextChoices):
    STATE = "state", "state"
    BLOC = "bloc", "bloc"
    ORGANIZATION = "organization", "organization"
    MEDIATOR = "mediator", "mediator"


class Party(TrackedModel):
    """A participant whose position on each clause is tracked: a state, a bloc, a mediator."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, help_text="Column heading in the matrix.")
    kind = models.CharField(max_length=20, choices=PartyKind.choices, default=PartyKind.STATE)
    color = models.CharField(
        max_length=7,
        default="#5b6770",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", COLOR_MESSAGE)],
        help_text="Accent colour of the party's column; never the only carrier of meaning.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Parties are listed by this number, then by name."
    )
    description = limited_text(text_limits.DESCRIPTION, blank=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartyKind.values), name="party_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("parties:detail", kwargs={"party": self.slug})
