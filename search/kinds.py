"""The kinds of text the index holds, and where each is read from."""

from django.db import models


class Kind(models.TextChoices):
    TEXT = "text", "clause text"
    TITLE = "title", "clause title"
    SUMMARY = "summary", "position summary"
    QUOTE = "quote", "quote"
    DEMAND = "demand", "demand"
    SOURCE = "source", "source title"


# A position's kinds, by the Position field each is read from.
POSITION_KINDS = {
    Kind.SUMMARY: "summary",
    Kind.QUOTE: "quote",
    Kind.DEMAND: "demand",
    Kind.SOURCE: "source_title",
}
