"""How much of the draft a pasted text is (a revision's coverage: full text or partial).

The editor says so on the paste form or in the drafts API's ``coverage``; when they do not,
a draft whose points are numbered 1 to N without a gap (lettered points such as 12a and
repeated numbers allowed) is taken as the full text, and any other (starting past 1, or
skipping numbers) as partial: a quote of some points, whose silence means "not described".

A full text that would drop many of the clauses of the revision it continues is more
likely a partial one: the alignment page then says so and offers to switch.
"""

import re

from clauses.vocabularies import Coverage
from drafting.parse import ParsedDraft

# A full text dropping more than this share of the clauses it continues, or more than this
# many, gets the warning.
DROPPED_SHARE = 1 / 3
DROPPED_COUNT = 5
# A point's label as the parser normalises it: digits, then at most a letter ("12a").
_LABEL_NUMBER = re.compile(r"[0-9]+")


def guess_coverage(parsed: ParsedDraft) -> str:
    """Full text when the points are numbered 1..N without a gap, else partial."""
    numbers = set()
    for point in parsed.points:
        digits = _LABEL_NUMBER.match(point.number)
        numbers.add(int(digits[0]) if digits else 0)
    complete = bool(numbers) and numbers == set(range(1, max(numbers) + 1))
    return Coverage.FULL_TEXT if complete else Coverage.PARTIAL


def too_many_dropped(*, dropped: int, clauses: int) -> bool:
    """Whether a full text dropping ``dropped`` of ``clauses`` clauses looks partial."""
    return dropped > DROPPED_COUNT or dropped > clauses * DROPPED_SHARE
