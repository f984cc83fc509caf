"""Splitting a pasted draft into points: numbering styles, layout noise, prose, errors."""

from pathlib import Path

import pytest

from drafting.parse import (
    DRAFT_BINARY,
    DRAFT_EMPTY,
    DRAFT_NO_POINTS,
    DRAFT_TOO_LONG,
    DRAFT_TOO_MANY_POINTS,
    MAX_DRAFT_CHARS,
    MAX_POINTS,
    DraftParseError,
    DraftPoint,
    parse_draft,
)

DRAFTS = Path(__file__).parent / "drafts"


def numbers_and_texts(text: str) -> list[tuple[str, str]]:
    return [(point.number, point.text) for point in parse_draft(text).points]


@pytest.mark.parametrize(
    "text",
    [
        "1. Sovereignty is confirmed.\n2. A ceasefire takes effect.",
        "1) Sovereignty is confirmed.\n2) A ceasefire takes effect.",
        "1: Sovereignty is confirmed.\n2: A ceasefire takes effect.",
        "Point 1: Sovereignty is confirmed.\nPoint 2: A ceasefire takes effect.",
        "Point 1. Sovereignty is confirmed.\nPoint 2. A ceasefire takes effect.",
        "POINT 1 - Sovereignty is confirmed.\npoint 2 – A ceasefire takes effect.",
        "• 1. Sovereignty is confirmed.\n• 2. A ceasefire takes effect.",
        "- 1) Sovereignty is confirmed.\n- 2) A ceasefire takes effect.",
        "Article 1. Sovereignty is confirmed.\nArticle 2. A ceasefire takes effect.",
        "ARTICLE 1 - Sovereignty is confirmed.\nArt. 2: A ceasefire takes effect.",
    ],
)
def test_numbering_styles(text):
    assert numbers_and_texts(text) == [
        ("1", "Sovereignty is confirmed."),
        ("2", "A ceasefire takes effect."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1) Суверенітет України підтверджується.\n2) Припинення вогню набуває чинності.",
        "Стаття 1. Суверенітет України підтверджується.\n"
        "Стаття 2. Припинення вогню набуває чинності.",
        "СТАТЬЯ 1 – Суверенітет України підтверджується.\n"
        "Статья 2: Припинення вогню набуває чинності.",
        "Пункт 1: Суверенітет України підтверджується.\n"
        "Пункт 2. Припинення вогню набуває чинності.",
    ],
)
def test_ukrainian_and_russian_numbering_styles(text):
    assert numbers_and_texts(text) == [
        ("1", "Суверенітет України підтверджується."),
        ("2", "Припинення вогню набуває чинності."),
    ]


def test_cyrillic_letters_label_points_and_sub_points():
    text = (
        "12. Выборы проводятся:\nа) в течение 100 дней;\nб) под наблюдением ОБСЕ.\n"
        "12а) Референдум.\n12 Б) Перепись.\n13. Амнистия."
    )
    assert numbers_and_texts(text) == [
        ("12", "Выборы проводятся:\nа) в течение 100 дней;\nб) под наблюдением ОБСЕ."),
        ("12а", "Референдум."),
        ("12б", "Перепись."),
        ("13", "Амнистия."),
    ]


def test_an_article_cited_in_prose_is_not_a_point():
    text = "1. Guarantees akin to\nArticle 5. They last ten years.\n2. Next point."
    assert numbers_and_texts(text) == [
        ("1", "Guarantees akin to Article 5. They last ten years."),
        ("2", "Next point."),
    ]


def test_lettered_labels_are_normalised():
    text = "12. Elections.\n12a. A referendum.\n12 b) A census.\n12(c) Observers.\n13. Amnesty."
    assert [p.number for p in parse_draft(text).points] == ["12", "12a", "12b", "12c", "13"]


def test_label_alone_on_its_line_takes_the_next_line_as_text():
    assert numbers_and_texts("Point 1:\nSovereignty is confirmed.") == [
        ("1", "Sovereignty is confirmed.")
    ]


def test_wrapped_lines_join_with_one_space():
    text = "1. Ukrainian forces will withdraw from\n   the part of Donetsk oblast\nthey control.\n"
    assert numbers_and_texts(text) == [
        ("1", "Ukrainian forces will withdraw from the part of Donetsk oblast they control.")
    ]


