"""Citations of what the tracker records: plain text, BibTeX and CSL-JSON.

A pure module: a ``Citable`` (plain data a view builds from a record) in, three formatted
citations out. Each names the record, the plan it belongs to, its permalink, the
fingerprint of the revision it rests on (so a reader can check the text cited is the
text recorded: clauses.fingerprints) and the day the citer accessed it.

Anything citable gets "Cite" by building a ``Citable``: a clause version, a revision, a
position, and (with one more builder beside theirs) a stored source.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

# The CSL type of each kind of record: a draft's text and a party's recorded position are
# documents (the party as a position's author); a stored source is the report it keeps.
CSL_TYPES = {
    "revision": "document",
    "clause_version": "document",
    "position": "document",
    "source": "article-newspaper",
}
BIBTEX_TYPE = "misc"


@dataclass(frozen=True)
class Citable:
    """What a citation names. ``kind`` is ``revision``, ``clause_version``, ``position``
    or ``source``; ``key`` a stable identifier (e.g. ``plan-r3-clause``), made into the
    BibTeX key; ``issued`` the day the cited text is dated (a draft's publication, a
    statement's day), if known."""

    kind: str
    key: str
    title: str
    container: str  # the plan's title (or a source's outlet)
    url: str  # the permalink, absolute
    accessed: datetime.date
    author: str = ""  # a position's party, a source's outlet; "" for a plan's own drafts
    issued: datetime.date | None = None
    revision: str = ""  # "r3: Joint framework", the revision the record is in
    fingerprint: str = ""  # SHA-256 of that revision, hex
    publisher: str = ""  # who keeps the record: the tracker's name
    note: str = ""  # anything else a reader needs (a position's stance)


def _fingerprint_note(citable: Citable) -> str:
    return f"revision fingerprint SHA-256 {citable.fingerprint}" if citable.fingerprint else ""


def plain_text(citable: Citable) -> str:
    """One line a reader can paste into a text: author, title, where, when, the
    permalink, the fingerprint and the access date."""
    parts = []
    if citable.author:
        parts.append(f"{citable.author}.")
    parts.append(f"“{citable.title}”.")
    where = citable.container
    if citable.revision:
        where = f"{where}, {citable.revision}" if where else citable.revision
    if where:
        parts.append(f"In: {where}.")
    if citable.issued is not None:
        parts.append(f"{citable.issued.isoformat()}.")
    if citable.note:
        parts.append(f"{citable.note}.")
    if citable.publisher:
        parts.append(f"{citable.publisher}.")
    parts.append(f"{citable.url}.")
    if citable.fingerprint:
        parts.append(f"Revision fingerprint (SHA-256): {citable.fingerprint}.")
    parts.append(f"Accessed {citable.accessed.isoformat()}.")
    return " ".join(parts)


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_value(text: str) -> str:
    """``text`` inside BibTeX braces: its special characters escaped, so a title holding
    ``}`` or ``%`` cannot end the field or comment out the rest."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_key(key: str) -> str:
    """An ASCII BibTeX key from ``key``: letters, digits and ``-:.`` only."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9:.-]+", "-", ascii_key)).strip("-")
    return cleaned or "citation"


def bibtex(citable: Citable) -> str:
    """A ``@misc`` entry (biblatex reads ``urldate``; BibTeX styles print ``note``)."""
    fields: list[tuple[str, str]] = []
    if citable.author:
        # Double braces: a party's name is a corporate author, never "Last, First".
        fields.append(("author", "{" + _bibtex_value(citable.author) + "}"))
    fields.append(("title", _bibtex_value(citable.title)))
    if citable.container:
        fields.append(("howpublished", _bibtex_value(citable.container)))
    if citable.publisher:
        fields.append(("organization", _bibtex_value(citable.publisher)))
    if citable.issued is not None:
        fields.append(("year", str(citable.issued.year)))
        fields.append(("date", citable.issued.isoformat()))
    fields.append(("url", citable.url))
    fields.append(("urldate", citable.accessed.isoformat()))
    notes = [n for n in (citable.revision, citable.note, _fingerprint_note(citable)) if n]
    if notes:
        fields.append(("note", _bibtex_value("; ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{BIBTEX_TYPE}{{{bibtex_key(citable.key)},\n{body}\n}}"


def _date_parts(day: datetime.date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(citable: Citable) -> dict[str, Any]:
    """One CSL-JSON item (the citation-style-language schema), ready for ``json.dumps``."""
    item: dict[str, Any] = {
        "id": bibtex_key(citable.key),
        "type": CSL_TYPES.get(citable.kind, "document"),
        "title": citable.title,
        "URL": citable.url,
        "accessed": _date_parts(citable.accessed),
    }
    if citable.author:
        item["author"] = [{"literal": citable.author}]
    if citable.container:
        item["container-title"] = citable.container
    if citable.publisher:
        item["publisher"] = citable.publisher
    if citable.issued is not None:
        item["issued"] = _date_parts(citable.issued)
    if citable.revision:
        item["version"] = citable.revision
    notes = [n for n in (citable.note, _fingerprint_note(citable)) if n]
    if notes:
        item["note"] = "; ".join(notes)
    return item


def formatted(citable: Citable) -> dict[str, Any]:
    """Every format at once, as the cite page and its JSON give them."""
    return {
        "kind": citable.kind,
        "url": citable.url,
        "fingerprint": citable.fingerprint or None,
        "accessed": citable.accessed.isoformat(),
        "text": plain_text(citable),
        "bibtex": bibtex(citable),
        "csl_json": csl_json(citable),
    }
