"""The synopsis on plain data: rows, cell statuses, diffs against the base, filters,
counts, the default choice of revisions and the reading of the reader's choice."""

import pytest

from comparison import synopsis as pure
from comparison.synopsis import (
    CellKind,
    ClauseInfo,
    ColumnPick,
    PartyInfo,
    RevisionInfo,
    Stated,
    Strand,
    SynopsisData,
    SynopsisRefused,
    Translated,
    Wording,
)

ARMY = ClauseInfo(1, "army", "Army cap", "military")
DMZ = ClauseInfo(2, "dmz", "Demilitarized zone", "territory")
NATO = ClauseInfo(3, "nato", "NATO membership", "alliances")
LINES = ClauseInfo(4, "lines", "Lines of contact", "territory")
LINES_EAST = ClauseInfo(5, "lines-east", "Eastern lines", "territory")
LINES_SOUTH = ClauseInfo(6, "lines-south", "Southern lines", "territory")
CLAUSES = {c.clause_id: c for c in (ARMY, DMZ, NATO, LINES, LINES_EAST, LINES_SOUTH)}
UKRAINE = PartyInfo("ukraine", "Ukraine", "UA")
RUSSIA = PartyInfo("russia", "Russia", "RU")

FIRST = RevisionInfo(10, 1, "US draft")
COUNTER = RevisionInfo(20, 2, "European counter-proposal", branch=True, previous_id=10)
LATER = RevisionInfo(30, 3, "Framework", previous_id=10)
REPORT = RevisionInfo(40, 4, "Press report", coverage=pure.PARTIAL, previous_id=30)


def wording(clause, number, text, place=None):
    return Wording(clause.clause_id, number, place or int(number), text, "open")


def data(columns, base, **overrides):
    wordings = {
        (10, 1): wording(ARMY, "1", "Armed forces capped at 600,000."),
        (10, 2): wording(DMZ, "2", "A zone in the east."),
        (10, 3): wording(NATO, "3", "Ukraine never joins NATO."),
        (10, 4): wording(LINES, "4", "Lines as they stand."),
        (20, 1): wording(ARMY, "1", "Armed forces capped at 800,000."),
        (20, 2): wording(DMZ, "2", "A zone in the east."),
        (20, 4): wording(LINES, "4", "Lines as they stand."),
        (30, 1): wording(ARMY, "3", "Armed forces capped at 800,000."),
        (30, 2): wording(DMZ, "1", "A zone in the east."),
        (30, 5): wording(LINES_EAST, "4a", "Eastern lines frozen.", 4),
        (30, 6): wording(LINES_SOUTH, "4b", "Southern lines frozen.", 5),
        (40, 2): wording(DMZ, "1", "A zone in the east."),
    }
    positions = {
        (10, 1): {"ukraine": Stated("ukraine", "opposes"), "russia": Stated("russia", "supports")},
        (20, 1): {
            "ukraine": Stated("ukraine", "conditional", "We can live with <800,000>."),
            "russia": Stated("russia", "supports"),
        },
        (30, 1): {
            "ukraine": Stated("ukraine", "conditional"),
            "russia": Stated("russia", "red_line"),
        },
        (10, 2): {"ukraine": Stated("ukraine", "conditional")},
        (20, 2): {"ukraine": Stated("ukraine", "conditional")},
        (30, 2): {"ukraine": Stated("ukraine", "conditional")},
    }
    fields = {
        "columns": columns,
        "base": base,
        "clauses": CLAUSES,
        "wordings": wordings,
        "positions": positions,
        "deleted": frozenset({(30, 3)}),
        "strands": (Strand(30, "split", 4, 5), Strand(30, "split", 4, 6)),
        "previous": {10: None, 20: 10, 30: 10, 40: 30},
        "parties": (UKRAINE, RUSSIA),
        **overrides,
    }
    return SynopsisData(**fields)


def by_slug(result):
    return {row.clause.slug: row for row in result.rows}


