"""A source's text as it is stored (pure: no Django): HTML pasted as text is stripped to
its text, and the text's SHA-256 is what ``verify_fingerprints`` recomputes."""

import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Generous for a long transcript; the form and the API answer beyond it (413 on the API).
MAX_TEXT = 200_000

HTML_STRIPPED = (
    "The text looked like HTML: it was stripped to its text (tags and scripts removed). "
    "Check that nothing was lost before saving."
)
TOO_LONG = (
    f"A source's text is limited to {MAX_TEXT:,} characters (this one has {{length:,}}): "
    "keep the part that positions quote."
)

# Two tags, an opening one of a common element, or an entity: pasted HTML, not prose.
_LOOKS_LIKE_HTML = re.compile(
    r"<\s*(?:html|body|p|div|span|br|a|h[1-6]|script|style|article|section|ul|li|table)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}


@dataclass(frozen=True)
class PreparedText:
    text: str
    html_stripped: bool


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "noscript", "template"}:
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "noscript", "template"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def strip_html(text: str) -> str:
    """The text of an HTML fragment or page: paragraphs on their own lines."""
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    stripped = html.unescape("".join(parser.parts))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in stripped.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def prepare_text(text: str) -> PreparedText:
    """The text to store: as pasted (line endings made "\\n"), or stripped of its HTML."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        return PreparedText(strip_html(text), html_stripped=True)
    return PreparedText(text, html_stripped=False)


def text_sha256(text: str) -> str:
    """The SHA-256 of the text's UTF-8 bytes, in hexadecimal ("" for no text)."""
    if not text:
        return ""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
