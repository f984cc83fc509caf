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


class AliasKind(models.TextChoices):
    NAME = "name", "name"
    TITLE = "title", "title"
    INSTITUTION = "institution", "institution"


class AliasLanguage(models.TextChoices):
    ANY = "", "any"
    EN = "en", "English"
    UK = "uk", "Ukrainian"
    RU = "ru", "Russian"


class PartyAlias(TrackedModel):
    """A way reports name a party or someone who speaks for it: a name in any script
    (Zelensky, Зеленський, Зеленский), a title ("the Kremlin spokesman", "речник Кремля")
    or an institution ("the Kremlin", "Kyiv"). Statements proposed from a report are
    attributed to parties through these; inflected forms of the words match by themselves."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="aliases")
    alias = models.CharField(
        max_length=120, help_text="As reports write it, in its dictionary form: Зеленський."
    )
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.NAME)
    language = models.CharField(
        max_length=2, choices=AliasLanguage.choices, blank=True, default=AliasLanguage.ANY
    )

    class Meta:
        ordering = ["party", "alias"]
        verbose_name_plural = "party aliases"
        constraints = [
            models.UniqueConstraint(fields=["party", "alias"], name="party_alias_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=AliasKind.values), name="party_alias_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=AliasLanguage.values),
                name="party_alias_language_valid",
            ),
        ]

    def __str__(self):
        return f"{self.alias} ({self.party})"
