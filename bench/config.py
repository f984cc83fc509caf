"""The sizes a run measures, and how a size is written."""

import re
from dataclasses import dataclass

SIZE_FORMAT = "Write a size as CLAUSESxPARTIESxREVISIONS, e.g. 500x10x50, not {value!r}."


@dataclass(frozen=True)
class Size:
    clauses: int
    parties: int
    revisions: int

    def __str__(self) -> str:
        return f"{self.clauses}x{self.parties}x{self.revisions}"

    @classmethod
    def parse(cls, value: str) -> "Size":
        match = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)\s*[x×]\s*(\d+)\s*", value)
        if not match or min(int(g) for g in match.groups()) < 1:
            raise ValueError(SIZE_FORMAT.format(value=value))
        return cls(*(int(g) for g in match.groups()))

    @property
    def kwargs(self) -> dict[str, int]:
        return {"clauses": self.clauses, "parties": self.parties, "revisions": self.revisions}


SMALL = Size(50, 5, 5)
# The large plan's clauses and parties with a short history: what a long one costs more.
SHALLOW = Size(500, 10, 5)
LARGE = Size(500, 10, 50)
DEFAULT_SIZES = (SMALL, SHALLOW, LARGE)
DEFAULT_SEED = 1


# The synopsis's columns where a case or a page size sets drafts side by side: at most
# six, the first revision, the latest and evenly spaced ones between (r1, r10, r20, r30,
# r40, r50 of fifty).
SYNOPSIS_COLUMNS = 6


def synopsis_numbers(numbers: list[int]) -> list[int]:
    """The revision numbers (of ``numbers``, in order) a synopsis sets side by side."""
    if len(numbers) <= SYNOPSIS_COLUMNS:
        return list(numbers)
    last = len(numbers) - 1
    steps = range(1, SYNOPSIS_COLUMNS - 1)
    picked = [0, *(max(step * (last + 1) // (SYNOPSIS_COLUMNS - 1) - 1, 0) for step in steps)]
    return [numbers[index] for index in dict.fromkeys([*picked, last])]


# Every case, in the order the report lists them.
CASE_KEYS = [
    "overview_page",
    "diff_page",
    "compare_page",
    "overview_page_uk",
    "diff_page_uk",
    "synopsis_page",
    "revision_diff",
    "diff_function",
    "positions_api_50",
    "positions_api_500",
    "revision_api",
    "clone",
    "align",
    "translation_align",
    "position_edit_first",
    "position_edit_latest",
    "wording_edit_first",
    "wording_edit_latest",
    "paste_record",
    "statements_propose",
    "clause_page",
    "party_page",
    "revision_csv",
    "revision_json",
    "plan_feed",
    "search_common",
    "search_rare",
]


# The search case's terms: one in a large share of the generated passages, one in few.
SEARCH_COMMON = "withdraw"
SEARCH_RARE = "kinburn"