def test_one_row_per_clause_in_the_base_columns_order_then_the_others():
    result = pure.synopsis(data([FIRST, COUNTER, LATER], base=1))
    assert [row.clause.slug for row in result.rows] == [
        "army",
        "dmz",
        "nato",
        "lines",
        "lines-east",
        "lines-south",
    ]
    # A base later in the list reorders the rows by its own draft order.
    result = pure.synopsis(data([FIRST, COUNTER, LATER], base=3))
    assert [row.clause.slug for row in result.rows][:4] == [
        "dmz",
        "army",
        "lines-east",
        "lines-south",
    ]
    assert result.base == LATER


def test_a_clause_keeps_its_row_across_renumbering():
    row = by_slug(pure.synopsis(data([FIRST, LATER], base=1)))["army"]
    assert [cell.number for cell in row.cells] == ["1", "3"]


def test_cells_say_why_a_clause_is_not_there():
    rows = by_slug(pure.synopsis(data([FIRST, COUNTER, LATER, REPORT], base=1)))
    nato = [cell.kind for cell in rows["nato"].cells]
    assert nato == [
        CellKind.PRESENT,
        CellKind.NOT_IN_DRAFT,
        CellKind.DELETED,
        CellKind.NOT_DESCRIBED,
    ]
    lines = rows["lines"].cells
    assert lines[2].kind == CellKind.SPLIT
    assert [(ref.slug, ref.number) for ref in lines[2].into] == [
        ("lines-east", "4a"),
        ("lines-south", "4b"),
    ]
    assert lines[2].lineage == "split into 4a, 4b"
    # The report continues r3: the split recorded there still carries the clause on, to
    # clauses the report does not describe.
    assert lines[3].kind == CellKind.SPLIT
    assert [ref.number for ref in lines[3].into] == [None, None]
    assert lines[3].lineage == "split into Eastern lines, Southern lines"
    # The counter-proposal does not continue r3: the split is not its own.
    east = rows["lines-east"].cells
    assert [cell.kind for cell in east] == [
        CellKind.NOT_IN_DRAFT,
        CellKind.NOT_IN_DRAFT,
        CellKind.PRESENT,
        CellKind.NOT_DESCRIBED,
    ]


def test_merges_are_told_as_merged_into():
    merged = data(
        [FIRST, LATER],
        base=1,
        strands=(Strand(30, "merge", 3, 1),),
        deleted=frozenset(),
    )
    nato = by_slug(pure.synopsis(merged))["nato"].cells[1]
    assert nato.kind == CellKind.MERGED
    assert nato.lineage == "merged into 3"


def test_other_cells_hold_their_word_diff_against_the_base():
    rows = by_slug(pure.synopsis(data([FIRST, COUNTER, LATER], base=1)))
    base, counter, later = rows["army"].cells
    assert base.diff is None and not base.differs
    assert counter.differs and later.differs
    assert [(op.kind, op.text) for op in counter.diff.ops if not op.is_equal] == [
        ("delete", "600,000."),
        ("insert", "800,000."),
    ]
    same = rows["dmz"].cells[1]
    assert same.diff is not None and not same.diff.changed and not same.differs
    # A deleted clause shows the base's wording struck out.
    deleted = rows["nato"].cells[2]
    assert deleted.diff.old_text == "Ukraine never joins NATO." and deleted.diff.new_text == ""


def test_a_cell_without_base_wording_holds_no_diff():
    rows = by_slug(pure.synopsis(data([FIRST, LATER], base=1)))
    east = rows["lines-east"].cells[1]
    assert east.diff is None and east.differs
    assert rows["lines-east"].cells[0].kind == CellKind.NOT_IN_DRAFT


