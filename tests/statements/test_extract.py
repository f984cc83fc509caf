"""The extractor on plain data: quotes in every style, attribution, aliases per language,
stance, clauses, dates and languages (no database)."""

import pytest

from statements.clauses_match import WHOLE_PLAN, ClauseMatcher, ClauseText
from statements.dates import DAY, MONTH, find_dates
from statements.extract import DIRECT, NO_STATEMENTS, REPORTED, Extractor
from statements.language import detect
from statements.speakers import Alias, AliasIndex
from statements.stance import CONDITIONAL, OPPOSES, RED_LINE, SUPPORTS, UNKNOWN, propose_stance
from statements.text import tokens
from tests.statements.evaluation import starting_aliases

EXTRACTOR = Extractor(starting_aliases())


def proposals(text, lang=None):
    return [(p.kind, p.quote, p.party) for p in EXTRACTOR.extract(text, lang).proposals]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("“We will not give up our land,” Zelensky said.", "We will not give up our land"),
        ('"We will not give up our land," Zelensky said.', "We will not give up our land"),
        ("‘We will not give up our land,’ Zelensky said.", "We will not give up our land"),
        ("Зеленський заявив: «Ми не віддамо нашу землю».", "Ми не віддамо нашу землю"),
        ("Зеленський заявив: „Ми не віддамо нашу землю“.", "Ми не віддамо нашу землю"),
        ("Зеленский заявил: «Мы не отдадим нашу землю».", "Мы не отдадим нашу землю"),
    ],
)
def test_direct_quotes_in_every_style(text, quote):
    assert proposals(text) == [(DIRECT, quote, "ukraine")]


def test_a_quote_interrupted_by_its_attribution_is_one_statement():
    found = proposals("“There will be no deal,” Peskov said, “without our conditions being met.”")
    assert found == [
        (DIRECT, "There will be no deal [...] without our conditions being met.", "russia")
    ]


def test_reported_speech_that_quotes_some_words_is_one_statement():
    found = proposals(
        "Zelensky said the plan was “a good basis for a lasting peace” but needed work."
    )
    assert found == [
        (REPORTED, "the plan was “a good basis for a lasting peace” but needed work", "ukraine")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peskov said that Moscow was studying the plan, while Zelensky insisted that Kyiv "
            "would not give up any land.",
            [
                (REPORTED, "Moscow was studying the plan", "russia"),
                (REPORTED, "Kyiv would not give up any land", "ukraine"),
            ],
        ),
        (
            "Песков заявил, что Кремль изучает план, тогда как Зеленский подчеркнул, что "
            "Украина не уступит территории.",
            [
                (REPORTED, "Кремль изучает план", "russia"),
                (REPORTED, "Украина не уступит территории", "ukraine"),
            ],
        ),
    ],
)
def test_two_speakers_in_one_sentence(text, expected):
    assert proposals(text) == expected


def test_dialogue_dashes():
    found = proposals("— Мы не согласимся на такие условия, — заявил Песков. — Это наша позиция.")
    assert found == [
        (DIRECT, "Мы не согласимся на такие условия [...] Это наша позиция.", "russia")
    ]


@pytest.mark.parametrize(
    ("text", "quote", "party"),
    [
        # Speaker before the cue, the statement after "that".
        (
            "Peskov said that Moscow was studying the plan.",
            "Moscow was studying the plan",
            "russia",
        ),
        # Speaker after the cue, the statement before it.
        (
            "Ukraine will never recognise Crimea as Russian, Zelensky said on Monday.",
            "Ukraine will never recognise Crimea as Russian",
            "ukraine",
        ),
        # By title.
        (
            "The Kremlin spokesman insisted that the talks must stay confidential.",
            "the talks must stay confidential",
            "russia",
        ),
        (
            "Речник Кремля наголосив, що Москва не коментуватиме план через ЗМІ.",
            "Москва не коментуватиме план через ЗМІ",
            "russia",
        ),
        # Inflected forms and "according to".
        (
            "За словами Зеленського, Україна готова до припинення вогню.",
            "Україна готова до припинення вогню",
            "ukraine",
        ),
        (
            "По словам Пескова, Кремль получил документы из Вашингтона.",
            "Кремль получил документы из Вашингтона",
            "russia",
        ),
        (
            "Як заявив Рубіо, США хочуть завершити війну до кінця року.",
            "США хочуть завершити війну до кінця року",
            "united-states",
        ),
        (
            "Ушаков допустив, що зустріч може відбутися вже в січні.",
            "зустріч може відбутися вже в січні",
            "russia",
        ),
        (
            "Россия не примет войска НАТО на Украине, подчеркнул Путин.",
            "Россия не примет войска НАТО на Украине",
            "russia",
        ),
    ],
)
def test_reported_speech(text, quote, party):
    assert proposals(text) == [(REPORTED, quote, party)]


