"""Direct quotes in a paragraph, in every quotation style (pure).

“…” and ‘…’ (English), «…» with „…“ nested (Ukrainian, Russian), „…“ and „…” (Ukrainian),
straight "…", and dialogue lines opened by a dash ("— Мы не согласимся, — заявил Песков. —
Это наша позиция.")."""

import re
from dataclasses import dataclass

# Opening mark -> closing marks it may end with.
PAIRS = {"“": "”“", "„": "“”", "«": "»", "‹": "›", '"': '"', "‘": "’"}
DASHES = "—–"
DIALOGUE_START = re.compile(r"^\s*[—–-]\s+")
# A dash between spaces that separates a dialogue line's speech from its attribution.
DIALOGUE_BREAK = re.compile(r",?\s+[—–]\s+|\s+[—–]\s*$")
MIN_WORDS = 4


@dataclass(frozen=True)
class Quoted:
    """A quoted span of the paragraph: ``start``..``end`` is its inside, without marks."""

    start: int
    end: int
    dialogue: bool = False


def _closing(text: str, at: int, opener: str) -> int:
    """The index of the mark closing the quote opened at ``at``, or -1."""
    closers = PAIRS[opener]
    depth = 0
    for index in range(at + 1, len(text)):
        char = text[index]
        if opener == "«" and char == "«":
            depth += 1
            continue
        if char in closers:
            if opener == "‘" and index + 1 < len(text) and text[index + 1].isalpha():
                continue  # an apostrophe: Ukraine’s, don’t
            if depth:
                depth -= 1
                continue
            return index
        if char == "\n":
            return -1
    return -1


def _opens(text: str, index: int) -> bool:
    char = text[index]
    before = text[index - 1] if index else " "
    if char in '‘"':
        # Straight and single marks open only after a space, a bracket or a dash.
        return before.isspace() or before in "([—–:" or index == 0
    return True


def quoted_spans(paragraph: str) -> list[Quoted]:
    """The outermost quotes of ``paragraph`` with at least ``MIN_WORDS`` words (shorter
    ones are names, titles or scare quotes), in order."""
    if DIALOGUE_START.match(paragraph):
        return _dialogue(paragraph)
    found: list[Quoted] = []
    index = 0
    while index < len(paragraph):
        char = paragraph[index]
        if char in PAIRS and _opens(paragraph, index):
            close = _closing(paragraph, index, char)
            if close > 0:
                inside = paragraph[index + 1 : close]
                if len(inside.split()) >= MIN_WORDS:
                    found.append(Quoted(index + 1, close))
                index = close + 1
                continue
        index += 1
    return found


def _dialogue(paragraph: str) -> list[Quoted]:
    """A dialogue line: the speech parts between the dashes; the attribution is what lies
    between two parts (or after the last)."""
    lead = DIALOGUE_START.match(paragraph)
    spans: list[Quoted] = []
    position = lead.end() if lead else 0
    speech = True
    for brk in DIALOGUE_BREAK.finditer(paragraph, position):
        if speech and brk.start() > position:
            spans.append(Quoted(position, brk.start(), dialogue=True))
        position = brk.end()
        speech = not speech
    if speech and position < len(paragraph):
        end = len(paragraph.rstrip())
        if end > position:
            spans.append(Quoted(position, end, dialogue=True))
    return [s for s in spans if len(paragraph[s.start : s.end].split()) >= 2]
