"""A guessed topic for a new clause, from the words of its text (pure, no database).

The editor confirms or changes it; the guess only spares choosing a topic for every new
point of a long draft. Each topic has a few word stems, in English, Ukrainian and
Russian; the topic whose stems occur most often wins, ties going to the earlier topic in
the vocabulary. A text with none of them takes the topic of its closest clause when it
has one, else "implementation & monitoring", where a plan's procedural points go.
"""

import re

from clauses.vocabularies import Topic

STEMS: dict[str, tuple[str, ...]] = {
    Topic.TERRITORY: (
        "territor", "border", "line of contact", "region", "donbas", "donetsk", "luhansk",
        "crimea", "kherson", "zaporizhzhia region", "withdraw", "buffer", "demilitari",
        "територі", "кордон", "лінія", "област", "территори", "границ", "област",
    ),
    Topic.SECURITY_GUARANTEES: (
        "guarantee", "security", "aggression", "protect", "reassurance",
        "гаранті", "безпек", "гаранти", "безопасн",
    ),
    Topic.MILITARY: (
        "armed forces", "army", "troops", "personnel", "military", "weapon", "missile",
        "soldier", "ceasefire", "армі", "військ", "зброї", "арми", "войск", "оружи",
    ),
    Topic.ALLIANCES: ("nato", "alliance", "membership", "enlarge", "нато", "альянс", "членств"),
    Topic.NUCLEAR_ENERGY: (
        "nuclear", "power plant", "iaea", "energy", "electricity",
        "ядерн", "аес", "аэс", "енерг", "энерг", "магате",
    ),
    Topic.ECONOMY_SANCTIONS: (
        "sanction", "econom", "trade", "invest", "funds", "asset", "reconstruction", "frozen",
        "санкці", "економ", "інвест", "санкци", "эконом", "инвест", "актив",
    ),
    Topic.HUMANITARIAN: (
        "prisoner", "amnesty", "civilian", "children", "humanitarian", "refugee", "family",
        "exchange", "полонен", "амністі", "дітей", "діти", "пленн", "амнист", "детей",
    ),
    Topic.GOVERNANCE_ELECTIONS: (
        "election", "sovereign", "constitution", "government", "language", "church",
        "referendum", "вибор", "суверен", "конституц", "выбор", "язык",
    ),
    Topic.IMPLEMENTATION_MONITORING: (
        "monitor", "implement", "oversee", "board", "verify", "signing", "enter into force",
        "council", "моніторинг", "виконан", "мониторинг", "выполнен", "совет",
    ),
}  # fmt: skip

FALLBACK = Topic.IMPLEMENTATION_MONITORING
_SPACES = re.compile(r"\s+")


def guess_topic(text: str, *, closest: str = "") -> str:
    """The topic the words of ``text`` point to; else ``closest`` (the topic of the
    nearest clause, if any); else FALLBACK."""
    words = " " + _SPACES.sub(" ", text.casefold()) + " "
    scores = {topic: sum(words.count(stem) for stem in stems) for topic, stems in STEMS.items()}
    best = max(scores, key=lambda topic: scores[topic])
    if scores[best] > 0:
        return str(best)
    return closest or str(FALLBACK)
