"""Match the points of a pasted translation to the clauses of the revision it translates.

A translation shares no words with its original, so the draft aligner's shared terms do not
help. What survives translation is compared instead:

1. **Point numbers** (``SAME_NUMBER``): a translation keeps the draft's numbering, so a
   point numbered as a clause is that clause unless the rest contradicts it. A Cyrillic
   point letter reads as the Latin letter of the same rank ("12а" is "12a", "12б" "12b").
2. **Figures and dates** (``FIGURES``): numbers however grouped ("600,000", "600 000",
   "600.000", "600 тисяч", "600 тыс.", "0.6 million" are one figure), and months named in
   English, Ukrainian or Russian. Two texts that both hold figures but share none
   contradict each other (``CONTRADICTION``).
3. **Names and acronyms, in either script** (``NAMES``): an alias list for the names and
   acronyms a peace draft is made of (NATO/НАТО, EU/ЄС/ЕС, US/США, Zaporizhzhia/
   Запоріжжя/Запорожье...), and for other capitalised words a consonant skeleton of their
   transliteration (``_skeleton``), so "Kherson" and "Херсонської" meet, inflected or not.
4. **Order** (``ORDER``): drafts and their translations keep the points' order, so a
   clause lying between the clauses of a point's matched neighbours gains a little; order
   alone never makes a match.

The pairs are matched one to one so as to maximise the total score
(``matching.best_matching``); a pair under ``THRESHOLD`` is never matched, and its point is
left out unless the editor chooses its clause.

**A translation of something else** (pasted into the wrong revision or plan) is told apart
by its evidence: a match is *supported* when the two texts share a figure or a name,
*contradicted* when both hold figures (or both names) and share none, *silent* otherwise
(a figure one text spells out in words is no contradiction).
When the points left unmatched and the contradicted matches are more than half of the
points, the alignment is flagged (``Alignment.wrong_revision``) before anything is
recorded.

Pure: plain data in, plain data out, no database.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from drafting.matching import best_matching
from drafting.parse import DraftPoint

SAME_NUMBER = 3.0
FIGURES = 2.5
NAMES = 2.5
CONTRADICTION = 2.0
ORDER = 0.5
THRESHOLD = 1.0
SUPPORTED = "supported"
SILENT = "silent"
CONTRADICTED = "contradicted"

WRONG_REVISION = (
    "This text does not look like a translation of revision {number}: {bad} of its "
    "{points} points match no clause or contradict the clause they are numbered as "
    "(figures, dates or names that differ). Check that you are on the right revision; "
    "record it only if the matches below are right."
)


@dataclass(frozen=True)
class OriginalPoint:
    """A clause version of the revision, as the matcher needs it."""

    key: int
    number: str
    text: str


@dataclass(frozen=True)
class Features:
    figures: frozenset[str]
    names: frozenset[str]

    @property
    def empty(self) -> bool:
        return not (self.figures or self.names)


@dataclass(frozen=True)
class TranslationMatch:
    """Point ``index`` of the translation and the clause version it is matched to (None:
    left out), with the score, what the two share and how far that supports the match."""

    index: int
    number: str
    text: str
    key: int | None
    score: float
    shared: tuple[str, ...]
    evidence: str  # SUPPORTED, SILENT or CONTRADICTED ("" when unmatched)


@dataclass(frozen=True)
class Alignment:
    matches: list[TranslationMatch]
    wrong_revision: bool
    warning: str

    @property
    def matched(self) -> list[TranslationMatch]:
        return [m for m in self.matches if m.key is not None]


# Multipliers written after a figure, by the stem of the word.
_MULTIPLIERS = (
    (("thousand", "тисяч", "тис", "тысяч", "тыс"), 1_000),
    (("million", "мільйон", "млн", "миллион", "mln"), 1_000_000),
    (("billion", "мільярд", "млрд", "миллиард", "bn"), 1_000_000_000),
)
_FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:(?:[ \u00a0\u202f,.'])\d{3})+|\d+)(?:[.,](\d+))?(?![\d])"
    r"(?:\s*(?P<word>[^\W\d_]+)\.?)?"
)
# Months by the start of their names (a start of three letters or fewer is a whole word).
_MONTHS = {
    1: ("january", "jan", "січн", "січен", "январ"),
    2: ("february", "feb", "лютий", "лютого", "феврал"),
    3: ("march", "mar", "берез", "март"),
    4: ("april", "apr", "квітн", "квітен", "апрел"),
    5: ("may", "травн", "травен", "мая", "май", "мае"),
    6: ("june", "jun", "червн", "червен", "июня", "июнь", "июне"),
    7: ("july", "jul", "липн", "липен", "июля", "июль", "июле"),
    8: ("august", "aug", "серпн", "серпен", "август"),
    9: ("september", "sep", "вересн", "вересен", "сентябр"),
    10: ("october", "oct", "жовтн", "жовтен", "октябр"),
    11: ("november", "nov", "листопад", "ноябр"),
    12: ("december", "dec", "грудн", "груден", "декабр"),
}
# Names and acronyms by one key, each with its spellings: a short form (three letters or
# fewer) counts only as a word in capitals ("US", not "us"), a longer one as the start of a
# word in any case, so inflected forms count ("Запорізької", "российских", "Nato").
ALIASES: dict[str, tuple[str, ...]] = {
    "NATO": ("nato", "нато", "otan"),
    "EU": ("eu", "єс", "ес", "евросоюз", "євросоюз", "europe", "європ", "европ"),
    "US": ("us", "usa", "сша", "americ", "америк", "сполучені штати", "united states"),
    "UN": ("un", "оон", "united nations"),
    "IAEA": ("iaea", "магате", "магатэ"),
    "Russia": ("russia", "рф", "росі", "россі", "росси", "russian"),
    "Ukraine": ("ukrain", "україн", "украин"),
    "Zaporizhzhia": (
        "zaporiz",
        "zaporozh",
        "запоріж",
        "запоріз",
        "запорож",
        "запориж",
        "znpp",
        "заес",
        "заэс",
        "zaes",
    ),
    "Crimea": ("crimea", "крим", "крым"),
    "Donbas": ("donbas", "донбас"),
    "Donetsk": ("donetsk", "донецьк", "донецк"),
    "Luhansk": ("luhansk", "lugansk", "луганськ", "луганск"),
    "Kherson": ("kherson", "херсон"),
    "Kyiv": ("kyiv", "kiev", "київ", "києв", "киев"),
    "Moscow": ("moscow", "москв", "моск"),
    "Dnipro": ("dnipro", "dnieper", "дніпр", "днепр"),
    "Geneva": ("geneva", "женев"),
    "Istanbul": ("istanbul", "стамбул"),
    "Turkey": ("turkey", "turkish", "türki", "туреччин", "турецьк", "турци", "турецк"),
    "Poland": ("poland", "polish", "польщ", "польськ", "польш", "польск"),
}
_ALIAS_FORMS = sorted(
    ((form, key) for key, forms in ALIASES.items() for form in forms),
    key=lambda pair: -len(pair[0]),
)
# fmt: off
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
        "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
        "я": "ia", "ы": "y", "э": "e", "ё": "e", "ъ": "", "'": "", "’": "",
    }
)
# Spellings of one sound, folded to one letter before the consonants are kept.
_FOLDS = (
    ("shch", "š"), ("sch", "š"), ("sh", "š"), ("ch", "č"), ("kh", "h"), ("zh", "ž"),
    ("ts", "c"), ("tz", "c"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("c", "k"),
    ("g", "h"), ("w", "v"), ("q", "k"), ("x", "ks"), ("j", "i"),
)
# fmt: on
_VOWELS = set("aeiouy")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\n(«\"“]\s*$")
# The rank of a Cyrillic point letter as the Latin letter of the same rank.
_CYRILLIC_LETTERS = str.maketrans(dict(zip("абвгдеєжз", "abcdefghi", strict=True)))
MIN_NAME_LETTERS = 4
SKELETON_CONSONANTS = 4


def features(text: str) -> Features:
    """What of ``text`` survives translation: its figures (and months) and its names."""
    text = unicodedata.normalize("NFKC", text)
    return Features(figures=frozenset(_figures(text)), names=frozenset(_names(text)))


def _figures(text: str) -> set[str]:
    found = set()
    for match in _FIGURE.finditer(text):
        whole = re.sub(r"[^\d]", "", match.group(1))
        fraction = match.group(2) or ""
        value = float(f"{whole}.{fraction}") if fraction else float(whole)
        word = (match.group("word") or "").lower()
        for stems, factor in _MULTIPLIERS:
            if word and any(
                word == stem or (len(stem) > 2 and word.startswith(stem)) for stem in stems
            ):
                value *= factor
                break
        found.add(str(int(value)) if value.is_integer() else f"{value:.6g}")
    for word in _WORD.findall(text.lower()):
        month = _month(word)
        if month:
            found.add(f"month {month}")
    return found


# Words repeat across the points of a draft and its translation: each is looked up once.
@lru_cache(maxsize=1 << 16)
def _month(word: str) -> int | None:
    for month, stems in _MONTHS.items():
        if any(word == stem or (len(stem) > 3 and word.startswith(stem)) for stem in stems):
            return month
    return None


def _names(text: str) -> set[str]:
    found = set()
    lowered = text.lower()
    for form, alias_key in _ALIAS_FORMS:
        if " " in form and form in lowered:
            found.add(alias_key)
    for match in _WORD.finditer(text):
        word = match.group()
        key = _alias(word)
        if key:
            found.add(key)
            continue
        if _month(word.lower()):
            continue
        starts_sentence = match.start() == 0 or _SENTENCE_END.search(text[: match.start()])
        if word[0].isupper() and not word.isupper() and not starts_sentence:
            skeleton = _skeleton(word)
            if len(word) >= MIN_NAME_LETTERS and len(skeleton) >= 2:
                found.add(f"~{skeleton}")
    return found


@lru_cache(maxsize=1 << 16)
def _alias(word: str) -> str | None:
    lowered = word.lower()
    for form, key in _ALIAS_FORMS:
        if len(form) <= 3:
            if lowered == form and word.isupper():
                return key
        elif lowered.startswith(form):
            return key
    return None


def _skeleton(word: str) -> str:
    """The first consonants of a word's Latin spelling, one letter per sound: "Kherson",
    "Херсон" and "Херсонської" all give "hrsn"."""
    latin = word.lower().translate(_TRANSLIT)
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    for spelling, letter in _FOLDS:
        latin = latin.replace(spelling, letter)
    consonants: list[str] = []
    for letter in latin:
        if (
            letter.isalpha()
            and letter not in _VOWELS
            and (not consonants or consonants[-1] != letter)
        ):
            consonants.append(letter)
    return "".join(consonants[:SKELETON_CONSONANTS])


def label(number: str) -> str:
    """A point label to compare: "12 А" and "12a" are one label."""
    return number.replace(" ", "").lower().translate(_CYRILLIC_LETTERS)


def _shown(feature: str) -> str:
    return feature.removeprefix("~")


def align_translation(
    points: Sequence[DraftPoint], originals: Sequence[OriginalPoint], *, revision_number: int
) -> Alignment:
    """Match each point of a translation to a clause version of the revision, or to none."""
    point_features = [features(point.text) for point in points]
    original_features = [features(original.text) for original in originals]
    # Each pair's score reads both labels: worked out once per point, not once per pair.
    point_labels = [label(point.number) for point in points]
    original_labels = [label(original.number) for original in originals]
    # Only the pairs with some evidence for them: a pair scoring 0 or less is never raised
    # by the order (``_with_order``) nor matched (it lies under ``THRESHOLD``), and most
    # pairs of a long draft are such, so the rows stay a few pairs long.
    scores = []
    for p in range(len(points)):
        row = {}
        for clause in range(len(originals)):
            score = _score(
                point_labels[p] == original_labels[clause],
                point_features[p],
                original_features[clause],
            )
            if score > 0:
                row[clause] = score
        scores.append(row)
    scores = _with_order(scores, clauses=len(originals))
    chosen = best_matching([{c: s - THRESHOLD for c, s in row.items()} for row in scores])
    matches = []
    for p, point in enumerate(points):
        c = chosen.get(p)
        if c is None:
            matches.append(TranslationMatch(p, point.number, point.text, None, 0.0, (), ""))
            continue
        ours, theirs = point_features[p], original_features[c]
        shared = (ours.figures & theirs.figures) | (ours.names & theirs.names)
        if shared:
            evidence = SUPPORTED
        elif (ours.figures and theirs.figures) or (ours.names and theirs.names):
            evidence = CONTRADICTED
        else:
            evidence = SILENT
        matches.append(
            TranslationMatch(
                p,
                point.number,
                point.text,
                originals[c].key,
                round(scores[p][c], 2),
                tuple(sorted(_shown(f) for f in shared)),
                evidence,
            )
        )
    bad = sum(1 for m in matches if m.key is None or m.evidence == CONTRADICTED)
    wrong = bool(points) and bad * 2 > len(points)
    warning = (
        WRONG_REVISION.format(number=revision_number, bad=bad, points=len(points)) if wrong else ""
    )
    return Alignment(matches=matches, wrong_revision=wrong, warning=warning)


def _score(same_number: bool, ours: Features, theirs: Features) -> float:
    score = SAME_NUMBER if same_number else 0.0
    if ours.figures and theirs.figures:
        shared = len(ours.figures & theirs.figures)
        if shared:
            score += FIGURES * shared / len(ours.figures | theirs.figures) + FIGURES / 2
        else:
            score -= CONTRADICTION
    if ours.names and theirs.names:
        shared = len(ours.names & theirs.names)
        score += NAMES * shared / len(ours.names | theirs.names) + (NAMES / 2 if shared else 0)
    return score


def _with_order(scores: list[dict[int, float]], *, clauses: int) -> list[dict[int, float]]:
    """Add ``ORDER`` to each pair whose clause lies between the clauses of the point's
    nearest anchors (points whose best clause scores at least ``SAME_NUMBER``), for a
    point that already has some evidence for it."""
    anchors = []
    for p, row in enumerate(scores):
        if row:
            best = max(row, key=lambda c: row[c])
            if row[best] >= SAME_NUMBER:
                anchors.append((p, best))
    result = []
    for p, row in enumerate(scores):
        before = max((c for q, c in anchors if q < p), default=-1)
        after = min((c for q, c in anchors if q > p), default=clauses)
        result.append(
            {c: s + (ORDER if before < c < after and s > 0 else 0.0) for c, s in row.items()}
        )
    return result
