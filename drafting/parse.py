"""Split the pasted text of a draft into its numbered points.

A point starts on a line that begins with a label: ``1.``, ``1)``, ``1:``, ``12a.``,
``12 a)``, ``12(a)``, ``Point 1:``, ``Point 1.`` or ``Point 1 -`` (a bullet such as ``•``
before the label is ignored). Drafts in Ukrainian and Russian letter their points in
Cyrillic ("12а)") and say "Пункт 1"; treaties say "Article 1", "Стаття 1" or "Статья 1". The
label is normalised to digits plus an optional lower-case letter ("12 a)" becomes "12a",
"12 Б)" becomes "12б"); the point's text excludes it.

Everything else belongs to the point above it:

- a wrapped line joins the line before it with a single space;
- a sub-point (``(a)``, ``a)``, ``i.``, ``(iv)``, ``3.1`` under 3), a bulleted line and a new
  paragraph (after a blank line) start a new line of the point's text (joined with "\\n");
- a heading in capitals ("TERRITORY") is not text: it is kept as the ``heading`` of the
  points that follow it.

Text before the first point is the preamble, returned apart from the points.

A line that starts with a number is a new point only if the number looks like a label:
digits then ".", ")" or ":" and a space, or "Point N". Numbers that continue the sequence
(the next number, or the next letter: 12, 12a, 12b, 13) are always taken. Any other number
is taken only at a boundary (after a blank line, a heading, or a line that ends a sentence)
and only if it is plausible: the first point may be numbered up to
``MAX_FIRST_NUMBER``, a later one at most ``MAX_NUMBER_JUMP`` past the highest number seen
so far. So "5,000 square kilometres", "2025 was" or "...signed on 1 January\\n2026. The"
stay prose, while points that are out of order or repeat a number are kept, in paste order.
"Point N" labels are explicit and always taken; "Article N" labels are taken like bare
numbers, since prose cites articles ("akin to\nArticle 5. It ...").

The text is cleaned before it is split: Windows and old Mac line endings, tabs,
non-breaking and other Unicode spaces become plain ones; zero-width characters, soft
hyphens and control characters are stripped, since a draft never means them and databases
reject some (PostgreSQL refuses NUL). A paste in which control characters are more than a
few and more than 1 in 20 is binary (a file pasted as raw data), and is refused. Anything
else, markup included, is kept verbatim: escaping is for whoever renders it.
"""

import re
from dataclasses import dataclass, field

MAX_DRAFT_CHARS = 200_000
MAX_POINTS = 2_000
MAX_FIRST_NUMBER = 100
MAX_NUMBER_JUMP = 10
MAX_HEADING_CHARS = 80
# A paste in which more than 1 character in 20 is a control character is not text; a
# few stray ones (fewer than MIN_BINARY_CONTROLS) are simply stripped.
MAX_CONTROL_SHARE = 0.05
MIN_BINARY_CONTROLS = 8

DRAFT_EMPTY = "Paste the text of the draft: it is empty."
DRAFT_NO_POINTS = (
    "No numbered points were found in the draft. Start each point on its own line with its "
    'number, written as "1.", "1)", "1:", "12a.", "12 a)", "Point 1:", "Point 1." or '
    '"Article 1.", then paste it again. Sub-points such as (a) or i. stay inside their point.'
)
DRAFT_TOO_LONG = (
    f"The draft is too long: paste at most {MAX_DRAFT_CHARS:,} characters. Leave out "
    "annexes and commentary, and paste only the points of the plan."
)
DRAFT_TOO_MANY_POINTS = (
    f"The draft has more than {MAX_POINTS:,} numbered points, more than a revision can hold. "
    "Check that only the points are numbered (sub-points written as (a) or i.), or paste "
    "fewer points."
)
DRAFT_BINARY = (
    "The pasted text is mostly control characters, which happens when a file (a PDF or a Word "
    "document) is pasted as raw data. Copy the text from the document itself and paste that."
)


