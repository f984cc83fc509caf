"""Which clause(s) of the plan's current revision a statement concerns (pure).

A clause is found by what it shares with the statement: its point number ("point 12",
"пункт 12"), and its distinctive content words. Reports in Ukrainian and Russian share
few words with clauses written in English, so places and subjects of the talks are also
compared through ``TOPICS``, a small table of their names in the three languages. A
statement about "the plan" as a whole, matching no clause, concerns the whole plan."""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from statements.text import WORD, content_stem, fold

WHOLE_PLAN = "whole plan"

# Canonical subject -> prefixes of its names in English, Ukrainian and Russian.
TOPICS: dict[str, tuple[str, ...]] = {
    "nato": ("nato", "нато", "alliance", "альянс"),
    "donbas": ("donbas", "донбас", "донбасс"),
    "donetsk": ("donetsk", "донецьк", "донецк"),
    "luhansk": ("luhansk", "луганськ", "луганск"),
    "zaporizhzhia": ("zaporizhzh", "запоріжж", "запорож", "запорізьк"),
    "kherson": ("kherson", "херсон"),
    "crimea": ("crimea", "крим"),
    "nuclear": ("nuclear", "аес", "аэс", "ядерн", "атомн"),
    "referendum": ("referendum", "референдум"),
    "sanction": ("sanction", "санкці", "санкци"),
    "guarantee": ("guarantee", "гаранті", "гаранти"),
    "demilitari": ("demilitari", "buffer", "демілітар", "демилитар", "буферн"),
    "withdraw": ("withdraw", "redeploy", "виведенн", "відвед", "вывод", "отвод"),
    "territory": ("territor", "land", "територі", "территори", "земл"),
    "constitution": ("constitution", "конституці", "конституци"),
    "election": ("election", "вибор", "выбор"),
    "army": ("army", "armed forces", "troops", "армі", "арми", "військ", "войск", "зсу"),
    "ceasefire": ("ceasefire", "truce", "перемир", "припинення вогню", "прекращение огня"),
    "prisoner": ("prisoner", "exchange", "полонен", "пленн", "обмін", "обмен"),
    "economic zone": ("economic zone", "економічн", "экономическ"),
    "article 5": ("article 5", "стаття 5", "статт", "стать"),
    "eu": ("european union", "eu membership", "євросоюз", "єс", "евросоюз", "ес"),
    "assets": ("assets", "frozen", "актив", "заморож"),
}
WHOLE_PLAN_WORDS = re.compile(
    r"\b(?:the|this|peace|new|updated|american|us) (?:peace )?(?:plan|framework|proposal|deal|"
    r"agreement|document)s?\b|мирн\w* (?:план|угод|договор|рамк)\w*|\bплан\w*|\bугод\w*|"
    r"\bдокумент\w*|\bproposals?\b",
    re.IGNORECASE,
)
POINT = re.compile(r"(?:point|clause|article|пункт|точк|стат)\w*\s+(\d{1,2}[a-z]?)", re.I)
STOP = {
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "from",
    "will",
    "would",
    "should",
    "could",
    "have",
    "has",
    "had",
    "been",
    "were",
    "was",
    "are",
    "its",
    "their",
    "they",
    "them",
    "which",
    "while",
    "into",
    "over",
    "under",
    "about",
    "after",
    "before",
    "other",
    "than",
    "also",
    "more",
    "most",
    "such",
    "only",
    "both",
    "each",
    "all",
    "any",
    "some",
    "not",
    "but",
    "can",
    "may",
    "must",
    "shall",
    "upon",
    "between",
    "including",
    "within",
    "without",
    "against",
    "party",
    "parties",
    "plan",
    "clause",
    "point",
    "ukraine",
    "russia",
}


@dataclass(frozen=True)
class ClauseText:
    key: str
    number: str
    text: str


@dataclass
class _Prepared:
    key: str
    number: str
    stems: set[str]
    topics: set[str] = field(default_factory=set)


# One pattern per subject, compiled once: a clause index of a long plan searches each
# clause for every subject.
_TOPIC_PATTERNS = {
    topic: re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(name) for name in names)})")
    for topic, names in TOPICS.items()
}


def _topics(low: str) -> set[str]:
    return {topic for topic, pattern in _TOPIC_PATTERNS.items() if pattern.search(low)}


def _stems(text: str) -> set[str]:
    # The text folded once, its words read off it (no token objects): a long plan's
    # clauses are all read this way for each report.
    return {
        content_stem(word)
        for word in WORD.findall(fold(text))
        if len(word) > 3 and word not in STOP and not word.isdigit()
    }


class ClauseMatcher:
    def __init__(self, clauses: Sequence[ClauseText]):
        self.clauses = [
            _Prepared(c.key, c.number, _stems(c.text), _topics(fold(c.text))) for c in clauses
        ]
        counts: dict[str, int] = {}
        for clause in self.clauses:
            for stem in clause.stems | clause.topics:
                counts[stem] = counts.get(stem, 0) + 1
        total = max(1, len(self.clauses))
        self.weight = {s: math.log((total + 1) / n) for s, n in counts.items()}

    def match(self, statement: str) -> list[str]:
        """The keys of the clauses ``statement`` concerns, best first; ``[WHOLE_PLAN]``
        when it speaks of the plan and of no clause; ``[]`` when neither."""
        low = fold(statement)
        numbers = {m.group(1) for m in POINT.finditer(statement)}
        stems = _stems(statement)
        topics = _topics(low)
        scored: list[tuple[float, str]] = []
        for clause in self.clauses:
            if clause.number in numbers:
                scored.append((100.0, clause.key))
                continue
            score = sum(self.weight.get(s, 0) for s in clause.stems & stems)
            score += 1.5 * sum(self.weight.get(t, 0) for t in clause.topics & topics)
            if score >= 1.5:
                scored.append((score, clause.key))
        if scored:
            scored.sort(reverse=True)
            best = scored[0][0]
            return [key for score, key in scored if score >= best * 0.6][:3]
        return [WHOLE_PLAN] if WHOLE_PLAN_WORDS.search(statement) else []