def test_stances_are_ringed_where_they_differ_from_the_base_column():
    row = by_slug(pure.synopsis(data([FIRST, COUNTER, LATER], base=1)))["army"]
    first, counter, later = (
        {s.party_slug: (s.stance, s.differs) for s in cell.stances} for cell in row.cells
    )
    assert first == {"ukraine": ("opposes", False), "russia": ("supports", False)}
    assert counter == {"ukraine": ("conditional", True), "russia": ("supports", False)}
    assert later == {"ukraine": ("conditional", True), "russia": ("red_line", True)}
    assert row.cells[1].stances[0].quote == "We can live with <800,000>."
    assert row.parties_differ == {"ukraine", "russia"}
    # No position is a stance of its own, compared like the others.
    dmz = by_slug(pure.synopsis(data([FIRST, COUNTER], base=1)))["dmz"]
    assert [(s.stance, s.differs) for s in dmz.cells[1].stances] == [
        ("conditional", False),
        (None, False),
    ]


def test_row_flags_and_counts():
    result = pure.synopsis(data([FIRST, COUNTER, LATER], base=1))
    rows = by_slug(result)
    assert rows["dmz"].same and not rows["dmz"].differs
    assert rows["army"].differs and not rows["army"].same
    assert rows["lines-east"].only_one and rows["lines-east"].differs
    assert rows["nato"].only_one and rows["nato"].differs
    counts = result.counts
    assert (counts.rows, counts.differs, counts.same, counts.only_one) == (6, 5, 1, 3)
    assert counts.topics == {"military": 1, "territory": 4, "alliances": 1}
    assert counts.parties == {"ukraine": 1, "russia": 1}


def test_a_clause_only_not_described_elsewhere_is_neither_same_nor_differing():
    rows = by_slug(pure.synopsis(data([LATER, REPORT], base=3)))
    assert (rows["army"].differs, rows["army"].same) == (False, False)
    assert rows["army"].cells[1].kind == CellKind.NOT_DESCRIBED
    assert (rows["dmz"].differs, rows["dmz"].same) == (False, True)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["army", "dmz", "nato", "lines", "lines-east", "lines-south"]),
        ({"topic": "territory"}, ["dmz", "lines", "lines-east", "lines-south"]),
        ({"show": "differs"}, ["army", "nato", "lines", "lines-east", "lines-south"]),
        ({"show": "same"}, ["dmz"]),
        ({"show": "only_one"}, ["nato", "lines-east", "lines-south"]),
        ({"party": "russia"}, ["army"]),
        ({"topic": "territory", "show": "differs"}, ["lines", "lines-east", "lines-south"]),
        ({"topic": "military", "show": "same"}, []),
    ],
)
def test_filters(filters, expected):
    result = pure.synopsis(data([FIRST, COUNTER, LATER], base=1))
    assert [row.clause.slug for row in pure.filter_rows(result.rows, **filters)] == expected


@pytest.mark.parametrize(
    ("raw", "numbers"),
    [("1,2", [1, 2]), ("3,1,2", [3, 1, 2]), ("1,2,3,4,5,6", [1, 2, 3, 4, 5, 6])],
)
def test_revisions_are_read_in_the_order_picked(raw, numbers):
    assert [pick.number for pick in pure.parse_revisions(raw)] == numbers


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", pure.REVISIONS_MALFORMED.format(value="")),
        ("1", pure.REVISIONS_COUNT.format(count=1, value="1")),
        ("1,2,3,4,5,6,7", pure.REVISIONS_COUNT.format(count=7, value="1,2,3,4,5,6,7")),
        ("1,1", pure.REVISIONS_DUPLICATE.format(number=1)),
        ("1,x", pure.REVISIONS_MALFORMED.format(value="1,x")),
        ("0,1", pure.REVISIONS_MALFORMED.format(value="0,1")),
        ("1,2\n", pure.REVISIONS_MALFORMED.format(value="1,2\n")),
        ("1,٢", pure.REVISIONS_MALFORMED.format(value="1,٢")),
        ("1, 2", pure.REVISIONS_MALFORMED.format(value="1, 2")),
    ],
)
def test_bad_revisions_are_refused_naming_revisions(raw, message):
    with pytest.raises(SynopsisRefused) as refused:
        pure.parse_revisions(raw)
    assert refused.value.field == "revisions"
    assert str(refused.value) == message


