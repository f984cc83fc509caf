"""Word-level diff of two texts, as plain pieces a template (or a feed) can show inline.

The result is a sequence of operations (``equal`` / ``delete`` / ``insert``), each holding
the exact text it covers, whitespace included: joining the ``equal`` and ``delete`` pieces
rebuilds the old text character for character, joining the ``equal`` and ``insert`` pieces
rebuilds the new one. Nothing here produces markup: the partial ``_text_diff.html`` shows
the pieces, escaped like everything else a template shows.

Words are compared on their characters only; the whitespace that follows a word is carried
with it but compared separately, so a changed figure ("600,000" to "800,000") shows as
that one word deleted and inserted, and a reflowed line break shows as a whitespace change
between otherwise equal words instead of rewriting the words around it.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum


class OpKind(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class TextOp:
    kind: OpKind
    text: str

    @property
    def is_equal(self) -> bool:
        return self.kind == OpKind.EQUAL

    @property
    def is_delete(self) -> bool:
        return self.kind == OpKind.DELETE

    @property
    def is_insert(self) -> bool:
        return self.kind == OpKind.INSERT


@dataclass(frozen=True)
class TextDiff:
    """The operations turning one text into another, in reading order.

    Within a run of changes the deleted text always comes before the inserted text, and
    there is at most one of each between two ``equal`` pieces.
    """

    ops: tuple[TextOp, ...] = ()

    @property
    def changed(self) -> bool:
        return any(not op.is_equal for op in self.ops)

    @property
    def old_ops(self) -> tuple[TextOp, ...]:
        """The pieces of the old text: show these with ``<del>`` around the deletions."""
        return tuple(op for op in self.ops if not op.is_insert)

    @property
    def new_ops(self) -> tuple[TextOp, ...]:
        """The pieces of the new text: show these with ``<ins>`` around the insertions."""
        return tuple(op for op in self.ops if not op.is_delete)

    @property
    def old_text(self) -> str:
        return "".join(op.text for op in self.old_ops)

    @property
    def new_text(self) -> str:
        return "".join(op.text for op in self.new_ops)


_LEADING_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"(\S+)(\s*)")


def _split(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The whitespace before the first word, and each word with the whitespace after it."""
    match = _LEADING_SPACE.match(text)  # always matches: the pattern accepts ""
    leading = match.group() if match else ""
    return leading, _WORD.findall(text, len(leading))


class _OpsBuilder:
    """Collects operations, merging neighbours of one kind and dropping empty pieces.

    Deletions and insertions are held until the next equal piece, so that a run of changes
    always reads as one deletion followed by one insertion.
    """

    def __init__(self) -> None:
        self.ops: list[TextOp] = []
        self._deleted: list[str] = []
        self._inserted: list[str] = []

    def equal(self, text: str) -> None:
        if not text:
            return
        self._flush()
        if self.ops and self.ops[-1].is_equal:
            text = self.ops.pop().text + text
        self.ops.append(TextOp(OpKind.EQUAL, text))

    def delete(self, text: str) -> None:
        self._deleted.append(text)

    def insert(self, text: str) -> None:
        self._inserted.append(text)

    def pair(self, old: str, new: str) -> None:
        """Two stretches of whitespace at the same place on each side."""
        if old == new:
            self.equal(old)
        else:
            self.delete(old)
            self.insert(new)

    def finish(self) -> tuple[TextOp, ...]:
        self._flush()
        return tuple(self.ops)

    def _flush(self) -> None:
        for kind, pieces in ((OpKind.DELETE, self._deleted), (OpKind.INSERT, self._inserted)):
            text = "".join(pieces)
            if text:
                self.ops.append(TextOp(kind, text))
            pieces.clear()


def _join(words: Sequence[tuple[str, str]]) -> str:
    return "".join(word + space for word, space in words)


def word_diff(old: str, new: str) -> TextDiff:
    """Diff two texts word by word."""
    if old == new:
        return TextDiff((TextOp(OpKind.EQUAL, old),) if old else ())

    old_leading, old_words = _split(old)
    new_leading, new_words = _split(new)
    old_keys = [word for word, _ in old_words]
    new_keys = [word for word, _ in new_words]

    # SequenceMatcher is quadratic in the worst case (a clause that repeats its words),
    # so the common head and tail, usually almost all of a long clause, never reach it.
    shortest = min(len(old_keys), len(new_keys))
    head = 0
    while head < shortest and old_keys[head] == new_keys[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_keys[-1 - tail] == new_keys[-1 - tail]:
        tail += 1
    old_end, new_end = len(old_keys) - tail, len(new_keys) - tail

    matcher = SequenceMatcher(None, old_keys[head:old_end], new_keys[head:new_end], autojunk=False)
    opcodes = [("equal", 0, head, 0, head)]
    opcodes += [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    opcodes.append(("equal", old_end, len(old_keys), new_end, len(new_keys)))

    ops = _OpsBuilder()
    ops.pair(old_leading, new_leading)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            # Nearly always the whitespace matches too: the stretch is one equal piece.
            # Otherwise each word and each stretch of whitespace is compared on its own.
            kept = _join(old_words[i1:i2])
            if kept == _join(new_words[j1:j2]):
                ops.equal(kept)
                continue
            for (word, old_space), (_, new_space) in zip(
                old_words[i1:i2], new_words[j1:j2], strict=True
            ):
                ops.equal(word)
                ops.pair(old_space, new_space)
        elif tag == "delete":
            ops.delete(_join(old_words[i1:i2]))
        elif tag == "insert":
            ops.insert(_join(new_words[j1:j2]))
        else:
            # A replaced stretch ends in whitespace on both sides; kept out of the change,
            # a replaced word reads as just that word rather than the word and its space.
            old_space, new_space = old_words[i2 - 1][1], new_words[j2 - 1][1]
            ops.delete(_join(old_words[i1:i2])[: -len(old_space) or None])
            ops.insert(_join(new_words[j1:j2])[: -len(new_space) or None])
            ops.pair(old_space, new_space)
    return TextDiff(ops.finish())


class _DeferredTextDiff(TextDiff):
    """``word_diff(old, new)``, worked out the first time its operations are read.

    Equal to the ``TextDiff`` it stands for, and rendered, serialised and pickled alike.
    """

    _texts: tuple[str, str]

    def __init__(self, old: str, new: str) -> None:
        object.__setattr__(self, "_texts", (old, new))

    @functools.cached_property
    def ops(self) -> tuple[TextOp, ...]:
        return word_diff(*self._texts).ops

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextDiff):
            return self.ops == other.ops
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.ops,))  # as the dataclass hashes its one field

    def __repr__(self) -> str:
        return f"TextDiff(ops={self.ops!r})"


def deferred_word_diff(old: str, new: str) -> TextDiff:
    """``word_diff(old, new)``, its work deferred until its operations are read.

    A comparison across many drafts holds hundreds of reworded clauses and its page shows
    fifty: the others' word diffs are never needed. (Texts that are equal cost nothing.)"""
    if old == new:
        return word_diff(old, new)
    return _DeferredTextDiff(old, new)
