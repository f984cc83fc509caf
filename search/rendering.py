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
from search.selectors import KIND_LABELS, ClauseHits, Hit, SearchPage
from translations.languages import LANGUAGES, direction


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
    """A passage as a result shows it. A translation's names its language (its links open
    the clause in that language: ``lang_query``) and says where it is unofficial or stale."""

    kind: str
    kind_label: str
    party_slug: str
    party_name: str
    excerpt: SafeString
    runs: list[RevisionRun]
    language: str = ""
    language_name: str = ""
    direction: str = "auto"  # a translation's language's; the record's own text may be any
    unofficial: bool = False
    stale: bool = False
    # The revisions it is stale in, when it is not stale in all it is shown in.
    stale_only_in: tuple[int, ...] = ()

    @property
    def lang_query(self) -> str:
        """``?lang=`` of a translation's links; '' for the record's own text."""
        return f"?lang={self.language}" if self.language else ""


def language_name(code: str) -> str:
    found = LANGUAGES.get(code)
    return found.name if found else code


def shown_hit(hit: Hit, query: ParsedQuery) -> ShownHit:
    return ShownHit(
        kind=hit.kind,
        kind_label=KIND_LABELS.get(hit.kind, hit.kind),
        party_slug=hit.party_slug,
        party_name=hit.party_name,
        excerpt=highlighted(hit.text, query),
        runs=revision_runs(hit.revisions),
        language=hit.language,
        language_name=language_name(hit.language) if hit.language else "",
        direction=direction(hit.language) if hit.language else "auto",
        unofficial=bool(hit.unofficial_in),
        stale=bool(hit.stale_in),
        stale_only_in=tuple(hit.stale_in) if set(hit.stale_in) != set(hit.revisions) else (),
    )


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
        ShownClause(group, [shown_hit(hit, query) for hit in group.hits]) for group in page.clauses
    ]