def test_the_base_is_the_first_unless_named_among_the_picked():
    picks = [ColumnPick(3), ColumnPick(1)]
    assert pure.parse_base(None, picks) == 0
    assert pure.parse_base("1", picks) == 1
    for raw in ("2", "x", "-1", "1.0", "01", "1:uk"):
        with pytest.raises(SynopsisRefused) as refused:
            pure.parse_base(raw, picks)
        assert refused.value.field == "base"


def test_unknown_revisions_are_refused_naming_the_plan():
    with pytest.raises(SynopsisRefused) as refused:
        pure.choose("1,9", None, [FIRST, COUNTER], plan="framework")
    assert refused.value.field == "revisions"
    assert str(refused.value) == pure.REVISIONS_UNKNOWN.format(plan="framework", number=9)


def test_default_is_the_current_revision_with_the_branches_off_its_line_and_what_they_answer():
    assert pure.default_numbers([FIRST, COUNTER, LATER]) == [1, 2, 3]
    picks, base = pure.choose(None, None, [FIRST, COUNTER, LATER], plan="p")
    assert ([pick.key for pick in picks], base) == (["1", "2", "3"], 0)
    # A withdrawn branch is left out; without branches, the last three on the main line.
    withdrawn = RevisionInfo(20, 2, "Counter", branch=True, withdrawn=True, previous_id=10)
    line = [
        FIRST,
        withdrawn,
        LATER,
        RevisionInfo(50, 5, "Fifth", previous_id=30),
        RevisionInfo(60, 6, "Sixth", previous_id=50),
    ]
    assert pure.default_numbers(line) == [3, 5, 6]
    assert pure.default_numbers([FIRST, LATER]) == [1, 3]


def test_default_keeps_at_most_six_and_always_the_current_revision():
    main = [RevisionInfo(1, 1, "r1")]
    branches = [
        RevisionInfo(100 + n, n, f"branch {n}", branch=True, previous_id=1) for n in range(2, 9)
    ]
    current = RevisionInfo(2, 9, "current", previous_id=1)
    numbers = pure.default_numbers([*main, *branches, current])
    assert len(numbers) == pure.MAX_COLUMNS and numbers[-1] == 9
    assert numbers == [4, 5, 6, 7, 8, 9]


def test_a_plan_of_one_revision_has_no_default():
    assert pure.default_numbers([FIRST]) == []
    with pytest.raises(SynopsisRefused) as refused:
        pure.choose(None, None, [FIRST], plan="p")
    assert refused.value.field == "revisions"


# A column in a language.

FIRST_UK = RevisionInfo(10, 1, "US draft", language="uk", language_name="Українська")
COUNTER_UK = RevisionInfo(
    20, 2, "European counter-proposal", branch=True, previous_id=10, language="uk"
)
UK_TEXTS = {
    (10, 1, "uk"): Translated("Збройні сили обмежені 600 000.", True, False),
    (20, 1, "uk"): Translated("Збройні сили обмежені 800 000.", False, True),
    (10, 3, "uk"): Translated("Україна ніколи не вступить до НАТО.", False, False),
}


def test_columns_name_a_language_and_the_same_revision_may_be_picked_twice():
    picks = pure.parse_revisions("1,1:uk,2:ar", original="en")
    assert picks == [ColumnPick(1), ColumnPick(1, "uk"), ColumnPick(2, "ar")]
    assert [pick.key for pick in picks] == ["1", "1:uk", "2:ar"]
    # The original's own code is the original column: the same column twice.
    with pytest.raises(SynopsisRefused) as refused:
        pure.parse_revisions("1,1:en", original="en")
    assert str(refused.value) == pure.REVISIONS_DUPLICATE.format(number="1")
    assert pure.parse_base("1:uk", picks) == 1
    assert pure.parse_base("1", picks) == 0
    assert pure.parse_base("2", picks) == 2  # a bare number: the revision's first column


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ("1:uk,1:uk", "revisions", pure.REVISIONS_DUPLICATE.format(number="1:uk")),
        ("1,1:xx", "revisions", pure.LANGUAGE_UNKNOWN.format(code="xx", column=2, number=1)),
        ("1,1:UK", "revisions", pure.REVISIONS_MALFORMED.format(value="1,1:UK")),
        ("1,1:ukr", "revisions", pure.REVISIONS_MALFORMED.format(value="1,1:ukr")),
        ("1,1:", "revisions", pure.REVISIONS_MALFORMED.format(value="1,1:")),
    ],
)
def test_bad_languages_are_refused_naming_revisions(raw, field, message):
    with pytest.raises(SynopsisRefused) as refused:
        pure.parse_revisions(raw, original="en")
    assert (refused.value.field, str(refused.value)) == (field, message)
    assert "lang" in message or "language" in message


