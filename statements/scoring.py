"""The scoring rule of the evaluation set (pure): a proposal is right when its quote covers
at least ``COVER`` of a gold quote's characters and its party is the gold party. Each gold
statement is matched by at most one proposal; precision is right proposals over all
proposals, recall matched gold statements over all gold statements."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

COVER = 0.8
ELLIPSIS = re.compile(r"\s*\[(?:\.\.\.|…)\]\s*")
QUOTE_MARKS = str.maketrans(dict.fromkeys("“”„«»‹›\"‘’'", ""))


def _norm(text: str) -> str:
    return " ".join(ELLIPSIS.sub(" ", text).translate(QUOTE_MARKS).lower().split())


def coverage(proposal: str, gold: str) -> float:
    """The share of ``gold``'s characters that ``proposal`` holds, in order."""
    p, g = _norm(proposal), _norm(gold)
    if not g:
        return 0.0
    blocks = SequenceMatcher(None, g, p, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 3) / len(g)


@dataclass
class Score:
    proposals: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.proposals if self.proposals else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def add(self, other: "Score") -> None:
        self.proposals += other.proposals
        self.right += other.right
        self.gold += other.gold
        self.found += other.found


def score(proposed: Iterable[tuple[str, str]], gold: Iterable[tuple[str, str]]) -> Score:
    """``proposed`` and ``gold`` as (quote, party) pairs."""
    proposed, gold = list(proposed), list(gold)
    result = Score(proposals=len(proposed), gold=len(gold))
    matched: set[int] = set()
    for quote, party in proposed:
        for index, (gold_quote, gold_party) in enumerate(gold):
            if index in matched or party != gold_party:
                continue
            if coverage(quote, gold_quote) >= COVER:
                matched.add(index)
                result.right += 1
                break
    result.found = len(matched)
    return result
