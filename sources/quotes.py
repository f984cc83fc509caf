"""Whether a quote is a verbatim span of its source's text (pure: no Django).

Verbatim after two normalisations that change no word: every run of whitespace (spaces,
line breaks, non-breaking spaces) counts as one space, and every quotation-mark style
counts as one double mark (" “ ” « » „ ‟ ″) or one single mark (' ‘ ’ ‚ ‛ ‹ › ʼ), as
outlets and editors set the same words in different marks. An ellipsis "…" reads as
"...", and a soft hyphen or zero-width character is ignored. Case, letters, digits and
other punctuation must match exactly.

A quote may leave words out with "[...]" (or "[…]"): each part must then be verbatim,
in order, and the parts must not overlap. Quotation marks around the whole quote (or a
part) are the editor's, not the source's, and are not required to be in the text.

When a quote is not found, ``closest`` holds the stretch of the source that shares most
words with the part that failed, so the editor sees what the source says instead.
"""

import re
from collections import Counter
from dataclasses import dataclass

DOUBLE_MARKS = '"“”«»„‟″〝〞'
SINGLE_MARKS = "'‘’‚‛‹›ʼ′`"
IGNORED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
ELISION = re.compile(r"\s*\[\s*(?:\.\s*\.\s*\.|…)\s*\]\s*")
WORD = re.compile(r"\w+")

_TRANSLATE = {ord(mark): '"' for mark in DOUBLE_MARKS} | {ord(mark): "'" for mark in SINGLE_MARKS}


@dataclass(frozen=True)
class QuoteMatch:
    """What ``find_quote`` found.

    ``found``: every part of the quote is in the text, in order. ``spans``: where, as
    (start, end) offsets into the source text as given, one per part (empty when not
    found). ``closest``: when not found, the source's own words nearest to the part that
    was not found ("" when the text shares no word with it); ``missing`` is that part.
    """

    found: bool
    spans: tuple[tuple[int, int], ...] = ()
    closest: str = ""
    missing: str = ""

    @property
    def span(self) -> tuple[int, int] | None:
        """From the start of the first part to the end of the last, or None."""
        if not self.spans:
            return None
        return self.spans[0][0], self.spans[-1][1]


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` normalised, and for each of its characters the offset it came from."""
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char in IGNORED:
            continue
        if char.isspace():
            if not in_space:
                chars.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        if char == "…":
            chars.extend("...")
            origin.extend((index, index, index))
            continue
        chars.append(char.translate(_TRANSLATE))
        origin.append(index)
    return "".join(chars), origin


def normalise(text: str) -> str:
    """``text`` as the comparison sees it (whitespace and quotation marks normalised)."""
    return _normalised(text)[0]


def quote_parts(quote: str) -> list[str]:
    """The verbatim parts of ``quote``, split at its "[...]" elisions, each without the
    whitespace and quotation marks around it; empty parts are left out."""
    parts = []
    for part in ELISION.split(quote):
        cleaned = normalise(part).strip().strip("\"'").strip()
        if cleaned:
            parts.append(cleaned)
    return parts


def find_quote(source_text: str, quote: str) -> QuoteMatch:
    """Where ``quote`` stands in ``source_text``, verbatim after normalisation (see the
    module's docstring). A quote of nothing but whitespace or elisions is not found."""
    parts = quote_parts(quote)
    if not parts:
        return QuoteMatch(found=False)
    text, origin = _normalised(source_text)
    spans = []
    start = 0
    for part in parts:
        at = text.find(part, start)
        if at < 0:
            return QuoteMatch(found=False, closest=closest_span(source_text, part), missing=part)
        end = at + len(part)
        spans.append((origin[at], origin[end - 1] + 1))
        start = end
    return QuoteMatch(found=True, spans=tuple(spans))


def closest_span(source_text: str, part: str) -> str:
    """The stretch of ``source_text`` about as long as ``part`` that shares most words with
    it (the first such stretch, without words of its own at either end), as it stands in
    the text; "" when none.

    One pass over the text's words with a sliding window: linear in the text's length.
    """
    wanted = Counter(word.casefold() for word in WORD.findall(part))
    size = sum(wanted.values())
    if not size:
        return ""
    words = [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(source_text)]
    if not words:
        return ""
    # A paraphrase runs longer or shorter than its source: a little slack, trimmed after.
    size = min(size + max(1, size // 3), len(words))
    window: Counter[str] = Counter()
    shared = 0
    best, best_at = 0, 0
    for index, (word, _, _) in enumerate(words):
        window[word] += 1
        if window[word] <= wanted[word]:
            shared += 1
        if index >= size:
            gone = words[index - size][0]
            if window[gone] <= wanted[gone]:
                shared -= 1
            window[gone] -= 1
        if index >= size - 1 and shared > best:
            best, best_at = shared, index - size + 1
    if best == 0:
        return ""
    first, last = best_at, best_at + size - 1
    while first < last and words[first][0] not in wanted:
        first += 1
    while last > first and words[last][0] not in wanted:
        last -= 1
    return source_text[words[first][1] : words[last][2]]
