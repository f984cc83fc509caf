"""Citations of what the tracker records: plain text, BibTeX and CSL-JSON.

A pure module: a ``Citable`` (plain data a view builds from a record) in, three formatted
citations out. Each names the record, the plan it belongs to, its permalink, the
fingerprint of the revision it rests on or the SHA-256 of a source's text (so a reader
can check the text cited is the text recorded: clauses.fingerprints) and the day the
citer accessed it.

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
# An article (a news report) cites as ``@article`` in its outlet, the ``journal``.
BIBTEX_ARTICLE = "article"
DAY, MONTH = "day", "month"  # how much of ``issued`` is known


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
    issued_precision: str = DAY  # MONTH: only the year and month of ``issued`` are known
    csl_type: str = ""  # a type other than the kind's (a source that is not a news report)
    fingerprint_of: str = "revision"  # what ``fingerprint`` is the SHA-256 of: a source's text

    @property
    def type(self) -> str:
        """The CSL type: ``csl_type`` if given, else the kind's."""
        return self.csl_type or CSL_TYPES.get(self.kind, "document")

    @property
    def is_article(self) -> bool:
        return self.type.startswith("article")


def _issued_text(day: datetime.date, precision: str) -> str:
    """A day as precisely as it is known: ``2025-12-03``, or ``2025-12`` for a month."""
    if precision == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _fingerprint_note(citable: Citable) -> str:
    if not citable.fingerprint:
        return ""
    return f"{citable.fingerprint_of} fingerprint SHA-256 {citable.fingerprint}"


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
        parts.append(f"{_issued_text(citable.issued, citable.issued_precision)}.")
    if citable.note:
        parts.append(f"{citable.note}.")
    if citable.publisher:
        parts.append(f"{citable.publisher}.")
    parts.append(f"{citable.url}.")
    if citable.fingerprint:
        what = citable.fingerprint_of.capitalize()
        parts.append(f"{what} fingerprint (SHA-256): {citable.fingerprint}.")
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
    """A ``@misc`` entry, or an ``@article`` in its ``journal`` for a news report
    (biblatex reads ``urldate``; BibTeX styles print ``note``)."""
    fields: list[tuple[str, str]] = []
    if citable.author:
        # Double braces: a party's name is a corporate author, never "Last, First".
        fields.append(("author", "{" + _bibtex_value(citable.author) + "}"))
    fields.append(("title", _bibtex_value(citable.title)))
    if citable.container:
        container_field = "journal" if citable.is_article else "howpublished"
        fields.append((container_field, _bibtex_value(citable.container)))
    if citable.publisher:
        fields.append(("organization", _bibtex_value(citable.publisher)))
    if citable.issued is not None:
        fields.append(("year", str(citable.issued.year)))
        if citable.issued_precision == MONTH:
            fields.append(("month", str(citable.issued.month)))
        fields.append(("date", _issued_text(citable.issued, citable.issued_precision)))
    fields.append(("url", citable.url))
    fields.append(("urldate", citable.accessed.isoformat()))
    notes = [n for n in (citable.revision, citable.note, _fingerprint_note(citable)) if n]
    if notes:
        fields.append(("note", _bibtex_value("; ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    entry_type = BIBTEX_ARTICLE if citable.is_article else BIBTEX_TYPE
    return f"@{entry_type}{{{bibtex_key(citable.key)},\n{body}\n}}"


def _date_parts(day: datetime.date, precision: str = DAY) -> dict[str, Any]:
    if precision == MONTH:
        return {"date-parts": [[day.year, day.month]]}
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(citable: Citable) -> dict[str, Any]:
    """One CSL-JSON item (the citation-style-language schema), ready for ``json.dumps``."""
    item: dict[str, Any] = {
        "id": bibtex_key(citable.key),
        "type": citable.type,
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
        item["issued"] = _date_parts(citable.issued, citable.issued_precision)
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
