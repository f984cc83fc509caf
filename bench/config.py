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
LARGE = Size(500, 10, 50)
DEFAULT_SIZES = (SMALL, LARGE)
DEFAULT_SEED = 1
