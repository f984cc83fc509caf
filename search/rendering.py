"""Search results as the page and the API show them: each passage's excerpt with the
matched words marked, and the revisions it occurs in as ranges.

The excerpt is cut from the passage's plain text, each piece escaped, and only then are
the matched pieces wrapped in ``<mark>``: the markup is the app's own, never the text's.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from clauses.vocabularies import TOPIC_LABELS
from search.query import ParsedQuery, highlight_spans
from search.selectors import KIND_LABELS, ClauseHits, SearchPage


def highlighted(text: str, query: ParsedQuery) -> SafeString:
    """The excerpt of ``text`` around its first match, escaped, matches in ``<mark>``."""
    start, end, spans = highlight_spans(text, query)
    pieces = ["… " if start > 0 else ""]
    at = start
    for a, b in spans:
        pieces.append(escape(text[at:a]))
        pieces.append(f"<mark>{escape(text[a:b])}</mark>")
        at = b
    pieces.append(escape(text[at:end]))
    if end < len(text):
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308 -- every piece of text escaped above


@dataclass(frozen=True)
class RevisionRun:
    """Consecutive revision numbers, shown as "r3–r7": each end links to its version."""

    first: int
    last: int


def revision_runs(numbers: list[int]) -> list[RevisionRun]:
    runs: list[RevisionRun] = []
    for number in numbers:
        if runs and number == runs[-1].last + 1:
            runs[-1] = RevisionRun(runs[-1].first, number)
        else:
            runs.append(RevisionRun(number, number))
    return runs


@dataclass(frozen=True)
class ShownHit:
    """A passage as a result shows it."""

    kind: str
    kind_label: str
    party_slug: str
    party_name: str
    excerpt: SafeString
    runs: list[RevisionRun]


@dataclass(frozen=True)
class ShownClause:
    group: ClauseHits
    hits: list[ShownHit]

    @property
    def topic_label(self) -> str:
        return TOPIC_LABELS.get(self.group.topic, self.group.topic)

    @property
    def more(self) -> int:
        """Matching passages of the clause not shown."""
        return self.group.matches - len(self.hits)


def shown(page: SearchPage, query: ParsedQuery) -> list[ShownClause]:
    return [
        ShownClause(
            group,
            [
                ShownHit(
                    kind=hit.kind,
                    kind_label=KIND_LABELS.get(hit.kind, hit.kind),
                    party_slug=hit.party_slug,
                    party_name=hit.party_name,
                    excerpt=highlighted(hit.text, query),
                    runs=revision_runs(hit.revisions),
                )
                for hit in group.hits
            ],
        )
        for group in page.clauses
    ]
