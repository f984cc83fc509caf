"""The language a page shows clause texts in (``?lang=uk``), for every page that shows them.

A clause version's text is recorded in the revision's original language; translations of
it are the translations app's (translations/), which sits above this app in the import
contracts. So a page of this app asks here, and the translations app installs the reader
that answers when it loads (translations/apps.py), as the search index listens to
clauses/stamps.py. A page of an app above translations may ask here too: one hook, one
behaviour everywhere.

A page calls ``reading_of(lang, versions)`` with the value of its ``lang`` parameter and the
clause versions it shows. It gets a ``Reading`` whose ``texts`` give each version's text to
show (``ShownText``: the translation, or the original marked as such), or a
``LanguageRefused`` whose message names ``lang``, for the page's 400.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

LANG = "lang"
NO_READER = "lang: this site records no translations, so clause texts show in the original only."


class LanguageRefused(ValueError):
    """An unknown language code; ``message`` names ``lang`` and says what to give."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# What a shown text is (``ShownText.kind``), as the API's enum lists them (TextKindEnum).
TEXT_KINDS = ("original", "official", "unofficial", "missing")


@dataclass(frozen=True)
class ShownText:
    """One clause version's text as a page shows it in the language asked for.

    ``kind`` is ``original`` (the original was asked for), ``official`` or ``unofficial``
    (a translation), or ``missing`` (no translation: the original, marked as such);
    ``stale`` a translation made from a wording that has changed since."""

    text: str
    language: str
    language_name: str
    direction: str
    kind: str
    stale: bool = False

    @property
    def translated(self) -> bool:
        return self.kind in ("official", "unofficial")


@dataclass(frozen=True)
class TextLanguage:
    """A language one clause version has a text in: its original (``original``), or a
    translation, official or not, stale when made from an older wording."""

    code: str
    name: str
    official: bool
    stale: bool = False
    original: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "original": self.original,
            "official": self.official,
            "stale": self.stale,
        }


@dataclass(frozen=True)
class Reading:
    """The texts of a page's clause versions in one language (by clause version id), and
    the languages the page can switch to (code, name) with the one asked for."""

    language: str  # the code asked for, or the original's
    language_name: str
    original: str
    available: list[tuple[str, str]] = field(default_factory=list)
    texts: dict[int, ShownText] = field(default_factory=dict)
    # The languages each clause version has a text in (by its id), the original's first.
    languages: dict[int, list[TextLanguage]] = field(default_factory=dict)

    @property
    def translated(self) -> bool:
        return self.language != self.original

    def text_of(self, version: Any) -> ShownText | None:
        return self.texts.get(version.pk)


Reader = Callable[[str, Sequence[Any]], Reading]
_readers: list[Reader] = []
# The codes the installed reader knows, filled in place when it is installed: the API's
# schema documents ``lang`` as this list (clauses/api/text_languages.py), built before.
KNOWN_CODES: list[str] = []


def install_reader(reader: Reader, codes: Sequence[str] = ()) -> None:
    """Called once by the app that records translations, when it loads, with the language
    codes it knows."""
    _readers[:] = [reader]
    KNOWN_CODES[:] = list(codes)


def reading_of(language: str, versions: Sequence[Any]) -> Reading | None:
    """The texts of ``versions`` in ``language`` (a code, "" for the original), in a
    constant number of queries; None where no reader is installed and no language asked.
    Raises LanguageRefused for an unknown code."""
    if not _readers:
        if language:
            raise LanguageRefused(NO_READER)
        return None
    reading = _readers[0](language, versions)
    # Each version carries its text to show, so a template reads ``version.shown``.
    for version in versions:
        version.shown = reading.texts.get(version.pk)
    return reading


def language_checked(language: str) -> None:
    """Raises LanguageRefused for a code no reader knows (no query): what a read checks
    before it starts answering."""
    reading_of(language, [])


@dataclass
class TextOf:
    """A clause version read as plain values (the overview's rows, an export's): its id
    and original text, all the reader needs."""

    pk: int
    text: str
    shown: ShownText | None = None


def reading_of_texts(language: str, texts: Sequence[tuple[int, str]]) -> Reading | None:
    """``reading_of`` for clause versions read as (id, original text) pairs."""
    return reading_of(language, [TextOf(pk, text) for pk, text in texts])


def text_data(reading: Reading | None, pk: int, original: str) -> dict[str, Any]:
    """What a clause version's API representation says of its text (docs/api.md, "Clause
    texts in a language"): ``text`` in the language read (the translation, else the
    original), ``text_language``, ``translation_status`` (``ShownText.kind``),
    ``translation_stale``, and the ``languages`` it has a text in, the original's first."""
    shown = reading.texts.get(pk) if reading is not None else None
    languages = reading.languages.get(pk, []) if reading is not None else []
    return {
        "text": shown.text if shown is not None else original,
        # No reader installed (no translations app): the original, in a language unknown here.
        "text_language": shown.language if shown is not None else "",
        "translation_status": shown.kind if shown is not None else "original",
        "translation_stale": shown.stale if shown is not None else False,
        "languages": [language.as_dict() for language in languages],
    }