def test_a_pronoun_stands_for_the_person_named_before():
    found = EXTRACTOR.extract(
        "Zelensky met the envoys in Berlin. He said that the plan needed more work."
    ).proposals
    assert [(p.quote, p.party, p.speaker) for p in found] == [
        ("the plan needed more work", "ukraine", "He (Zelensky)")
    ]


def test_speakers_not_in_the_table_give_no_statement():
    text = (
        "Military experts said the front line had barely moved in a month. "
        "The so-called “coalition of the willing” met again on Tuesday."
    )
    assert proposals(text, "en") == []


def test_short_scare_quotes_are_not_statements():
    assert proposals("Moscow called the proposal “a step” and nothing more, observers noted.") == []


@pytest.mark.parametrize(
    ("alias", "word", "matches"),
    [
        ("Зеленський", "Зеленського", True),
        ("Зеленський", "Зеленському", True),
        ("Зеленский", "Зеленскому", True),
        ("Песков", "Пескова", True),
        ("Кремль", "Кремля", True),
        ("Путін", "Путіна", True),
        ("Zelenskyy", "Zelenskyy’s", True),
        ("Путін", "Путінізмом", False),
        ("Kyiv", "kyivan", False),
    ],
)
def test_aliases_match_inflected_forms(alias, word, matches):
    index = AliasIndex([Alias(alias, "p")])
    assert bool(index.mentions(tokens(word.capitalize() if word[0].islower() else word))) is matches


def test_a_longer_alias_wins():
    index = AliasIndex(
        [Alias("the Kremlin", "russia", "institution"), Alias("Kremlin spokesman", "x", "title")]
    )
    [mention] = index.mentions(tokens("the Kremlin spokesman said"))
    assert mention.alias.party == "x"


def test_a_name_needs_its_capital():
    index = AliasIndex([Alias("Rutte", "europe")])
    assert index.mentions(tokens("rutte")) == []


@pytest.mark.parametrize(
    ("statement", "stance"),
    [
        ("Moscow is reviewing the plan", UNKNOWN),
        ("Москва вивчає план", UNKNOWN),
        ("Ukraine supports the joint framework", SUPPORTS),
        ("This is absolutely unacceptable for us", OPPOSES),
        ("Україна ніколи не визнає окупацію", RED_LINE),
        ("Kyiv would withdraw only if Russia did the same", CONDITIONAL),
        ("Россия не примет размещения войск НАТО ни при каких условиях", RED_LINE),
    ],
)
def test_stance_is_unknown_unless_the_wording_decides(statement, stance):
    assert propose_stance(statement) == stance


def test_clauses_by_content_names_and_numbers():
    matcher = ClauseMatcher(
        [
            ClauseText("nato", "1", "Ukraine renounces NATO membership"),
            ClauseText("znpp", "2", "The Zaporizhzhia nuclear plant is run jointly"),
            ClauseText("vote", "3", "Troop withdrawals are put to a referendum"),
        ]
    )
    assert matcher.match("Ukraine will not join NATO") == ["nato"]
    assert matcher.match("Запорізька АЕС має працювати під спільним контролем") == ["znpp"]
    assert matcher.match("пункт 3 неприйнятний") == ["vote"]
    assert matcher.match("the peace plan is a good basis") == [WHOLE_PLAN]
    assert matcher.match("it rained in the capital") == []


def test_dates_with_their_precision():
    found = find_dates("On 7 December 2025 and 8 грудня 2025 року; later in January 2026.")
    assert [(d.date.isoformat(), d.precision) for d in found] == [
        ("2025-12-07", DAY),
        ("2025-12-08", DAY),
        ("2026-01-01", MONTH),
    ]


def test_a_statement_takes_the_date_the_text_gives():
    [found] = EXTRACTOR.extract(
        "Zelensky, speaking in London on 8 December 2025, said Ukraine needed guarantees."
    ).proposals
    assert (found.stated_on, found.date_precision) == ("2025-12-08", DAY)
    [undated] = EXTRACTOR.extract("Peskov said that Moscow was studying the plan.").proposals
    assert undated.stated_on is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Kremlin said on Monday that it was studying the plan sent by Washington.", "en"),
        ("Зеленський заявив, що Україна не визнає окуповані території російськими.", "uk"),
        ("Песков заявил, что Кремль изучает документы, полученные от американской стороны.", "ru"),
        ("Le président a déclaré que la paix est possible avec des garanties solides.", None),
        ("Der Kanzler sagte, dass Europa bei den Verhandlungen mit am Tisch sitzen muss.", None),
    ],
)
def test_language(text, language):
    assert detect(text) == language


def test_other_languages_and_empty_text_name_what_it_reads():
    other = EXTRACTOR.extract("Le président a déclaré que la paix est possible avec des garanties.")
    assert other.proposals == []
    assert "English, Ukrainian, Russian" in other.message
    assert EXTRACTOR.extract("   ").message == NO_STATEMENTS
