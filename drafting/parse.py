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
digits then ".", ")" or ":" and a space, or "Point N". Which labels are taken:

- a number that continues the sequence (the next number, or the next letter: 12, 12a, 12b,
  13) always;
- at a boundary (after a blank line, a heading, or a line that ends a sentence), any
  plausible number: the first point may be numbered up to ``MAX_FIRST_NUMBER``, a later one
  at most ``MAX_NUMBER_JUMP`` past the highest number seen so far, so points out of order
  or repeating a number are kept, in paste order;
- anywhere else (the line before ends mid-sentence), a number *greater* than the last
  point's, again at most ``MAX_NUMBER_JUMP`` past the highest (the first point: up to
  ``MAX_FIRST_NUMBER``). A draft quoted in part ("1 ... 2 ... 7 ... 13 ... 14 ...", lines
  without final punctuation) keeps every point. Such a jump is undone when the label that
  follows it continues the sequence from before the jump ("2. ... signed in\n7. The rest
  of it.\n3. ..." keeps 7 in point 2's text): prose that wrapped onto a number, not a point.

So "5,000 square kilometres", "2025 was" or "...signed on 1 January\\n2026. The" stay
prose (2026 is no plausible label), and so does a number below the last point's after a
line that does not end a sentence. "Point N" labels are explicit and always taken;
"Article N" labels are taken like bare numbers, since prose cites articles ("akin
to\nArticle 5. It ...").

A point whose text still holds something that looks like a point label (" 13. " in the
middle of a line, or a line of its own starting "14)"), numbered past the point's own, has
it listed in ``DraftPoint.embedded``: a paste that lost its
line breaks, or a label the rules above refused. ``split_point`` rewrites the text so that
each such label starts a paragraph of its own, where it is taken; one too far past the
others to be taken as written becomes "Point N" ("Пункт N" in Cyrillic text). A page
offers the split as one click, and the editor decides, since "reduced by 13. Then" is prose.

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
# A partial quote of a 28-point plan may go from point 2 to point 28; a year (2025) stays
# out of reach of any draft shorter than some 2,000 points.
MAX_NUMBER_JUMP = 30
# How many times parsing starts over, each time treating as prose more of the jumps that the
# label after them shows were prose (one pass suffices but for contrived texts).
MAX_PASSES = 4
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
    # Labels its text still holds that look like points of their own ("13", "14").
    embedded: tuple[str, ...] = ()


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
# A point label inside a point's text: at the start of its line or after a space, a number
# then "." or ")", then a word (or a quote or bracket that opens one).
_EMBEDDED_LABEL = re.compile(r"(?:^|(?<=\s))(?P<num>[0-9]{1,3})[.)] (?=[^\W\d_]|[«\"“„'(])")
# The explicit label a split writes for a number too far past the others, by script.
_POINT_WORDS = ("Point", "Пункт")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# What before a number cites it rather than labels a point: "Article 13.", "пункт 14)",
# "§ 5.", "No. 5.", or the end of a list ("1, 2.").
_CITED = re.compile(
    r"(?:\b(?:articles?|art|points?|paragraphs?|sections?|clauses?|chapters?|annex|no|"
    r"пункт\w*|п|стат\w*|ст|розділ\w*|раздел\w*|глав\w*|частин\w*|част\w*)\.?|[§№,])\s*$",
    re.IGNORECASE,
)


def parse_draft(text: str) -> ParsedDraft:
    """Split a pasted draft into its preamble and its points; raise DraftParseError."""
    if len(text) > MAX_DRAFT_CHARS:
        raise DraftParseError(DRAFT_TOO_LONG)
    lines = _clean(text).split("\n")
    if not any(lines):
        raise DraftParseError(DRAFT_EMPTY)
    collector = _collect(lines)
    if not collector.points:
        raise DraftParseError(DRAFT_NO_POINTS)
    embedded = _embedded_labels(lines, collector.points)
    return ParsedDraft(
        preamble=collector.preamble.text(),
        points=[
            point.freeze(tuple(label for _, _, label in found))
            for point, found in zip(collector.points, embedded, strict=True)
        ],
    )


def split_point(text: str, index: int) -> str:
    """``text`` with each label embedded in its point number ``index`` (0-based; see
    ``DraftPoint.embedded``) moved to the start of a paragraph of its own, where the parser
    takes it as a point. Other lines are returned as pasted (line breaks normalised)."""
    lines = _clean(text).split("\n")
    points = _collect(lines).points
    if not 0 <= index < len(points):
        return _LINE_BREAKS.sub("\n", text)
    found = _embedded_labels(lines, points)[index]
    pasted = _LINE_BREAKS.sub("\n", text).split("\n")
    highest = max(point.label[0] for point in points[: index + 1])
    by_line: dict[int, list[tuple[int, str]]] = {}
    for line_index, offset, label in found:
        by_line.setdefault(line_index, []).append((offset, label))
    for line_index, labels in by_line.items():
        line = lines[line_index]
        cuts = [offset for offset, _ in labels]
        pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
        for k, (_, label) in enumerate(labels, start=1):
            if int(label) > highest + MAX_NUMBER_JUMP:
                # Too far a jump to be taken as written: "Point N" always is.
                pieces[k] = f"{_POINT_WORDS[bool(_CYRILLIC.search(line))]} {pieces[k]}"
            highest = max(highest, int(label))
        # A blank line before each label: a boundary, where a plausible label is taken.
        split = "\n\n".join(pieces[1:])
        pasted[line_index] = f"{pieces[0]}\n\n{split}" if pieces[0] else f"\n{split}"
    return "\n".join(pasted)


def _collect(lines: list[str]) -> "_Collector":
    """The lines read into points; a jump that the next label shows was prose is read
    again as prose (see the module docstring)."""
    prose: set[int] = set()
    for _ in range(MAX_PASSES):
        collector = _Collector(prose=frozenset(prose))
        for line_number, line in enumerate(lines, start=1):
            collector.feed(line_number, line)
        undone = collector.jumps_into_prose()
        if undone <= prose:
            break
        prose |= undone
    return collector


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

    label: tuple[int, str] = (0, "")
    # For a point taken mid-sentence because its number is past the last point's: the
    # label of the point before it (see ``_Collector.jumps_into_prose``).
    jumped_from: tuple[int, str] | None = None
    # The first label-like number met after the point's own, taken or not.
    next_label: tuple[int, str] | None = None

    def freeze(self, embedded: tuple[str, ...] = ()) -> DraftPoint:
        return DraftPoint(self.number, self.body.text(), self.line, self.heading, embedded)


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
    prose: frozenset[int] = frozenset()  # lines whose label an earlier pass found was prose

    def feed(self, line_number: int, line: str) -> None:
        if not line:
            self.at_boundary = self.new_paragraph = True
            return
        unbulleted = _BULLET.sub("", line)
        if not unbulleted:  # a bullet alone on its line: its text follows
            self.new_paragraph = True
            return
        label = self._label(unbulleted, line_number)
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

    def _label(
        self, line: str, line_number: int
    ) -> tuple[tuple[int, str], str, tuple[int, str] | None] | None:
        """The point label that starts the line, with the rest of it, if it is plausible;
        third, for a jump taken mid-sentence, the label of the point before it."""
        worded = _POINT_WORD.match(line)
        explicit = worded is not None and worded.group("point") is not None
        match = worded or _NUMBERED.match(line)
        if match is None or (not worded and not _has_label_punctuation(match)):
            return None
        letter = (match.group("let") or match.groupdict().get("plet") or "").lower()
        number = (int(match.group("num")), letter)
        rest = line[match.end() :]
        if self.points and self.points[-1].next_label is None:
            self.points[-1].next_label = number
        if explicit or _continues(self.last, number) or self._plausible_jump(number[0]):
            return number, rest, None
        if line_number not in self.prose and self._forward_jump(number[0]):
            return number, rest, self.last
        return None

    def _plausible_jump(self, n: int) -> bool:
        if not self.at_boundary or n == 0:
            return False
        limit = self.highest + MAX_NUMBER_JUMP if self.points else MAX_FIRST_NUMBER
        return n <= limit

    def _forward_jump(self, n: int) -> bool:
        """Mid-sentence: a number past the last point's, within the plausible range."""
        if not self.points:
            return 0 < n <= MAX_FIRST_NUMBER
        return self.last[0] < n <= self.highest + MAX_NUMBER_JUMP

    def jumps_into_prose(self) -> set[int]:
        """The lines of mid-sentence jumps that the next label shows were prose: it
        continues the sequence of the point before the jump, not the jump's own."""
        return {
            point.line
            for point in self.points
            if point.jumped_from is not None
            and point.next_label is not None
            and _continues(point.jumped_from, point.next_label)
            and not _continues(point.label, point.next_label)
        }

    def _start_point(
        self,
        number: tuple[int, str],
        rest: str,
        jumped_from: tuple[int, str] | None,
        line_number: int,
    ) -> None:
        if len(self.points) == MAX_POINTS:
            raise DraftParseError(DRAFT_TOO_MANY_POINTS)
        point = _OpenPoint(
            f"{number[0]}{number[1]}",
            line_number,
            self.heading,
            label=number,
            jumped_from=jumped_from,
        )
        if rest:
            point.body.add(rest, new_paragraph=True)
        self.points.append(point)
        self.last, self.highest = number, max(self.highest, number[0])


def _continues(last: tuple[int, str], number: tuple[int, str]) -> bool:
    """Whether label ``number`` comes right after ``last``: 12 after 11, 12a or 13 after 12,
    12b after 12a."""
    (last_n, last_letter), (n, letter) = last, number
    if n == last_n + 1:
        return letter in ("", "a")
    if n == last_n and letter:
        expected = chr(ord(last_letter) + 1) if last_letter else "a"
        return letter == expected
    return False


def _embedded_labels(
    lines: list[str], points: list["_OpenPoint"]
) -> list[list[tuple[int, int, str]]]:
    """For each point, the labels its lines hold past its own label that look like points
    of their own, as (line index, offset in the cleaned line, label).

    Such a label is a number of at most three digits (not a year) followed by "." or ")"
    and a word, standing after a space or at the start of a line, not cited ("Article 13.
    It"), numbered past the point's own (and past any label found before it in the
    point). Unlike the parser it has no bound on the jump and does not look at the labels
    that follow: better a label offered for a split the editor declines than a point lost
    without a word.
    """
    found: list[list[tuple[int, int, str]]] = []
    for index, point in enumerate(points):
        own = point.label[0]
        following = points[index + 1] if index + 1 < len(points) else None
        end_line = following.line - 1 if following is not None else len(lines)
        labels: list[tuple[int, int, str]] = []
        last = own
        for line_index in range(point.line - 1, end_line):
            line = lines[line_index]
            if not line or _is_heading(line):
                continue
            start = _label_end(line) if line_index == point.line - 1 else 0
            for match in _EMBEDDED_LABEL.finditer(line, start):
                n = int(match["num"])
                if n > last and not _CITED.search(line, 0, match.start()):
                    labels.append((line_index, match.start(), str(n)))
                    last = n
        found.append(labels)
    return found


def _label_end(line: str) -> int:
    """Where the text of a point's first line starts, after its bullet and label."""
    bullet = _BULLET.match(line)
    start = bullet.end() if bullet else 0
    match = _POINT_WORD.match(line, start) or _NUMBERED.match(line, start)
    return match.end() if match else start


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
