"""The pure cross-language matcher on plain data (drafting/translation_align.py)."""

from drafting.parse import DraftPoint, parse_draft
from drafting.translation_align import (
    CONTRADICTED,
    ORDER,
    SAME_NUMBER,
    SILENT,
    SUPPORTED,
    OriginalPoint,
    _with_order,
    align_translation,
    features,
    label,
)
from tests.translations.texts import ENGLISH, OTHER_DRAFT, RUSSIAN_PARTIAL, UKRAINIAN

ORIGINALS = [
    OriginalPoint(key=100 + i, number=number, text=text) for i, (number, text) in enumerate(ENGLISH)
]


def keys_by_number(alignment):
    return {m.number: m.key for m in alignment.matches}


def test_figures_survive_grouping_and_words():
    for text in ("600,000 troops", "600 000 військових", "600 тисяч осіб", "0,6 млн", "600.000"):
        assert "600000" in features(text).figures, text
    assert "1.5" in features("1,5 відсотка").figures


def test_months_in_three_languages():
    for text in ("1 March 2026", "1 березня 2026", "1 марта 2026"):
        assert {"1", "2026", "month 3"} <= features(text).figures, text


def test_names_and_acronyms_in_either_script():
    assert {"NATO", "EU", "US"} <= features("NATO, the EU and the US").names
    assert {"NATO", "EU", "US"} <= features("НАТО, ЄС і США").names
    assert {"NATO", "EU", "US"} <= features("НАТО, ЕС и США").names
    for text in ("the Zaporizhzhia plant", "Запоріжжя", "Запорізької АЕС", "Запорожье"):
        assert "Zaporizhzhia" in features(text).names, text
    # Not an acronym: "us" in lower case is a word.
    assert "US" not in features("let us agree").names
    # A name without an alias meets its transliteration by its consonants.
    assert features("held in Mariupol").names == features("у Маріуполі").names


def test_cyrillic_point_letters_read_as_latin():
    assert label("12а") == label("12 a") == "12a"
    assert label("3б") == "3b"


def test_ukrainian_translation_matches_every_point():
    points = parse_draft(UKRAINIAN).points
    alignment = align_translation(points, ORIGINALS, revision_number=1)
    assert keys_by_number(alignment) == {str(n): 99 + n for n in range(1, 9)}
    assert not alignment.wrong_revision
    by_number = {m.number: m for m in alignment.matches}
    assert by_number["3"].evidence == SUPPORTED
    assert "600000" in by_number["3"].shared
    assert {"NATO", "Ukraine"} <= set(by_number["4"].shared)


def test_partial_russian_translation_with_gaps_in_its_numbering():
    points = parse_draft(RUSSIAN_PARTIAL).points
    assert [p.number for p in points] == ["1", "3", "5", "6"]
    alignment = align_translation(points, ORIGINALS, revision_number=1)
    assert keys_by_number(alignment) == {"1": 100, "3": 102, "5": 104, "6": 105}
    assert not alignment.wrong_revision


def test_unnumbered_order_and_figures_decide_when_numbers_differ():
    """A translation numbered otherwise (its own numbering starts at 11) still finds its
    clauses by what survives translation."""
    points = [
        DraftPoint("11", "Чисельність ЗСУ обмежується 600 тисячами осіб."),
        DraftPoint("12", "ЄС і США знімають санкції з 1 березня 2026 року."),
        DraftPoint("13", "Вибори протягом 100 днів."),
    ]
    alignment = align_translation(points, ORIGINALS, revision_number=1)
    assert keys_by_number(alignment) == {"11": 102, "12": 105, "13": 107}


def test_contradicting_figures_outweigh_the_number():
    """Point 3 of this text speaks of 800,000, which is no figure of point 3 of the
    revision: the match is flagged as contradicted."""
    points = [DraftPoint("3", "Чисельність ЗСУ обмежується 800 тисячами осіб.")]
    alignment = align_translation(points, ORIGINALS, revision_number=1)
    assert alignment.matches[0].evidence == CONTRADICTED or alignment.matches[0].key is None
    assert alignment.wrong_revision


def test_a_translation_of_another_draft_is_flagged():
    points = parse_draft(OTHER_DRAFT).points
    alignment = align_translation(points, ORIGINALS, revision_number=4)
    assert alignment.wrong_revision
    assert "revision 4" in alignment.warning


def test_a_point_beyond_the_revision_is_left_out():
    points = [*parse_draft(UKRAINIAN).points, DraftPoint("9", "Угода набуває чинності.")]
    alignment = align_translation(points, ORIGINALS, revision_number=1)
    assert keys_by_number(alignment)["9"] is None
    assert not alignment.wrong_revision


def test_a_figure_spelt_out_in_words_is_no_contradiction():
    points = [DraftPoint("2", "Припинення вогню набуває чинності протягом трьох діб.")]
    alignment = align_translation(points, ORIGINALS, revision_number=1)
    (match,) = alignment.matches
    assert (match.key, match.evidence) == (101, SILENT)
    assert not alignment.wrong_revision


def test_a_point_between_its_anchors_is_raised_towards_a_clause_past_its_own_candidates():
    # Point 0 is anchored on clause 0 by its number; point 1 has a single candidate, clause
    # 7 of 10, which lies after that anchor and before the end of the revision: the order
    # speaks for it, however few candidates its row holds.
    scores = [{0: SAME_NUMBER}, {7: 1.0}]
    assert _with_order(scores, clauses=10)[1] == {7: 1.0 + ORDER}
    # Before the anchor: the order does not speak for it.
    assert _with_order([{7: 1.0}, {0: SAME_NUMBER}], clauses=10)[0] == {7: 1.0}
