"""Match the points of a new draft to the clauses of the previous revision.

Each point is compared with each clause (its title, counted twice, and its text), and the
pairs are assigned one to one. A point left without a clause is a new clause; a clause left
without a point is dropped.

Scoring a (point, clause) pair, from 0 to 100:

1. **Shared terms, weighted by rarity** (weight ``TERMS_WEIGHT``): the cosine of TF-IDF
   vectors over the terms ``tokens.tokenize`` finds, in any script (stems, numbers, names
   spelled one way, character pairs for Chinese or Japanese). The inverse document
   frequency is taken over both sides (the clauses and the points), so "Ukraine", present
   everywhere, counts for little while "Zaporizhzhia" or "amnesty" decides. Term frequency
   is damped (1 + log tf) so that a long point does not win by repetition.
2. **Wording** (weight ``WORDING_WEIGHT``): rapidfuzz's ``token_set_ratio`` of the two
   normalised token strings; it rewards a point that keeps a clause's phrasing even when
   it adds or drops sentences. It is computed only for each point's
   ``CANDIDATES_PER_POINT`` best clauses by TF-IDF, found through an inverted index of the
   clauses' terms (``_ClauseIndex.shortlist``), so the work grows about linearly with the
   draft (``make bench`` times a 500-point paste; see bench/results.md).
3. **Numbering, a weak hint**: ``SAME_NUMBER_BONUS`` when the point keeps the clause's
   label, and up to ``SAME_PLACE_BONUS`` when it stands at the same relative place in the
   sequence (fading to nothing ``SAME_PLACE_SPAN`` of the way along). Drafts renumber
   freely; this only breaks near-ties.

A point whose text is a clause's text (ignoring case, blanks and compatibility forms)
scores ``IDENTICAL_SCORE`` with it, whatever its words: a copied point always finds its
clause, even one made only of stop words or emoji.

**Order.** Drafts mostly keep their points' relative order, so where a point stands is
evidence too: the unambiguous pairs (mutual best, scoring at least ``ANCHOR_SCORE``) anchor
the alignment, and a clause lying between the clauses of a point's nearest anchors gets up
to ``ORDER_BONUS`` (see ``_with_order_evidence``). Like the numbering hint, it only chooses
between clauses that the point's words qualify it for (terms and wording alone scoring at
least the threshold), so a new point standing where a dropped clause stood stays new.

**Assignment.** The pairs are then matched one to one so as to maximise the total of
their scores above ``NEW_CLAUSE_THRESHOLD`` (``matching.best_matching``), not greedily: a
point that takes a clause by one point of score from a point that has no other good clause,
while it has one, gives it up. A pair scoring under the threshold is never matched: such a
point is a new clause. So when a new point merges two old clauses, it takes the closer one
and the other is dropped; when one old clause is split in two, the closer half keeps it and
the other half is new.

The weights, the stem length and the threshold were chosen on the drafts in
``tests/drafting/drafts/`` (rewordings, merges, splits, dropped and added points, press
translations, a legal rewrite): reworded points mostly score 30 to 80 against their clause,
new points under 30 against every clause. The drafts in ``tests/drafting/drafts/heldout/`` were
never used to choose them; ``tests/drafting/test_draft_align.py`` reports both. Each match also
lists its ``CANDIDATES_SHOWN`` best clauses with their scores (order evidence included), so
a page can offer the alternatives.
"""

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from drafting.matching import best_matching
from drafting.parse import DraftPoint
from drafting.tokens import folded_text, tokenize

TERMS_WEIGHT = 60.0
WORDING_WEIGHT = 40.0
SAME_NUMBER_BONUS = 4.0
SAME_PLACE_BONUS = 4.0
SAME_PLACE_SPAN = 0.1
NEW_CLAUSE_THRESHOLD = 26.0
CANDIDATES_PER_POINT = 8
SHORTLIST_PER_POINT = 2 * CANDIDATES_PER_POINT
COMMON_TERM_CLAUSES = 50
CANDIDATES_SHOWN = 3
IDENTICAL_SCORE = 100.0
ANCHOR_SCORE = 45.0
ORDER_BONUS = 6.0
ORDER_SPAN = 3.0


@dataclass(frozen=True)
class ClauseCandidate:
    """A clause of the previous revision, as worded there."""

    clause_id: int
    number: str
    title: str
    text: str


@dataclass(frozen=True)
class PointMatch:
    """Where one point of the draft lands.

    ``clause_id`` is None for a new clause, and ``score`` (0-100) is then 0.
    ``candidates`` holds the best ``(clause_id, score)`` pairs for the point, best first,
    whether or not they were assigned to it.
    """

    point_index: int
    clause_id: int | None
    score: float
    candidates: tuple[tuple[int, float], ...] = ()

    @property
    def is_new(self) -> bool:
        return self.clause_id is None


