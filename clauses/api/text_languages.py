"""``lang`` on the API's reads of clause texts: the parameter as the schema documents it,
and its check, a 400 naming ``lang`` for a code the site does not know."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from clauses.text_languages import KNOWN_CODES, LANG, LanguageRefused, language_checked

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
    try:
        language_checked(language)
    except LanguageRefused as refused:
        raise ValidationError({LANG: [refused.message]}) from None
    return language or settings.ORIGINAL_TEXT_LANGUAGE
