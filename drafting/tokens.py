"""The terms of a clause or a point, in any script, for the aligner to compare.

A text is put in NFKC form and case-folded, its diacritics dropped (Latin, Greek and
Cyrillic accents, Arabic vowel marks, Hebrew points: "Zaporižžja", "Ζαπορίζια", "ё" and
"е" meet) and its digits written in ASCII ("١٢" is "12"). It is then cut into words: runs
of letters, digits and the marks that belong to a letter (Devanagari vowel signs), an
apostrophe inside a word kept out ("об'єкт" is one word). Scripts written without spaces
(Chinese, Japanese, Thai, Khmer...) give their overlapping character pairs ("停火协议" is
"停火 火协 协议"), which match about as well as their words would. An emoji or other
pictograph is a term of its own.

Each word is then brought to a stem, by script:

- Latin: English plurals folded and the word cut to its first ``STEM_LENGTH`` letters,
  so that "withdraw" and "withdrawal", "guarantee" and "guarantees" meet; numbers stay
  whole ("600,000" and "600 thousand" are "600000"), and ``ALIASES`` spell names and
  abbreviations one way ("Zaporozhye" is "Zaporizhzhia", "North Atlantic Alliance" is
  "NATO").
- Cyrillic (Ukrainian, Russian): one inflectional ending dropped, then cut to
  ``STEM_LENGTH`` letters ("гарантії", "гарантій", "гарантіями" meet).
- Greek: one ending dropped, then cut the same way.
- Arabic: the article ("ال", with an attached "و", "ب", "ف" or "ك") dropped.
- Any other script: the word as it stands. An unknown script is never stemmed by
  another's rules.

Stop words (English, Ukrainian, Russian) are dropped: they carry no subject, and a word
that is merely common is already discounted by the aligner's document frequency.
"""

import re
import unicodedata
from functools import lru_cache

STEM_LENGTH = 6

# Words that carry no subject in a peace plan's prose, in English, Russian, Ukrainian and
# Greek. Kept short on purpose: a word that is merely common is already discounted by its
# document frequency.
_STOP_WORDS_AS_WRITTEN = """
    a about after all also an and any are as at be been before being both but by can could
    do does each for from had has have he her his if in into is it its may might more most
    must no nor not of on once only or other our shall she should so such than that the
    their them then there these they this those through to under until upon was we were
    what when where which while who whom will with within would
    и в во на с со по к ко о об от до не ни что для а или из за у же бы как так это его ее
    их при без под над между также будет будут быть был была были который которые все всех
    свои свой своих весь
    і й та з із зі до від що як це його її їх при без під над між також буде будуть бути
    був була були який які або чи ще усі всі всіх свої свій
    ο η το οι τα του της των τον την στο στη στην στα και σε με για απο θα να""".split()  # noqa: SIM905

