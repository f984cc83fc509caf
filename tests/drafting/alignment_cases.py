"""A generated draft of any size against as many clauses, with its answer key: the large
alignment test's data (plain data, no database)."""

import random
from itertools import accumulate

from drafting.align import ClauseCandidate
from drafting.parse import DraftPoint
from drafting.tokens import STEM_LENGTH


def synthetic_case(
    size: int = 500, *, seed: int = 0
) -> tuple[list[DraftPoint], list[ClauseCandidate], list[int | None]]:
    """A generated draft of ``size`` points against ``size`` clauses, with its answer key.

    Clauses are 30-word sentences over invented words
    drawn with a Zipf-like skew, so that some words are everywhere and most are rare, as in
    real drafts. Nine points in ten reword a distinct clause (a third of the words replaced,
    all shuffled), in shuffled order; the tenth is new. Returns (points, clauses, expected),
    expected holding the clause id each point continues, or None for a new one.
    """
    rng = random.Random(seed)
    words = _invented_words(rng, size * 6)
    skew = list(accumulate(1 / rank for rank in range(1, len(words) + 1)))

    def draw(count: int) -> list[str]:
        return rng.choices(words, cum_weights=skew, k=count)

    def sentence() -> str:
        return " ".join(draw(30))

    clauses = [ClauseCandidate(c, str(c), f"Clause {c}", sentence()) for c in range(1, size + 1)]
    sources = rng.sample(clauses, size - size // 10) + [None] * (size // 10)
    rng.shuffle(sources)
    points, expected = [], []
    for n, clause in enumerate(sources, start=1):
        if clause is None:
            points.append(DraftPoint(str(n), sentence()))
            expected.append(None)
            continue
        reworded = clause.text.split()
        replaced = rng.sample(range(len(reworded)), len(reworded) // 3)
        for i, word in zip(replaced, draw(len(replaced)), strict=True):
            reworded[i] = word
        rng.shuffle(reworded)
        points.append(DraftPoint(str(n), " ".join(reworded)))
        expected.append(clause.clause_id)
    return points, clauses, expected


def _invented_words(rng: random.Random, count: int) -> list[str]:
    """Distinct words of three or four syllables, distinct in their first STEM_LENGTH letters."""
    words: dict[str, str] = {}
    while len(words) < count:
        word = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        word += rng.choice(("", "ra", "lo"))
        words.setdefault(word[:STEM_LENGTH], word)
    return list(words.values())