@dataclass(frozen=True)
class Alignment:
    """One match per point, in paste order, and the clauses no point took, in their order."""

    matches: list[PointMatch]
    dropped: list[int]


def align_draft(
    points: Sequence[DraftPoint],
    clauses: Sequence[ClauseCandidate],
    *,
    threshold: float = NEW_CLAUSE_THRESHOLD,
) -> Alignment:
    """Propose a clause (or a new one) for each point; see the module docstring.

    ``clauses`` are the previous revision's, in their order, with distinct ids. A pair
    whose words score under ``threshold`` (0-100) is never matched.
    """
    scores, words = _score_pairs(points, clauses)
    scores = _with_order_evidence(scores)
    # Where a point stands (its number, its place, its neighbours) chooses between clauses
    # its words qualify it for; it never makes a point continue a clause its words do not.
    assigned = best_matching(
        [
            {c: score - threshold for c, score in row.items() if words_row[c] >= threshold}
            for row, words_row in zip(scores, words, strict=True)
        ]
    )
    matches = []
    for p, row in enumerate(scores):
        best = sorted(row.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES_SHOWN]
        shown = tuple((clauses[c].clause_id, _rounded(s)) for c, s in best)
        c = assigned.get(p)
        if c is None:
            matches.append(PointMatch(p, None, 0.0, shown))
        else:
            matches.append(PointMatch(p, clauses[c].clause_id, _rounded(row[c]), shown))
    taken = set(assigned.values())
    dropped = [clause.clause_id for c, clause in enumerate(clauses) if c not in taken]
    return Alignment(matches, dropped)


def _rounded(score: float) -> float:
    """The score as shown: one decimal, at most 100 (bonuses can push a copy past it)."""
    return round(min(100.0, score), 1)


def _score_pairs(
    points: Sequence[DraftPoint], clauses: Sequence[ClauseCandidate]
) -> tuple[list[dict[int, float]], list[dict[int, float]]]:
    """For each point, its candidate clauses (by index) with their combined scores; and
    the same pairs scored by their words alone (terms and wording, without numbering)."""
    point_tokens = [tokenize(point.text) for point in points]
    # The title names the clause's subject in a few words: its terms count twice.
    clause_tokens = [tokenize(clause.title) * 2 + tokenize(clause.text) for clause in clauses]
    idf = _inverse_document_frequency(point_tokens + clause_tokens)
    index = _ClauseIndex([_tfidf(tokens, idf) for tokens in clause_tokens])
    clause_strings = [" ".join(tokens) for tokens in clause_tokens]
    clause_by_number = {
        _label(clause.number): c for c, clause in reversed(list(enumerate(clauses)))
    }
    identical: dict[str, list[int]] = defaultdict(list)
    for c, clause in enumerate(clauses):
        for text in {folded_text(clause.text), folded_text(f"{clause.title} {clause.text}")}:
            if text:
                identical[text].append(c)
    rows = []
    words_rows = []
    for p, tokens in enumerate(point_tokens):
        vector = _tfidf(tokens, idf)
        cosines = {c: _dot(vector, index.vectors[c]) for c in index.shortlist(vector)}
        best = sorted(cosines, key=cosines.__getitem__, reverse=True)[:CANDIDATES_PER_POINT]
        point_string = " ".join(tokens)
        place = _place(p, len(points))
        same_number = clause_by_number.get(_label(points[p].number))
        row = {}
        words_row = {}
        for c in best:
            wording = fuzz.token_set_ratio(point_string, clause_strings[c]) / 100
            score = TERMS_WEIGHT * cosines[c] + WORDING_WEIGHT * wording
            words_row[c] = score
            if c == same_number:
                score += SAME_NUMBER_BONUS
            distance = abs(place - _place(c, len(clauses)))
            score += SAME_PLACE_BONUS * max(0.0, 1 - distance / SAME_PLACE_SPAN)
            row[c] = score
        # A point copied from a clause is that clause's, whatever its words (or lack of them).
        for c in identical.get(folded_text(points[p].text), ()):
            row[c] = max(row.get(c, 0.0), IDENTICAL_SCORE)
            words_row[c] = IDENTICAL_SCORE
        rows.append(row)
        words_rows.append(words_row)
    return rows, words_rows


def _with_order_evidence(scores: list[dict[int, float]]) -> list[dict[int, float]]:
    """The scores, raised for a clause that stands where the point's neighbours say it should.

    The nearest anchors (``_anchors``) before and after a point bound the clauses it may
    continue in order; ``_order_bonus`` says how much a clause within those bounds gains.
    """
    anchors = _anchors(scores)
    if not anchors:
        return scores
    anchor_points = [p for p, _ in anchors]
    out = []
    for p, row in enumerate(scores):
        i = bisect.bisect_left(anchor_points, p)
        before = anchors[i - 1] if i > 0 else None
        # An anchor's own pair is judged by the anchors around it, not by itself.
        j = i + 1 if i < len(anchors) and anchor_points[i] == p else i
        after = anchors[j] if j < len(anchors) else None
        out.append({c: score + _order_bonus(p, c, before, after) for c, score in row.items()})
    return out