# Names a draft spells several ways, and abbreviations, each written one way (lower case,
# accents already dropped). Drafts of one plan arrive in translations and press summaries:
# "Zaporozhye NPP" is the clause about the Zaporizhzhia nuclear power plant.
ALIASES = {
    "north atlantic treaty organization": "nato",
    "north atlantic treaty organisation": "nato",
    "north atlantic alliance": "nato",
    "north atlantic treaty": "nato treaty",
    "usa": "us",
    "united states": "us",
    "united states of america": "us",
    "european union": "eu",
    "united nations": "un",
    "international atomic energy agency": "iaea",
    "non proliferation treaty": "npt",
    "nuclear power plant": "npp",
    "nuclear power station": "npp",
    "znpp": "zaporizhzhia npp",
    "dmz": "demilitarized zone",
    "army": "armed forces",
    "armies": "armed forces",
    "afu": "armed forces",
    "cease fire": "ceasefire",
    "truce": "ceasefire",
    "zaporozhye": "zaporizhzhia",
    "zaporozhie": "zaporizhzhia",
    "zaporizhia": "zaporizhzhia",
    "lugansk": "luhansk",
    "dnieper": "dnipro",
    "dnepr": "dnipro",
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "donbass": "donbas",
}
_PHRASES = {tuple(phrase.split()): spelling.split() for phrase, spelling in ALIASES.items()}
_PHRASE_STARTS = {phrase[0] for phrase in _PHRASES}
_LONGEST_PHRASE = max(len(phrase) for phrase in _PHRASES)
_MULTIPLIERS = {"thousand": "000", "million": "000000", "mln": "000000"}
_DOTTED_US = re.compile(r"\bu\.s\.(?:a\.)?")
_THOUSANDS = re.compile(r"(?<=\d)[,.\u202f\u2009](?=\d{3}\b)")
_POSSESSIVE = re.compile(r"['’]s\b")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ`](?=\w)")

# Marks that are accents on a letter rather than part of it: Latin, Greek and Cyrillic
# diacritics (after decomposition), Hebrew points, Arabic vowel marks and tatweel; and the
# joiners and variation selectors that only shape an emoji.
_DIACRITICS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0640\u200c\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)

# Inflectional endings; the longest that fits is dropped if the stem left keeps at least
# MIN_INFLECTED_STEM letters.
_CYRILLIC_ENDINGS_AS_WRITTEN = """
    ями ами ого его ому ему ими ыми ов ев ей ий ый ой ым им ом ем ую юю ая яя ое ее ые ие ых
    их ах ях ам ям ою ею ові еві ів їв ій а е и й о у ы ь ю я є і ї""".split()  # noqa: SIM905
_GREEK_ENDINGS_AS_WRITTEN = "ους ων ος ου ας ες ης εις α ε η ι ο υ ω".split()  # noqa: SIM905
_ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "ال")
MIN_INFLECTED_STEM = 3


def tokenize(text: str) -> list[str]:
    """The terms of a text, normalised as the module docstring says."""
    folded = _folded(text)
    folded = _DOTTED_US.sub("us", _POSSESSIVE.sub("", _THOUSANDS.sub("", folded)))
    folded = _INNER_APOSTROPHE.sub("", folded)
    return [
        _stem(word)
        for word in _spelled_one_way(_words(folded))
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit() or not word.isascii())
    ]


def folded_text(text: str) -> str:
    """The text as compared for identity: folded as for terms, blanks collapsed."""
    return " ".join(_folded(text).split())


def _folded(text: str) -> str:
    folded = text.casefold()
    if folded.isascii():
        return folded
    folded = _DIACRITICS.sub("", unicodedata.normalize("NFKD", folded))
    folded = unicodedata.normalize("NFKC", folded)
    return "".join(_ascii_digit(ch) for ch in folded)


@lru_cache(maxsize=4096)
def _ascii_digit(ch: str) -> str:
    if ch.isascii() or not ch.isdecimal():
        return ch
    return str(unicodedata.decimal(ch))


def _words(text: str) -> list[str]:
    """The text's words; pairs of characters for scripts without spaces; emoji on their own."""
    words: list[str] = []
    for run in _RUNS.finditer(text):
        if run.lastgroup == "unspaced":
            words.extend(_pairs(run.group()))
        else:
            words.append(run.group())
    return words


class _Kind:
    WORD = "word"
    UNSPACED = "unspaced"
    SYMBOL = "symbol"
    OTHER = "other"


# Han, kana, Thai, Lao, Myanmar, Khmer, Tibetan: scripts whose words are not spaced.
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),
    (0x0F00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x2E80, 0x2FDF),
    (0x3040, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)


@lru_cache(maxsize=65_536)
def _kind(ch: str) -> str:
    code = ord(ch)
    if any(low <= code <= high for low, high in _UNSPACED_RANGES):
        return _Kind.UNSPACED
    category = unicodedata.category(ch)
    if ch.isalnum() or category[0] == "M":
        return _Kind.WORD
    if category == "So":
        return _Kind.SYMBOL
    return _Kind.OTHER


def _run_pattern() -> re.Pattern[str]:
    """Runs of word characters, of unspaced-script characters, or of pictographs.

    A character class per kind is built from ``_kind`` over the Basic Multilingual Plane;
    the planes above it (rare letters, emoji, Han extensions) are classed by their blocks.
    """
    classes: dict[str, list[str]] = {_Kind.UNSPACED: [], _Kind.WORD: [], _Kind.SYMBOL: []}
    start, previous = 0, _kind(chr(0))
    for code in range(1, 0x10000):
        kind = _kind(chr(code))
        if kind != previous:
            if previous in classes:
                classes[previous].append(_range(start, code - 1))
            start, previous = code, kind
    if previous in classes:
        classes[previous].append(_range(start, 0xFFFF))
    classes[_Kind.WORD].append(_range(0x10000, 0x1EFFF))
    classes[_Kind.SYMBOL].append(_range(0x1F000, 0x1FAFF))
    classes[_Kind.UNSPACED].append(_range(0x20000, 0x323AF))
    unspaced, word, symbol = ("".join(classes[kind]) for kind in classes)
    return re.compile(f"(?P<unspaced>[{unspaced}]+)|(?P<word>[{word}]+)|(?P<symbol>[{symbol}])")


def _range(start: int, end: int) -> str:
    low = re.escape(chr(start))
    return low if start == end else f"{low}-{re.escape(chr(end))}"


_RUNS = _run_pattern()


def _pairs(run: str) -> list[str]:
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def _spelled_one_way(words: list[str]) -> list[str]:
    """The words with ALIASES replaced and "600 thousand" written 600000."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _PHRASE_STARTS:
            for length in range(_LONGEST_PHRASE, 0, -1):
                spelling = _PHRASES.get(tuple(words[i : i + length]))
                if spelling is not None:
                    out.extend(spelling)
                    i += length
                    break
            else:
                out.append(word)
                i += 1
        elif word.isdigit() and i + 1 < len(words) and words[i + 1] in _MULTIPLIERS:
            out.append(word + _MULTIPLIERS[words[i + 1]])
            i += 2
        else:
            out.append(word)
            i += 1
    return out


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    if word.isdigit():
        return word
    if word.isascii():
        return _english_stem(word)
    script = _script(word)
    if script == "cyrillic":
        return _without_ending(word, _CYRILLIC_ENDINGS)[:STEM_LENGTH]
    if script == "greek":
        return _without_ending(word, _GREEK_ENDINGS)[:STEM_LENGTH]
    if script == "arabic":
        for article in _ARABIC_ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= MIN_INFLECTED_STEM - 1:
                return word[len(article) :]
        return word
    if script == "latin":
        return _english_stem(word)
    return word


def _english_stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:STEM_LENGTH]


def _without_ending(word: str, endings: list[str]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_INFLECTED_STEM:
            return word[: -len(ending)]
    return word


def _script(word: str) -> str:
    """The script of a word's letters, when all of them share one of the stemmed scripts."""
    codes = [ord(ch) for ch in word if ch.isalpha()]
    if all(0x0400 <= code <= 0x052F for code in codes):
        return "cyrillic"
    if all(0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF for code in codes):
        return "greek"
    if all(0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F for code in codes):
        return "arabic"
    if all(code < 0x0250 or 0x1E00 <= code <= 0x1EFF for code in codes):
        return "latin"
    return "other"


def _as_folded(words: list[str]) -> list[str]:
    """Words as a folded text spells them: "й" loses its breve and "ς" is "σ" there too."""
    return sorted({_folded(word) for word in words}, key=lambda word: (-len(word), word))


STOP_WORDS = frozenset(_as_folded(_STOP_WORDS_AS_WRITTEN))
_CYRILLIC_ENDINGS = _as_folded(_CYRILLIC_ENDINGS_AS_WRITTEN)
_GREEK_ENDINGS = _as_folded(_GREEK_ENDINGS_AS_WRITTEN)
