"""Dates a report gives: "7 December 2025", "December 7, 2025", "7 грудня 2025 року",
"7 декабря 2025", "2025-12-07", or a month ("December 2025") (pure)."""

import datetime
import re
from dataclasses import dataclass

DAY, MONTH = "day", "month"

_MONTHS = {
    1: ("january", "jan", "січня", "січень", "января", "январь", "январе"),
    2: ("february", "feb", "лютого", "лютий", "февраля", "февраль", "феврале"),
    3: ("march", "mar", "березня", "березень", "марта", "март", "марте"),
    4: ("april", "apr", "квітня", "квітень", "апреля", "апрель", "апреле"),
    5: ("may", "травня", "травень", "мая", "май", "мае"),
    6: ("june", "jun", "червня", "червень", "июня", "июнь", "июне"),
    7: ("july", "jul", "липня", "липень", "июля", "июль", "июле"),
    8: ("august", "aug", "серпня", "серпень", "августа", "август", "августе"),
    9: ("september", "sep", "sept", "вересня", "вересень", "сентября", "сентябрь", "сентябре"),
    10: ("october", "oct", "жовтня", "жовтень", "октября", "октябрь", "октябре"),
    11: ("november", "nov", "листопада", "листопад", "ноября", "ноябрь", "ноябре"),
    12: ("december", "dec", "грудня", "грудень", "декабря", "декабрь", "декабре"),
}
MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}
_NAME = "|".join(sorted(MONTH_OF, key=len, reverse=True))
_I = re.IGNORECASE
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_NAME})\.?,?\s+(\d{{4}})", _I)
MONTH_DAY_YEAR = re.compile(rf"\b({_NAME})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", _I)
MONTH_YEAR = re.compile(rf"\b({_NAME})\s+(\d{{4}})\b", _I)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    date: datetime.date
    precision: str


def _make(year: str, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(int(year), month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], date: datetime.date | None, precision: str) -> None:
        if date is None or any(s <= match.start() < e for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(FoundDate(match.start(), match.end(), date, precision))

    for m in ISO.finditer(text):
        add(m, _make(m[1], int(m[2]), int(m[3])), DAY)
    for m in DAY_MONTH_YEAR.finditer(text):
        add(m, _make(m[3], MONTH_OF[m[2].lower()], int(m[1])), DAY)
    for m in MONTH_DAY_YEAR.finditer(text):
        add(m, _make(m[3], MONTH_OF[m[1].lower()], int(m[2])), DAY)
    for m in MONTH_YEAR.finditer(text):
        add(m, _make(m[2], MONTH_OF[m[1].lower()], 1), MONTH)
    return sorted(found, key=lambda d: d.start)
