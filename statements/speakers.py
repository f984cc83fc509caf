"""Who speaks for whom: the alias table matched against a report's words (pure).

An alias is a name in any script (Zelensky, Зеленський, Зеленский), a title ("the Kremlin
spokesman", "речник Кремля") or an institution ("the Kremlin", "Kyiv"), each naming the
party it stands for. Inflected forms match through ``statements.text.word_matches``."""

from collections.abc import Iterable
from dataclasses import dataclass

from statements.text import Token, alias_stem, fold, word_matches

NAME, TITLE, INSTITUTION = "name", "title", "institution"
# Words an alias may start with in the table that a report often leaves out.
OPTIONAL_ARTICLES = {"the"}


@dataclass(frozen=True)
class Alias:
    text: str
    party: str
    kind: str = NAME
    language: str = ""


@dataclass(frozen=True)
class Mention:
    """An alias found in the text, over tokens ``first``..``last`` (inclusive)."""

    alias: Alias
    first: int
    last: int
    start: int
    end: int


class AliasIndex:
    """The table prepared for matching: each alias as its word stems, by first stem letter."""

    def __init__(self, aliases: Iterable[Alias]):
        self.by_initial: dict[str, list[tuple[tuple[str, ...], Alias]]] = {}
        for alias in aliases:
            words = [w for w in fold(alias.text).split() if w]
            while len(words) > 1 and words[0] in OPTIONAL_ARTICLES:
                words = words[1:]
            if not words:
                continue
            stems = tuple(alias_stem(w) for w in words)
            self.by_initial.setdefault(stems[0][:1], []).append((stems, alias))
        for entries in self.by_initial.values():
            # Longer aliases first, so "the Kremlin spokesman" wins over "the Kremlin".
            entries.sort(key=lambda entry: -len(entry[0]))

    def mentions(self, toks: list[Token]) -> list[Mention]:
        """Every alias in ``toks``, longest first where two start at the same word, and no
        two overlapping."""
        found: list[Mention] = []
        index = 0
        while index < len(toks):
            match = self._match_at(toks, index)
            if match is None:
                index += 1
                continue
            found.append(match)
            index = match.last + 1
        return found

    def _match_at(self, toks: list[Token], index: int) -> Mention | None:
        low = toks[index].low
        for stems, alias in self.by_initial.get(low[:1], ()):
            end = index + len(stems)
            if end > len(toks):
                continue
            if all(word_matches(stem, toks[index + k].low) for k, stem in enumerate(stems)):
                # A name is written with a capital; "kyiv" in a URL or a lower-case common
                # word that happens to equal a title's word is not a mention of a person.
                if alias.kind == NAME and not toks[index].text[:1].isupper():
                    continue
                return Mention(alias, index, end - 1, toks[index].start, toks[end - 1].end)
        return None