class DraftParseError(ValueError):
    """The paste cannot be split into points; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DraftPoint:
    """One point of a draft: its label ("12a"), its text, where it starts and its heading."""

    number: str
    text: str
    line: int = 0  # 1-based line of the paste where the point's label stands
    heading: str = ""  # the capitals heading above the point, if any


@dataclass(frozen=True)
class ParsedDraft:
    preamble: str
    points: list[DraftPoint]


# Line breaks of every platform, plus form feeds and vertical tabs left by PDF copies.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # any run of whitespace but the newline

_BULLET = re.compile(r"^[•◦▪▫‣●○■□·∙*\-–—](?:\s+|$)")
# A point's letter: Latin, or Cyrillic as Ukrainian and Russian drafts letter them ("12а)").
_LETTER = r"[a-zA-Z\u0430-\u044f\u0410-\u042f\u0454\u0456\u0457\u0491\u0404\u0406\u0407\u0490]"
_NUMBERED = re.compile(
    rf"^(?P<num>[0-9]{{1,4}})(?:\s?(?P<let>{_LETTER})(?=[.):])|\s?\((?P<plet>{_LETTER})\))?"
    r"[.):]?(?:\s+|$)"
)
_POINT_WORD = re.compile(
    rf"^(?:(?P<point>point|пункт)|article|art\.|стаття|статья|ст\.)\s*(?P<num>[0-9]{{1,4}})"
    rf"\s?(?P<let>{_LETTER})?\s*(?:[.:)]|\s[-–—]|$)\s*",
    re.IGNORECASE,
)
_SUB_POINT = re.compile(
    r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|[0-9]{1,2}|[а-яієї])\)|(?:[a-z]|[ivxlc]{1,6}|[а-яієї])[.)])"
    r"(?:\s|$)",
    re.IGNORECASE,
)
_DECIMAL_SUB_POINT = re.compile(r"^([0-9]{1,4})\.[0-9]{1,3}\.?(?:\s|$)")
_ENDS_SENTENCE = re.compile(r"[.;:!?)\]\"'”’»]$")


def parse_draft(text: str) -> ParsedDraft:
    """Split a pasted draft into its preamble and its points; raise DraftParseError."""
    if len(text) > MAX_DRAFT_CHARS:
        raise DraftParseError(DRAFT_TOO_LONG)
    lines = _clean(text).split("\n")
    if not any(lines):
        raise DraftParseError(DRAFT_EMPTY)
    collector = _Collector()
    for line_number, line in enumerate(lines, start=1):
        collector.feed(line_number, line)
    if not collector.points:
        raise DraftParseError(DRAFT_NO_POINTS)
    return ParsedDraft(
        preamble=collector.preamble.text(),
        points=[point.freeze() for point in collector.points],
    )


def _clean(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    controls = len(_CONTROL.findall(text))
    if controls >= MIN_BINARY_CONTROLS and controls > MAX_CONTROL_SHARE * len(text):
        raise DraftParseError(DRAFT_BINARY)
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@dataclass
class _Text:
    """Lines gathered into paragraphs: wrapped lines join with a space, paragraphs with \\n."""

    paragraphs: list[list[str]] = field(default_factory=list)

    def add(self, line: str, *, new_paragraph: bool) -> None:
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append([])
        self.paragraphs[-1].append(line)

    def text(self) -> str:
        return "\n".join(" ".join(p) for p in self.paragraphs if p)


@dataclass
class _OpenPoint:
    number: str
    line: int
    heading: str
    body: _Text = field(default_factory=_Text)

    def freeze(self) -> DraftPoint:
        return DraftPoint(self.number, self.body.text(), self.line, self.heading)


@dataclass
class _Collector:
    """Reads the cleaned lines one by one and decides what each one is."""

    preamble: _Text = field(default_factory=_Text)
    points: list[_OpenPoint] = field(default_factory=list)
    heading: str = ""
    last: tuple[int, str] = (0, "")  # the label of the last point, as (number, letter)
    highest: int = 0
    at_boundary: bool = True  # the previous line ended a sentence, a paragraph or a heading
    new_paragraph: bool = False  # the next text line starts a line of its own

    def feed(self, line_number: int, line: str) -> None:
        if not line:
            self.at_boundary = self.new_paragraph = True
            return
        unbulleted = _BULLET.sub("", line)
        if not unbulleted:  # a bullet alone on its line: its text follows
            self.new_paragraph = True
            return
        label = self._label(unbulleted)
        if label is not None:
            self._start_point(*label, line_number)
            self.new_paragraph = False
        elif self.at_boundary and _is_heading(line):
            self.heading = line
            if not self.points:
                self.preamble.add(line, new_paragraph=True)
            self.new_paragraph = True
            return  # still at a boundary: a point may follow its heading directly
        else:
            if not self.points:
                # Prose under a heading of the preamble: that heading was the draft's title.
                self.heading = ""
            own_line = self.new_paragraph or unbulleted != line or self._is_sub_point(line)
            self._body().add(line, new_paragraph=own_line)
            self.new_paragraph = False
        self.at_boundary = bool(_ENDS_SENTENCE.search(line))

    def _is_sub_point(self, line: str) -> bool:
        if _SUB_POINT.match(line):
            return True
        decimal = _DECIMAL_SUB_POINT.match(line)
        return bool(decimal and self.points and int(decimal[1]) == self.last[0])

    def _body(self) -> _Text:
        return self.points[-1].body if self.points else self.preamble

    def _label(self, line: str) -> tuple[tuple[int, str], str] | None:
        """The point label that starts the line, with the rest of it, if it is plausible."""
        worded = _POINT_WORD.match(line)
        explicit = worded is not None and worded.group("point") is not None
        match = worded or _NUMBERED.match(line)
        if match is None or (not worded and not _has_label_punctuation(match)):
            return None
        letter = (match.group("let") or match.groupdict().get("plet") or "").lower()
        number = (int(match.group("num")), letter)
        if explicit or self._continues_sequence(number) or self._plausible_jump(number[0]):
            return number, line[match.end() :]
        return None

    def _continues_sequence(self, number: tuple[int, str]) -> bool:
        (last, last_letter), (n, letter) = self.last, number
        if n == last + 1:
            return letter in ("", "a")
        if n == last and letter:
            expected = chr(ord(last_letter) + 1) if last_letter else "a"
            return letter == expected
        return False

    def _plausible_jump(self, n: int) -> bool:
        if not self.at_boundary or n == 0:
            return False
        limit = self.highest + MAX_NUMBER_JUMP if self.points else MAX_FIRST_NUMBER
        return n <= limit

    def _start_point(self, number: tuple[int, str], rest: str, line_number: int) -> None:
        if len(self.points) == MAX_POINTS:
            raise DraftParseError(DRAFT_TOO_MANY_POINTS)
        point = _OpenPoint(f"{number[0]}{number[1]}", line_number, self.heading)
        if rest:
            point.body.add(rest, new_paragraph=True)
        self.points.append(point)
        self.last, self.highest = number, max(self.highest, number[0])


def _has_label_punctuation(match: re.Match[str]) -> bool:
    """A bare number is prose ("2025 was"): a label ends in ".", ")", ":" or "(a)"."""
    label = match.group(0).rstrip()
    return label.endswith((".", ")", ":"))


def _is_heading(line: str) -> bool:
    """A short line in capitals, such as "II. TERRITORY", that does not end a sentence."""
    if len(line) > MAX_HEADING_CHARS or line.endswith((".", ",", ";")):
        return False
    cased = [c for c in line if c.lower() != c.upper()]
    return len(cased) >= 4 and all(c.isupper() for c in cased)
