"""A stance proposed from a statement's wording, or ``unknown`` when the wording does not
decide it (pure). The editor confirms every stance; a wrong guess costs more than an
honest "unknown", so only clear wording proposes one."""

import re

UNKNOWN, SUPPORTS, CONDITIONAL, OPPOSES, RED_LINE = (
    "unknown",
    "supports",
    "conditional",
    "opposes",
    "red_line",
)

_I = re.IGNORECASE
# Checked in this order: the first that matches decides.
RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        RED_LINE,
        re.compile(
            r"red line|never (?:accept|agree|recogni[sz]e|give up|cede|surrender)|"
            r"under no circumstances|non-negotiable|червон\w* лін\w*|"
            r"ніколи не (?:погод|визна|відда|прийм)\w*|за жодних умов|"
            r"красн\w* лини\w*|никогда не (?:соглас|призна|отда|прим)\w*|ни при каких",
            _I,
        ),
    ),
    (
        CONDITIONAL,
        re.compile(
            r"\bonly if\b|\bprovided that\b|\bon condition\b|\bas long as\b|"
            r"\bin exchange for\b|\bif and only if\b|\bsubject to\b|лише якщо|тільки якщо|"
            r"за умови|в обмін на|лише після|только если|при условии|в обмен на|"
            r"только после",
            _I,
        ),
    ),
    (
        OPPOSES,
        re.compile(
            r"\breject\w*|\boppos\w*|\brefus\w*|\bunacceptable\b|\bwill not accept\b|"
            r"\bwon't accept\b|\bcannot accept\b|\bwill not agree\b|\bdoes not support\b|"
            r"\bdo not support\b|\bruled? out\b|відкида\w*|відкину\w*|неприйнятн\w*|"
            r"не прийм\w*|не погод\w*|не підтриму\w*|проти\b|заперечу\w*|"
            r"отверг\w*|отвергa\w*|неприемлем\w*|не прим\w*|не соглас\w*|"
            r"не поддерж\w*|против\b|исключ\w*",
            _I,
        ),
    ),
    (
        SUPPORTS,
        re.compile(
            r"\bsupport\w*|\bwelcom\w*|\bagree[sd]?\b|\baccept\w*|\bready to\b|"
            r"\bprepared to\b|\bendorse\w*|\bback(?:s|ed)?\b|\bgood basis\b|"
            r"підтрим\w*|вітає\w*|погод\w*|прийма\w*|готов\w*|схвал\w*|"
            r"поддерж\w*|приветств\w*|соглас\w*|принима\w*|одобр\w*",
            _I,
        ),
    ),
]


def propose_stance(statement: str) -> str:
    for stance, pattern in RULES:
        if pattern.search(statement):
            return stance
    return UNKNOWN