def test_sub_points_stay_in_their_point_on_their_own_lines():
    text = (
        "10. The guarantee is subject to conditions:\n"
        "(a) compensation is paid;\n"
        "(b) if Ukraine invades Russia, it loses the\n"
        "guarantee;\n"
        "c) sanctions are reinstated;\n"
        "i. first item;\n"
        "(iv) fourth item;\n"
        "10.1 a numbered detail.\n"
        "11. EU membership."
    )
    points = parse_draft(text).points
    assert [p.number for p in points] == ["10", "11"]
    assert points[0].text == (
        "The guarantee is subject to conditions:\n"
        "(a) compensation is paid;\n"
        "(b) if Ukraine invades Russia, it loses the guarantee;\n"
        "c) sanctions are reinstated;\n"
        "i. first item;\n"
        "(iv) fourth item;\n"
        "10.1 a numbered detail."
    )


def test_bulleted_lines_and_paragraphs_inside_a_point():
    text = "1. The council will:\n• meet monthly;\n• report.\n\nIt is chaired by the US.\n2. End."
    assert numbers_and_texts(text)[0] == (
        "1",
        "The council will:\n• meet monthly;\n• report.\nIt is chaired by the US.",
    )


def test_preamble_is_returned_apart():
    text = (
        "FRAMEWORK FOR ENDING THE WAR\n"
        "Draft circulated to the parties,\nnot for publication.\n\n"
        "1. Sovereignty is confirmed."
    )
    draft = parse_draft(text)
    assert draft.preamble == (
        "FRAMEWORK FOR ENDING THE WAR\nDraft circulated to the parties, not for publication."
    )
    assert draft.points == [DraftPoint("1", "Sovereignty is confirmed.", line=5)]


def test_headings_in_capitals_are_not_text_but_label_the_points_below():
    text = (
        "I. SOVEREIGNTY AND SECURITY\n"
        "1. Sovereignty is confirmed.\n\n"
        "II. TERRITORY\n\n"
        "2. The line of contact is frozen.\n"
        "3. No change by force.\n"
    )
    points = parse_draft(text).points
    assert [(p.number, p.text, p.heading) for p in points] == [
        ("1", "Sovereignty is confirmed.", "I. SOVEREIGNTY AND SECURITY"),
        ("2", "The line of contact is frozen.", "II. TERRITORY"),
        ("3", "No change by force.", "II. TERRITORY"),
    ]


def test_a_title_over_prose_is_not_the_heading_of_the_first_point():
    point = parse_draft("PEACE FRAMEWORK\nAs circulated.\n1. Text.").points[0]
    assert point.heading == ""


def test_capitals_inside_a_wrapped_sentence_stay_text():
    text = "5. Ukraine will receive guarantees akin to Article 5 of\nNATO TREATY\ntext.\n6. Next."
    assert numbers_and_texts(text)[0] == (
        "5",
        "Ukraine will receive guarantees akin to Article 5 of NATO TREATY text.",
    )


def test_blank_lines_stray_whitespace_tabs_and_non_breaking_spaces():
    text = "\n\n   1.\tSovereignty \u00a0is   confirmed.   \n\n\n\t2.\u00a0Ceasefire.\u202f\n\n  "
    assert numbers_and_texts(text) == [("1", "Sovereignty is confirmed."), ("2", "Ceasefire.")]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_line_endings_of_every_platform(newline):
    text = newline.join(["Preamble.", "1. Sovereignty", "is confirmed.", "2. Ceasefire."])
    draft = parse_draft(text)
    assert draft.preamble == "Preamble."
    assert [(p.number, p.text, p.line) for p in draft.points] == [
        ("1", "Sovereignty is confirmed.", 2),
        ("2", "Ceasefire.", 4),
    ]


@pytest.mark.parametrize(
    "prose",
    [
        "5,000 square kilometres of Donbas would be ceded.",
        "2025 was the year talks began.",
        "2026. After that date the sanctions lapse.",
        "600 000 troops remain.",
        "4.5 million people were displaced.",
        "3:30 pm is when the talks resumed.",
        "Point 3 of the earlier draft is dropped.",
        "Article 5 of the North Atlantic Treaty applies.",
    ],
)
def test_numbers_in_prose_are_not_points(prose):
    text = f"1. The parties agree on the following.\n{prose}\n2. Next point."
    assert numbers_and_texts(text) == [
        ("1", f"The parties agree on the following. {prose}"),
        ("2", "Next point."),
    ]


