"""Reporting cues in English, Ukrainian and Russian, and the pronouns that stand for a
speaker named earlier (pure)."""

import re

_EN_VERBS = (
    "said|says|say|told|tells|insisted|insists|warned|warns|stressed|stresses|added|adds|"
    "noted|notes|stated|states|declared|declares|emphasi[sz]ed|emphasi[sz]es|argued|argues|"
    "claimed|claims|announced|announces|explained|explains|reiterated|reiterates|suggested|"
    "suggests|acknowledged|acknowledges|admitted|admits|conceded|concedes|confirmed|"
    "confirms|denied|denies|urged|urges|signall?ed|signals|indicated|indicates|underlined|"
    "underscored|underscores|maintained|maintains|repeated|replied|responded|wrote|writes|"
    "posted|vowed|vows|pledged|pledges|promised|promises|assured|assures|cautioned|"
    "complained|predicted|recalled|remarked|rejected|rejects|ruled out|rules out|"
    "called for|calls for|made clear|believes|believed|thinks|said on|"
    "insist|continues to insist|continue to insist|"
    "saying|adding|insisting|stressing|warning|noting|stating|emphasi[sz]ing|arguing|"
    "explaining|telling|declaring|reiterating|suggesting"
)
_UK_STEMS = (
    "заяви|наголоси|сказа|зазначи|повідоми|допусти|підкресли|дода|поясни|нагада|визна|"
    "заперечи|попереди|запевни|відпові|написа|розпові|підтверди|закли|пообіця|"
    "вислови|наполя|погрози|запропонува|констатува|уточни"
)
_RU_STEMS = (
    "заяви|подчеркну|сказа|отмети|допусти|сообщи|добави|поясни|напомни|призна|предупреди|"
    "завери|ответи|написа|рассказа|подтверди|призва|указа|настоя|пообеща|отверг|"
    "пригрози|предложи|констатирова|уточни|высказа"
)
CUE = {
    "en": re.compile(rf"\b(?:{_EN_VERBS})\b", re.IGNORECASE),
    "uk": re.compile(
        rf"(?<![\w])(?:(?:{_UK_STEMS})(?:в|ла|ли|вши)(?:ся|сь)?|"
        r"заявляє|наголошує|каже|кажуть|вважає|переконаний|переконана|наполягає|"
        r"підкреслює|зазначає|повідомляє|попереджає|запевняє|визнає|допускає|"
        r"за словами|на думку|як повідомляє|на переконання)(?![\w])",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        rf"(?<![\w])(?:(?:{_RU_STEMS})(?:л|ла|ли|в|вши)(?:ся|сь)?|"
        r"заявляет|подчеркивает|подчёркивает|говорит|говорят|считает|уверен|уверена|"
        r"настаивает|отмечает|сообщает|предупреждает|уверяет|признает|признаёт|допускает|"
        r"по словам|по мнению|по его словам|по ее словам)(?![\w])",
        re.IGNORECASE,
    ),
}
# Cues after which the speaker comes next and the statement after the next comma.
ACCORDING = {
    "en": re.compile(r"\baccording to\b", re.IGNORECASE),
    "uk": re.compile(r"(?<![\w])(?:за словами|на думку|на переконання)(?![\w])", re.IGNORECASE),
    "ru": re.compile(r"(?<![\w])(?:по словам|по мнению)(?![\w])", re.IGNORECASE),
}
# "As X said, ..." puts the statement after the comma that closes the attribution.
AS = {
    "en": re.compile(r"\bas\s*$", re.IGNORECASE),
    "uk": re.compile(r"(?<![\w])як\s*$", re.IGNORECASE),
    "ru": re.compile(r"(?<![\w])как\s*$", re.IGNORECASE),
}
PRONOUNS = {
    "en": {"he", "she"},
    "uk": {"він", "вона"},
    "ru": {"он", "она"},
}
# Words that open the statement after a cue and are not part of it.
LEADS = re.compile(
    r"(?:\s|,|:|that\b|що\b|что\b|to reporters\b|to journalists\b|on \w+day\b|"
    r"on \d{1,2} \w+(?: \d{4})?\b|on \w+ \d{1,2}(?:, \d{4})?\b|журналістам\b|"
    r"журналистам\b|in an interview\b|in a statement\b)+",
    re.IGNORECASE,
)
EN_CUES_ALL = CUE["en"]
PARTICIPLE = re.compile(r"ing$|вши(?:сь)?$", re.IGNORECASE)
STANCE_VERBS = re.compile(
    r"(?:rejected|rejects|ruled out|rules out|called for|calls for|welcomed|"
    r"відкину\w*|відкида\w*|закли\w*|отверг\w*|призва\w*|призыва\w*)$",
    re.IGNORECASE,
)


def cue_pattern(language: str) -> re.Pattern[str]:
    return CUE.get(language, EN_CUES_ALL)


def any_cue(text: str, language: str) -> re.Match[str] | None:
    return cue_pattern(language).search(text) or (
        EN_CUES_ALL.search(text) if language != "en" else None
    )
