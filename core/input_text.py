"""What counts as readable text in a request, wherever it comes from (a query parameter, a
form field, a JSON string, a header): UTF-8, without NUL or any other control character
(tab and line breaks aside), and without lone surrogates.

Such text could not be stored anyway: PostgreSQL refuses NUL in text and neither database
driver can encode a lone surrogate, so letting it through would end as a server error on
one database and as junk in the append-only history on the other.
"""

import re

NOT_UTF8 = "This is not UTF-8 text (it holds the bytes {sample}): send text encoded as UTF-8."
CONTROL_CHARACTER = (
    "This holds the control character {character}: text may hold tabs and line breaks, "
    "but no other control characters."
)
LONE_SURROGATE = (
    "This holds {character}, half of a UTF-16 surrogate pair and no character on its own: "
    "send well-formed Unicode text."
)

# C0 controls but tab, line feed and carriage return (forms send line breaks as CR LF), DEL
# and the C1 controls, then the surrogates.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_UNFIT = re.compile(f"[{_CONTROL}{_SURROGATE}]")
# How many undecodable bytes the message quotes.
SAMPLE_BYTES = 8


def text_fault(text: str) -> str | None:
    """Why ``text`` is not fit to keep, in words, or None when it is."""
    found = _UNFIT.search(text)
    if found is None:
        return None
    character = f"U+{ord(found.group()):04X}"
    if found.group() >= "\ud800":
        return LONE_SURROGATE.format(character=character)
    return CONTROL_CHARACTER.format(character=character)


def decode(raw: bytes, encoding: str = "utf-8") -> tuple[str, str | None]:
    """``raw`` as text, and why it is not fit to keep (None when it is). Undecodable bytes
    come back escaped, so the text can still name what was sent."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        bad = raw[error.start : min(error.end, error.start + SAMPLE_BYTES)]
        sample = " ".join(f"{byte:02X}" for byte in bad)
        return printable(raw.decode(encoding, errors="backslashreplace")), NOT_UTF8.format(
            sample=sample
        )
    except LookupError:
        return decode(raw)
    return text, text_fault(text)


def printable(text: str) -> str:
    """``text`` with every control character and surrogate written as its escape, safe to
    show in a message or a page."""
    return _UNFIT.sub(lambda found: found.group().encode("unicode_escape").decode(), text)
