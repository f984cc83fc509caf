"""A search query as the reader types it, read into terms (pure: no Django, no database).

The syntax is the one search boxes have taught everyone: words (all must occur), a
"quoted phrase", a prefix ``demil*`` and an exclusion ``-nato``. The terms are then written
out for each database's full-text engine (SQLite FTS5's MATCH expression, PostgreSQL's
``websearch_to_tsquery`` text and the ``to_tsquery`` prefixes it cannot express), and read
again by the highlighter, which marks the passage's words the query matched.

Words are cut as both engines cut them (runs of letters and digits in any script), so a
hyphenated "e-mail" is the phrase "e mail" to both. Common words (``STOP_WORDS``) outside
a phrase are dropped on both databases alike: PostgreSQL's English dictionary drops them,
SQLite's tokenizer does not, and a result must not depend on the database.
"""

import re
import unicodedata
from dataclasses import dataclass, replace

# Longer than any phrase a reader types; a longer query is refused, not cut.
QUERY_MAX_LENGTH = 500
QUERY_TOO_LONG = (
    "q: the query is {length} characters long; keep it to {limit} or fewer "
    "(a few words or a phrase)."
)
QUERY_EMPTY = "Type a word or a phrase to search for."
ONLY_STOP_WORDS = (
    "The query holds only common words ({words}), which every passage contains: "
    "add a word that says what you look for."
)
NOTHING_TO_FIND = (
    "The query holds no word to look for (only punctuation or symbols): type a word or a phrase."
)
ONLY_EXCLUSIONS = (
    'The query only excludes words ({words}): add a word to look for, e.g. "withdrawal -{first}".'
)

# Too common to tell passages apart (English, Russian, Ukrainian).
STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in is it its of on or that the this to
    was were will with into than then there these those which who whom not no but
    и в во на не что с со к ко по за из о об от до для а но же ли бы
    і й та у в на що з зі до за від для про як але чи не це""".split()  # noqa: SIM905 -- reads as prose
)

WORD = re.compile(r"\w+", re.UNICODE)
# A quoted phrase, an optionally negated word (with a trailing * for a prefix).
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


class QueryRefused(ValueError):
    """The query cannot be searched; the message says why and what to type instead."""


@dataclass(frozen=True)
class Term:
    """One unit of the query: its words (several for a phrase), in lower case."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    excluded: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]

    @property
    def wanted(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.excluded)

    @property
    def excluded(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.excluded)


def words_of(text: str) -> list[str]:
    """The words of ``text`` as the engines cut them, in lower case."""
    return [w.casefold() for w in WORD.findall(text) if w.strip("_")]


def parse_query(raw: str) -> ParsedQuery:
    """The terms of ``raw``; QueryRefused with a reader's message when nothing is left to
    search (empty, too long, only punctuation, only common words, only exclusions)."""
    if len(raw) > QUERY_MAX_LENGTH:
        raise QueryRefused(QUERY_TOO_LONG.format(length=len(raw), limit=QUERY_MAX_LENGTH))
    if not raw.strip():
        raise QueryRefused(QUERY_EMPTY)
    terms: list[Term] = []
    dropped: list[str] = []
    for match in TOKEN.finditer(raw):
        negated_phrase, phrase, negated_word, word = match.groups()
        if phrase is not None:
            words = tuple(words_of(phrase))
            excluded = bool(negated_phrase)
            if words:
                terms.append(Term(words, phrase=len(words) > 1, excluded=excluded))
            continue
        prefix = word.endswith("*")
        words = tuple(words_of(word))
        if not words:
            continue
        excluded = bool(negated_word)
        if len(words) > 1:
            # "e-mail" or "e-mai*": a phrase of the pieces, the last one a prefix if asked.
            terms.append(Term(words, phrase=True, excluded=excluded, prefix=prefix))
        elif words[0] in STOP_WORDS and not prefix:
            dropped.append(words[0])
        else:
            terms.append(Term(words, prefix=prefix, excluded=excluded))
    if not terms:
        if dropped:
            raise QueryRefused(ONLY_STOP_WORDS.format(words=", ".join(dict.fromkeys(dropped))))
        raise QueryRefused(NOTHING_TO_FIND)
    parsed = ParsedQuery(tuple(terms))
    if not parsed.wanted:
        left_out = [" ".join(t.words) for t in parsed.excluded]
        raise QueryRefused(ONLY_EXCLUSIONS.format(words=", ".join(left_out), first=left_out[0]))
    return parsed


