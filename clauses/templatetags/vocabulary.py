"""``{{ value|word:"clause status" }}``: a stored vocabulary value in the reader's words
(clauses/vocabulary_words.py); a value outside the vocabulary as it is."""

from django import template
from django.utils.translation import gettext

from clauses.vocabulary_words import VOCABULARIES

register = template.Library()


@register.filter
def word(value, vocabulary: str):
    return VOCABULARIES[vocabulary].get(value, value)


@register.filter
def shown(label):
    """A vocabulary's label translated by its English words (clauses/vocabulary_words.py
    lists the ones pages show)."""
    return gettext(str(label)) if label else label  # noqa: INT001 -- listed in the catalogue
