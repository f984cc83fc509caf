"""Words of a report: tokens with their offsets, and a light stem for Ukrainian and Russian
inflection (pure: no Django).

Names are the words that matter for attribution, and the dictionaries of a morphological
analyser know few of them; a name's inflected forms share its stem with at most a few
letters added (Зеленський, Зеленського, Зеленському; Пескову), so an alias matches a word
that starts with the alias's stem and adds no more than ``MAX_ADDED`` letters."""

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_ADDED = 3
# Endings dropped from an alias word before it is matched as a prefix (longest first).
SOFT_ENDINGS = ("ий", "ій", "ый", "ой", "ая", "ь", "й", "а", "я", "о", "е", "и", "і", "ы", "у", "ю")
ENGLISH_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    start: int
    end: int


def fold(word: str) -> str:
    """Lower case, ё as е, straight apostrophes, ґ as г: spellings that vary in reports."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'").replace("ґ", "г")


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def alias_stem(word: str) -> str:
    """The part of an alias word its inflected forms start with."""
    low = fold(word)
    if not CYRILLIC.search(low):
        return ENGLISH_POSSESSIVE.sub("", low)
    for ending in SOFT_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            return low[: -len(ending)]
    return low


def word_matches(stem: str, word: str) -> bool:
    """Whether ``word`` (folded) is a form of the alias word whose stem is ``stem``."""
    if CYRILLIC.search(stem):
        return word.startswith(stem) and len(word) - len(stem) <= MAX_ADDED
    return word == stem or ENGLISH_POSSESSIVE.sub("", word) == stem


def content_stem(word: str) -> str:
    """A rough stem for comparing content words across a statement and a clause."""
    low = fold(word)
    if CYRILLIC.search(low):
        return low[:5] if len(low) > 5 else low
    for suffix in ("ations", "ation", "ments", "ment", "ing", "ies", "ed", "es", "s"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            return low[: -len(suffix)]
    return low
