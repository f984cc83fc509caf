"""Match the points of a new draft to the clauses of the previous revision.

Each point is compared with each clause (its title, counted twice, and its text), and the
pairs are assigned one to one. A point left without a clause is a new clause; a clause left
without a point is dropped.

Scoring a (point, clause) pair, from 0 to 100:

1. **Shared terms, weighted by rarity** (weight ``TERMS_WEIGHT``): the cosine of TF-IDF
   vectors. Words are lower-cased, accents and punctuation dropped, stop words removed,
   plurals folded and each word cut to its first ``STEM_LENGTH`` letters, so that
   "withdraw" and "withdrawal", "guarantee" and "guarantees" meet; numbers stay tokens
   ("600,000" and "600 thousand" are "600000", "Article 5" gives "5"); ``ALIASES`` spell
   names and abbreviations one way ("Zaporozhye" is "Zaporizhzhia", "North Atlantic
   Alliance" is "NATO"). The inverse document frequency is taken over both sides (the
   clauses and the points), so "Ukraine", present everywhere, counts for little while
   "Zaporizhzhia" or "amnesty" decides. Term frequency is damped (1 + log tf) so that a
   long point does not win by repetition.
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

The pairs are then assigned one to one, greedily from the highest score down (each point
and each clause used once). On the test drafts this did as well as an optimal assignment
(scipy's ``linear_sum_assignment``, maximising the total score), so it spares the
dependency. A pair scoring under ``NEW_CLAUSE_THRESHOLD`` is never assigned: such a point
is a new clause. So when a new point merges two old clauses, it takes the closer one and
the other is dropped; when one old clause is split in two, the closer half keeps it and the
other half is new.

The weights, the stem length and the threshold were chosen on the drafts in
``tests/drafts/`` (rewordings, merges, splits, dropped and added points, press
translations, a legal rewrite): reworded points mostly score 30 to 80 against their clause,
new points under 30 against every clause, and any threshold from 24 to 30 gives the same
results within a point or two. Each match also lists its ``CANDIDATES_SHOWN`` best clauses
with their scores, so a page can offer the alternatives.
"""

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .parse import DraftPoint

TERMS_WEIGHT = 60.0
WORDING_WEIGHT = 40.0
SAME_NUMBER_BONUS = 4.0
SAME_PLACE_BONUS = 4.0
SAME_PLACE_SPAN = 0.1
NEW_CLAUSE_THRESHOLD = 27.0
CANDIDATES_PER_POINT = 8
SHORTLIST_PER_POINT = 2 * CANDIDATES_PER_POINT
COMMON_TERM_CLAUSES = 50
CANDIDATES_SHOWN = 3
STEM_LENGTH = 6

# Words that carry no subject in a peace plan's prose. Kept short on purpose: a word that
# is merely common is already discounted by its document frequency.
STOP_WORDS = frozenset(
    """a about after all also an and any are as at be been before being both but by can
    could do does each for from had has have he her his if in into is it its may might
    more most must no nor not of on once only or other our shall she should so such than
    that the their them then there these they this those through to under until upon
    was we were what when where which while who whom will with within would""".split()  # noqa: SIM905
)


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
    scoring under ``threshold`` (0-100) is never matched.
    """
    scores = _score_pairs(points, clauses)
    assigned: dict[int, int] = {}  # point index -> clause index
    taken: set[int] = set()
    ranked = sorted(
        ((score, p, c) for p, row in enumerate(scores) for c, score in row.items()),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    for score, p, c in ranked:
        if score < threshold:
            break
        if p not in assigned and c not in taken:
            assigned[p] = c
            taken.add(c)
    matches = []
    for p, row in enumerate(scores):
        best = sorted(row.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES_SHOWN]
        shown = tuple((clauses[c].clause_id, _rounded(s)) for c, s in best)
        c = assigned.get(p)
        if c is None:
            matches.append(PointMatch(p, None, 0.0, shown))
        else:
            matches.append(PointMatch(p, clauses[c].clause_id, _rounded(row[c]), shown))
    dropped = [clause.clause_id for c, clause in enumerate(clauses) if c not in taken]
    return Alignment(matches, dropped)


def _rounded(score: float) -> float:
    """The score as shown: one decimal, at most 100 (bonuses can push a copy past it)."""
    return round(min(100.0, score), 1)


def _score_pairs(
    points: Sequence[DraftPoint], clauses: Sequence[ClauseCandidate]
) -> list[dict[int, float]]:
    """For each point, its candidate clauses (by index) and their combined scores."""
    point_tokens = [tokenize(point.text) for point in points]
    # The title names the clause's subject in a few words: its terms count twice.
    clause_tokens = [tokenize(clause.title) * 2 + tokenize(clause.text) for clause in clauses]
    idf = _inverse_document_frequency(point_tokens + clause_tokens)
    index = _ClauseIndex([_tfidf(tokens, idf) for tokens in clause_tokens])
    clause_strings = [" ".join(tokens) for tokens in clause_tokens]
    clause_by_number = {
        _label(clause.number): c for c, clause in reversed(list(enumerate(clauses)))
    }
    rows = []
    for p, tokens in enumerate(point_tokens):
        vector = _tfidf(tokens, idf)
        cosines = {c: _dot(vector, index.vectors[c]) for c in index.shortlist(vector)}
        best = sorted(cosines, key=cosines.__getitem__, reverse=True)[:CANDIDATES_PER_POINT]
        point_string = " ".join(tokens)
        place = _place(p, len(points))
        same_number = clause_by_number.get(_label(points[p].number))
        row = {}
        for c in best:
            wording = fuzz.token_set_ratio(point_string, clause_strings[c]) / 100
            score = TERMS_WEIGHT * cosines[c] + WORDING_WEIGHT * wording
            if c == same_number:
                score += SAME_NUMBER_BONUS
            distance = abs(place - _place(c, len(clauses)))
            score += SAME_PLACE_BONUS * max(0.0, 1 - distance / SAME_PLACE_SPAN)
            row[c] = score
        rows.append(row)
    return rows


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
_WORD = re.compile(r"[a-z0-9]+")
_THOUSANDS = re.compile(r"(?<=\d)[,.\u202f\u2009](?=\d{3}\b)")
_POSSESSIVE = re.compile(r"['’]s\b")


def tokenize(text: str) -> list[str]:
    """The terms of a text, normalised as the module docstring says."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _DOTTED_US.sub("us", _POSSESSIVE.sub("", _THOUSANDS.sub("", folded)))
    return [
        _stem(word)
        for word in _spelled_one_way(_WORD.findall(folded))
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit())
    ]


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
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:STEM_LENGTH]