def test_a_column_in_a_language_shows_the_translation_or_the_original_marked():
    result = pure.synopsis(
        data([FIRST, FIRST_UK, COUNTER_UK], base=1, translations=UK_TEXTS, original="en")
    )
    rows = by_slug(result)
    army = rows["army"].cells
    assert [cell.text for cell in army] == [
        "Armed forces capped at 600,000.",
        "Збройні сили обмежені 600 000.",
        "Збройні сили обмежені 800 000.",
    ]
    assert [(cell.language, cell.text_kind, cell.stale) for cell in army] == [
        ("en", "original", False),
        ("uk", "official", False),
        ("uk", "unofficial", True),
    ]
    # No translation: the original, marked missing, in the original's language.
    dmz = rows["dmz"].cells[1]
    assert (dmz.text, dmz.language, dmz.text_kind) == ("A zone in the east.", "en", "missing")
    # The same wording in two languages is no rewording: the row flags read the originals.
    assert rows["nato"].cells[1].differs is False
    assert rows["dmz"].same and not rows["dmz"].differs


def test_the_word_diff_compares_the_texts_shown_in_the_same_language():
    result = pure.synopsis(
        data([FIRST_UK, FIRST, COUNTER_UK], base=1, translations=UK_TEXTS, original="en")
    )
    assert result.base_index == 0  # the first column of revision 1
    army = by_slug(result)["army"].cells
    # Ukrainian against Ukrainian: the translations' words.
    ops = [(str(op.kind), op.text) for op in army[2].diff.ops]
    assert ("delete", "600") in ops and ("insert", "800") in ops
    # English against Ukrainian: no diff, the text shown as it is.
    assert army[1].diff is None and army[1].differs is False
    # A Ukrainian base missing its translation shows the English original: compared in
    # English with an English cell.
    dmz = pure.synopsis(
        data([COUNTER_UK, FIRST], base=2, translations=UK_TEXTS, original="en")
    ).rows
    cell = next(row for row in dmz if row.clause.slug == "dmz").cells[1]
    assert cell.diff is not None and not cell.diff.changed


def test_the_base_column_is_picked_by_index_when_a_revision_is_shown_twice():
    result = pure.synopsis(
        data([FIRST, FIRST_UK], base=1, base_column=1, translations=UK_TEXTS, original="en")
    )
    assert result.base.key == "1:uk"
    army = by_slug(result)["army"].cells
    assert army[1].diff is None and army[0].diff is None  # different languages


def test_quotes_are_added_to_the_rows_shown_only():
    positions = {
        (10, 1): {"ukraine": Stated("ukraine", "opposes")},
        (20, 1): {"ukraine": Stated("ukraine", "conditional")},
    }
    result = pure.synopsis(data([FIRST, COUNTER], base=1, positions=positions))
    army = by_slug(result)["army"]
    assert [s.quote for s in army.cells[1].stances] == ["", ""]
    [quoted] = pure.quoted(result, [army], {(20, 1): {"ukraine": "We <can> live with it."}})
    assert [(s.party_slug, s.stance, s.quote, s.differs) for s in quoted.cells[1].stances] == [
        ("ukraine", "conditional", "We <can> live with it.", True),
        ("russia", None, "", False),
    ]
    assert quoted.parties_differ == army.parties_differ
