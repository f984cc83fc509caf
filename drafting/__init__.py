"""Pasted drafts: split into points (``parse``), matched to the previous clauses (``align``).

Those two, the modules they use (``matching``, ``tokens``) and the topic guess
(``topics``) are pure functions over plain data: no database, no HTTP. ``drafting.services``
records what the editor confirms, from the paste pages (``views``) or the API (``api``).
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