def exclusions_apart(query: ParsedQuery) -> tuple[ParsedQuery, list[ParsedQuery]]:
    """The wanted terms, and each excluded term as a query of its own to look for: a
    passage read in several configurations (PostgreSQL's) is left out when any reading
    of it holds any excluded term, not only when one reading does."""
    wanted = ParsedQuery(query.wanted)
    return wanted, [ParsedQuery((replace(term, excluded=False),)) for term in query.excluded]


# SQLite FTS5 ----------------------------------------------------------------------------


def _fts5_unit(term: Term) -> str:
    """One term in FTS5 syntax: its words in one quoted string (a phrase when several),
    ``*`` after it for a prefix (of the last word)."""
    quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def fts5_expression(query: ParsedQuery) -> str:
    """The MATCH expression: every wanted term AND'ed, each exclusion NOT'ed. Each word is
    quoted, so nothing the reader types is read as FTS5 syntax."""
    wanted = " AND ".join(_fts5_unit(t) for t in query.wanted)
    for term in query.excluded:
        wanted = f"({wanted}) NOT {_fts5_unit(term)}"
    return wanted


# PostgreSQL -------------------------------------------------------------------------------


def websearch_text(query: ParsedQuery) -> str:
    """What ``websearch_to_tsquery`` reads: the words, phrases and exclusions that have no
    prefix (it has no prefix syntax), each word alone so nothing reads as its operators."""
    parts = []
    for term in query.terms:
        if term.prefix:
            continue
        text = " ".join(term.words)
        if term.phrase:
            text = f'"{text}"'
        parts.append(f"-{text}" if term.excluded else text)
    return " ".join(parts)


def prefix_tsquery(query: ParsedQuery) -> str:
    """The prefix terms as ``to_tsquery`` text (``demil:* & !nato:*``), or '' for none;
    only letters and digits reach it, so it is always valid syntax."""
    parts = []
    for term in query.terms:
        if not term.prefix:
            continue
        words = [w for w in term.words if w.isalnum()]
        if not words:
            continue
        body = " <-> ".join([*words[:-1], f"{words[-1]}:*"])
        body = f"({body})" if len(words) > 1 else body
        parts.append(f"!{body}" if term.excluded else body)
    return " & ".join(parts)


# Highlighting -----------------------------------------------------------------------------


def _latin_folds() -> tuple[str, str]:
    """Each accented Latin letter (Latin-1, Latin Extended-A and -B) that is a base letter
    with accents, and that base letter: the table PostgreSQL's index folds its text with
    (search/migrations/0003_latin_accents_folded.py), so a query is folded the same way."""
    accented, plain = [], []
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        if marks and base.isascii() and base.isalpha() and all(map(unicodedata.combining, marks)):
            accented.append(char)
            plain.append(base)
    return "".join(accented), "".join(plain)


LATIN_ACCENTED, LATIN_PLAIN = _latin_folds()
_LATIN_TABLE = str.maketrans(LATIN_ACCENTED, LATIN_PLAIN)


def latin_folded(text: str) -> str:
    """``text`` with the accents of its Latin letters dropped (é is e, Ł stays: it has no
    accent to drop), as PostgreSQL's index reads it; other scripts as written."""
    return text.translate(_LATIN_TABLE)


def folded(word: str) -> str:
    """``word`` compared as FTS5's ``remove_diacritics 2`` compares it: in lower case, the
    accents of Latin letters dropped (é is e); other scripts are kept as written (й stays й)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", word.casefold()):
        if unicodedata.combining(char) and out and out[-1].isascii():
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def word_matches(word: str, term: Term) -> bool:
    """Whether a word of a passage is one of ``term``'s words: the same word, a word it is
    the prefix of (for a prefix term), or the same word with an ending a stemmer drops
    (PostgreSQL's English and Russian dictionaries match "guarantees" to "guarantee")."""
    word = folded(word)
    for wanted in (folded(w) for w in term.words):
        if word == wanted or (term.prefix and word.startswith(wanted)):
            return True
        shorter, longer = sorted((word, wanted), key=len)
        if len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3:
            return True
    return False


SNIPPET_BEFORE = 80
SNIPPET_LENGTH = 280


def highlight_spans(text: str, query: ParsedQuery) -> tuple[int, int, list[tuple[int, int]]]:
    """The excerpt of ``text`` to show (start, end) and the spans in it to mark, as
    offsets into ``text``: the excerpt starts a little before the first match."""
    spans = [
        (m.start(), m.end())
        for m in WORD.finditer(text)
        if any(word_matches(m.group(), t) for t in query.wanted)
    ]
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_BEFORE)
    if start:
        # Start on a word, not inside one.
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        space = text.rfind(" ", max(start, end - 40), end)
        end = space if space != -1 else end
    return start, end, [(a, b) for a, b in spans if a >= start and b <= end]
