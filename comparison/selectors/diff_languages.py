"""A diff read in one language (``?lang=uk``): both sides' clause texts in that language.

The diff itself (comparison/diff.py) compares whatever texts its snapshots hold, so a diff
in a language is the diff of snapshots whose texts are that language's. Where a side has
no translation of a clause, that side keeps its original text and the clause carries a
mark saying so (``SideText.missing``): the page and the downloads show which text is in
which language, never a silent mix. One query more than the diff in the original: the
translations of both sides' clause versions.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Case, F, TextField, Value, When

from clauses.models import Revision
from clauses.text_languages import LanguageRefused
from comparison.diff import RevisionDiff, RevisionSnapshot, diff
from comparison.selectors.diffs import diff_snapshots
from translations.languages import LANGUAGES, direction
from translations.models import ClauseVersionTranslation, text_sha256
from translations.selectors import language_checked, original_language

__all__ = ["DiffLanguage", "LanguageRefused", "SideText", "revision_diff_in"]


def _name(code: str) -> str:
    return LANGUAGES[code].name if code in LANGUAGES else code


@dataclass(frozen=True)
class SideText:
    """The language one side of a clause's diff is in."""

    language: str
    language_name: str
    kind: str  # "official" or "unofficial" (a translation), "missing" (the original)
    stale: bool = False

    @property
    def missing(self) -> bool:
        return self.kind == "missing"


@dataclass(frozen=True)
class DiffLanguage:
    """The language a diff's texts were asked in, and each clause's sides (by clause id:
    before, after; None for a side the clause is not in)."""

    language: str
    language_name: str
    original: str
    available: list[tuple[str, str]] = field(default_factory=list)
    sides: dict[int, tuple[SideText | None, SideText | None]] = field(default_factory=dict)

    @property
    def translated(self) -> bool:
        return self.language != self.original

    @property
    def direction(self) -> str:
        return direction(self.language)

    def marks(self, clause_id: int, old: int, new: int) -> list[str]:
        """What a clause's diff cell says of its texts' languages: "original (English): no
        Українська translation in r2", a stale translation."""
        before, after = self.sides.get(clause_id, (None, None))
        marks = []
        for side, number in ((before, old), (after, new)):
            if side is None:
                continue
            if side.missing:
                marks.append(
                    f"r{number}: original ({side.language_name}): "
                    f"no {self.language_name} translation in r{number}"
                )
            elif side.stale:
                marks.append(
                    f"r{number}: {side.kind} translation, stale: made before the original's "
                    "wording changed"
                )
        return marks

    def language_of(self, clause_id: int, side: int) -> str | None:
        """The code of the text on ``side`` (0 before, 1 after) of a clause, None where the
        clause is not on that side."""
        found = self.sides.get(clause_id, (None, None))[side]
        return found.language if found else None


def _translations(revisions: list[Revision], language: str) -> list[tuple]:
    """Every translation of the revisions' clause versions: the revision, the clause, the
    language, its marks and its text in ``language`` only (one query)."""
    return list(
        ClauseVersionTranslation.objects.filter(
            clause_version__revision__in=[revision.pk for revision in revisions]
        )
        .annotate(
            shown_text=Case(
                When(language=language, then=F("text")),
                default=Value(""),
                output_field=TextField(),
            )
        )
        .order_by()
        .values_list(
            "clause_version__revision_id",
            "clause_version__clause_id",
            "language",
            "official",
            "original_sha256",
            "shown_text",
        )
    )


def _in_language(
    snapshot: RevisionSnapshot, found: dict[tuple[int, int], tuple], language: str
) -> tuple[RevisionSnapshot, dict[int, SideText]]:
    """The snapshot with its texts in ``language`` where translated, and each clause's side."""
    original = original_language()
    sides: dict[int, SideText] = {}
    clauses = []
    for clause in snapshot.clauses:
        row = found.get((snapshot.revision_id or 0, clause.clause_id))
        if row is None:
            sides[clause.clause_id] = SideText(original, _name(original), "missing")
            clauses.append(clause)
            continue
        official, sha256, text = row
        sides[clause.clause_id] = SideText(
            language,
            _name(language),
            "official" if official else "unofficial",
            stale=sha256 != text_sha256(clause.text),
        )
        clauses.append(replace(clause, text=text))
    return replace(snapshot, clauses=tuple(clauses)), sides


def revision_diff_in(
    *, old: Revision, new: Revision, lang: str
) -> tuple[RevisionDiff, DiffLanguage | None]:
    """The diff from ``old`` to ``new`` with its texts in ``lang`` (a code; "" for the
    original, which costs no query more and gives no ``DiffLanguage``). The queries of
    ``revision_diff``, then one: the translations of both sides. Raises LanguageRefused
    for an unknown code."""
    snapshots, names = diff_snapshots(old=old, new=new)
    if not lang:
        return diff(snapshots[old.pk], snapshots[new.pk], party_names=names), None
    language = language_checked(lang)
    original = original_language()
    rows = _translations([old, new], language)
    codes = sorted({row[2] for row in rows} | {original, language})
    reading = DiffLanguage(
        language=language,
        language_name=_name(language),
        original=original,
        available=[(code, _name(code)) for code in codes],
    )
    if language == original:
        return diff(snapshots[old.pk], snapshots[new.pk], party_names=names), reading
    found = {
        (revision_id, clause_id): (official, sha256, text)
        for revision_id, clause_id, code, official, sha256, text in rows
        if code == language
    }
    before, before_sides = _in_language(snapshots[old.pk], found, language)
    after, after_sides = _in_language(snapshots[new.pk], found, language)
    for clause_id in before_sides.keys() | after_sides.keys():
        reading.sides[clause_id] = (before_sides.get(clause_id), after_sides.get(clause_id))
    return diff(before, after, party_names=names), reading