def test_a_number_that_continues_the_sequence_is_a_point_even_after_a_wrap():
    assert [n for n, _ in numbers_and_texts("1. First, without a full stop\n2. Second")] == [
        "1",
        "2",
    ]


def test_a_number_off_the_sequence_mid_sentence_is_prose():
    text = "1. First.\n2. The treaty signed in\n7. The rest of it.\n3. Third."
    assert [n for n, _ in numbers_and_texts(text)] == ["1", "2", "3"]


def test_points_out_of_order_and_repeated_are_kept_in_paste_order():
    text = "1. One.\n3. Three.\n2. Two.\n2. Two again.\n4. Four."
    assert [n for n, _ in numbers_and_texts(text)] == ["1", "3", "2", "2", "4"]


def test_a_draft_may_start_past_point_1():
    assert [n for n, _ in numbers_and_texts("Excerpt:\n15. Fifteen.\n16. Sixteen.")] == [
        "15",
        "16",
    ]


def test_hostile_text_is_kept_verbatim():
    hostile = "<script>alert('x')</script> & \"quoted\" {{ template }} {% tag %} DROP TABLE;"
    assert numbers_and_texts(f"1. {hostile}") == [("1", hostile)]


def test_stray_control_and_invisible_characters_are_stripped():
    text = "\ufeff1. Sover\u00adeignty\x00 is con\u200bfirmed.\x07\n2. Ceasefire."
    assert numbers_and_texts(text) == [("1", "Sovereignty is confirmed."), ("2", "Ceasefire.")]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \r\n \u00a0 \n"])
def test_empty_paste(text):
    with pytest.raises(DraftParseError) as error:
        parse_draft(text)
    assert error.value.message == DRAFT_EMPTY


def test_paste_without_points():
    with pytest.raises(DraftParseError) as error:
        parse_draft("The parties met in Geneva.\nNo text was agreed.")
    assert error.value.message == DRAFT_NO_POINTS
    assert '"Point 1:"' in DRAFT_NO_POINTS


def test_paste_too_long():
    with pytest.raises(DraftParseError) as error:
        parse_draft("1. " + "a" * MAX_DRAFT_CHARS)
    assert error.value.message == DRAFT_TOO_LONG
    assert f"{MAX_DRAFT_CHARS:,}" in DRAFT_TOO_LONG


def test_paste_with_too_many_points():
    text = "\n".join(f"{n}. x" for n in range(1, MAX_POINTS + 2))
    assert len(parse_draft("\n".join(text.split("\n")[:MAX_POINTS])).points) == MAX_POINTS
    with pytest.raises(DraftParseError) as error:
        parse_draft(text)
    assert error.value.message == DRAFT_TOO_MANY_POINTS
    assert f"{MAX_POINTS:,}" in DRAFT_TOO_MANY_POINTS


def test_binary_paste():
    with pytest.raises(DraftParseError) as error:
        parse_draft("1. draft".encode("utf-16-le").decode("latin-1"))
    assert error.value.message == DRAFT_BINARY


def test_the_test_drafts_parse_with_their_structure():
    old = parse_draft((DRAFTS / "r1_us_draft.txt").read_text())
    assert [p.number for p in old.points] == [str(n) for n in range(1, 35)]
    assert old.preamble.startswith("FRAMEWORK FOR ENDING THE WAR IN UKRAINE\nDraft circulated")
    assert old.points[9].text.count("\n") == 4  # point 10 and its sub-points (a) to (d)
    assert old.points[5].text == (
        "The size of the Armed Forces of Ukraine will be limited to 600,000 personnel."
    )

    counter = parse_draft((DRAFTS / "r3_counter_proposal.txt").read_text())
    assert len(counter.points) == 29
    assert counter.points[7].heading == "II. TERRITORY"

    leaked = parse_draft((DRAFTS / "r6_leaked_translation.txt").read_text())
    assert leaked.points[1].text == (
        "A full non-aggression pact between Russia, Ukraine and Europe; all disputes of the "
        "last 30 years count as settled."
    )