def _anchors(scores: list[dict[int, float]]) -> list[tuple[int, int]]:
    """The unambiguous (point, clause) pairs, in point order.

    A pair is unambiguous when the clause is the point's best and the point the clause's
    best, scoring at least ANCHOR_SCORE. One that breaks the order of the anchors on both
    its sides while they keep it (a single point moved elsewhere) anchors nothing.
    """
    best_point: dict[int, tuple[float, int]] = {}
    for p, row in enumerate(scores):
        for c, score in row.items():
            if c not in best_point or score > best_point[c][0]:
                best_point[c] = (score, p)
    mutual = []
    for p, row in enumerate(scores):
        if not row:
            continue
        c = max(row, key=lambda k: (row[k], -k))
        if row[c] >= ANCHOR_SCORE and best_point[c][1] == p:
            mutual.append((p, c))
    kept = []
    for k, (p, c) in enumerate(mutual):
        before = mutual[k - 1][1] if k > 0 else None
        after = mutual[k + 1][1] if k + 1 < len(mutual) else None
        if before is not None and after is not None and before < after and not before < c < after:
            continue
        kept.append((p, c))
    return kept


def _order_bonus(
    p: int, c: int, before: tuple[int, int] | None, after: tuple[int, int] | None
) -> float:
    """ORDER_BONUS for a clause in the gap its point's anchors leave, less for a wide gap.

    Between anchors (p0, c0) and (p1, c1), a point may continue any clause strictly between
    c0 and c1; the bonus is full when there are about as many such clauses as points
    between the anchors (ORDER_SPAN more at most), and shrinks as the clauses outnumber the
    points, since being between them then says less.
    """
    if before is not None and after is not None and before[1] < after[1]:
        (p0, c0), (p1, c1) = before, after
        if not c0 < c < c1:
            return 0.0
        return ORDER_BONUS * min(1.0, (p1 - p0 - 1 + ORDER_SPAN) / (c1 - c0 - 1))
    # One anchor only (at either end of the draft, or where a moved section starts): the
    # clause should follow the anchor's as closely as the point follows the anchor.
    bonus = 0.0
    if before is not None and 0 < c - before[1] <= p - before[0] + ORDER_SPAN:
        bonus = ORDER_BONUS
    if after is not None and 0 < after[1] - c <= after[0] - p + ORDER_SPAN:
        bonus = ORDER_BONUS
    return bonus


class _ClauseIndex:
    """The clauses' TF-IDF vectors, and for each term the clauses holding it (with weights)."""

    def __init__(self, vectors: list[dict[str, float]]) -> None:
        self.vectors = vectors
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for c, vector in enumerate(vectors):
            for term, weight in vector.items():
                self.postings[term].append((c, weight))
        self.rare_postings = {
            term: posting
            for term, posting in self.postings.items()
            if len(posting) <= COMMON_TERM_CLAUSES
        }

    def shortlist(self, vector: dict[str, float]) -> list[int]:
        """The clauses (by index) worth scoring for a point: the best by its distinctive terms.

        Walking the postings of a word found in hundreds of clauses is what would make a
        large alignment quadratic, and such a word tells clauses apart the least; so only
        words in at most COMMON_TERM_CLAUSES clauses nominate candidates (all words do when
        none of the point's is that rare). The candidates' cosines are then computed in full.
        """
        partial: dict[int, float] = defaultdict(float)
        for postings in (self.rare_postings, self.postings):
            for term, weight in vector.items():
                for c, clause_weight in postings.get(term, ()):
                    partial[c] += weight * clause_weight
            if partial:
                break
        return sorted(partial, key=partial.__getitem__, reverse=True)[:SHORTLIST_PER_POINT]


def _label(number: str) -> str:
    return number.replace(" ", "").lower()


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[term] * b[term] for term in a.keys() & b.keys())


def _place(index: int, count: int) -> float:
    """Where an item stands in its sequence, from 0 (first) to 1 (last)."""
    return index / (count - 1) if count > 1 else 0.0


def _inverse_document_frequency(documents: list[list[str]]) -> dict[str, float]:
    frequency: dict[str, int] = defaultdict(int)
    for tokens in documents:
        for term in set(tokens):
            frequency[term] += 1
    n = len(documents)
    return {term: math.log((1 + n) / (1 + df)) + 1 for term, df in frequency.items()}


def _tfidf(tokens: list[str], idf: dict[str, float]) -> dict[str, float]:
    """A unit-length TF-IDF vector as a plain dict (empty for a text without terms)."""
    counts: dict[str, int] = defaultdict(int)
    for token in tokens:
        counts[token] += 1
    vector = {term: (1 + math.log(tf)) * idf[term] for term, tf in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {term: w / norm for term, w in vector.items()} if norm else {}
