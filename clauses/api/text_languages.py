"""``lang`` on the API's reads of clause texts: the parameter as the schema documents it,
and its check, a 400 naming ``lang`` for a code the site does not know."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from clauses.text_languages import KNOWN_CODES, LANG, LanguageRefused, language_checked

EMPTY_LANG = "Give a language code, e.g. uk, or leave lang out to read the original."

LANG_PARAMETER = OpenApiParameter(
    LANG,
    {"type": "string", "enum": KNOWN_CODES},
    description="The language to read the clause texts in (ISO 639-1 code, e.g. uk); by "
    "default the original. A clause version with no text in it keeps its original, marked "
    "by translation_status missing; each lists the languages it has in languages.",
)


def text_language_asked(request) -> str:
    """The language ``?lang=`` asks for ("" for the original), checked: a ValidationError
    naming ``lang`` for an unknown code."""
    language = request.query_params.get(LANG, "")
    if LANG in request.query_params and not language:
        # The schema lists the codes; "lang=" is none of them (leave it out for the original).
        raise ValidationError({LANG: [EMPTY_LANG]})
    try:
        language_checked(language)
    except LanguageRefused as refused:
        raise ValidationError({LANG: [refused.message]}) from None
    return language or settings.ORIGINAL_TEXT_LANGUAGE
