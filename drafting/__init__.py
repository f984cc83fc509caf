"""Pasted drafts: split into points (``parse``), matched to the previous clauses (``align``).

Those two, the modules they use (``matching``, ``tokens``) and the topic guess
(``topics``) are pure functions over plain data: no database, no HTTP. ``coverage`` guesses
whether a draft is the full text or partial. ``drafting.services`` records what the editor
confirms, from the paste pages (``views``) or the API (``api``); ``selectors`` reads who
recorded a revision, for the page that refuses a paste another revision beat.
"""

from drafting.align import Alignment, ClauseCandidate, PointMatch, align_draft
from drafting.parse import DraftParseError, DraftPoint, ParsedDraft, parse_draft

__all__ = [
    "Alignment",
    "ClauseCandidate",
    "DraftParseError",
    "DraftPoint",
    "ParsedDraft",
    "PointMatch",
    "align_draft",
    "parse_draft",
]
