"""Aligning the points of a new draft with the clauses of the previous revision.

The drafts in tests/drafting/drafts/ are a first revision of 34 clauses and seven later drafts that
reword, renumber, merge, split, drop and add points; answer_key.toml says where each point
of each later draft belongs. The aligner's weights were chosen on them.

The drafts in tests/drafting/drafts/heldout/ continue the same first revision and were written
before the weights were last chosen, and never used to choose them: their score is the
honest estimate of how the aligner does on a draft it has not seen.
"""

import itertools
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from drafting.align import (
    CANDIDATES_SHOWN,
    NEW_CLAUSE_THRESHOLD,
    Alignment,
    ClauseCandidate,
    align_draft,
)
from drafting.matching import best_matching
from drafting.parse import DraftPoint, parse_draft
from drafting.tokens import tokenize
from tests.drafting.alignment_cases import synthetic_case

DRAFTS = Path(__file__).parent / "drafts"
KEY = tomllib.loads((DRAFTS / "answer_key.toml").read_text())
NEW = "new"


def _old_revision() -> list[ClauseCandidate]:
    """The first revision's clauses; ids start at 101 so that no id looks like a number."""
    titles = KEY["old"]["clauses"]
    points = parse_draft((DRAFTS / KEY["old"]["file"]).read_text()).points
    return [
        ClauseCandidate(101 + i, point.number, titles[point.number][1], point.text)
        for i, point in enumerate(points)
    ]


CLAUSES = _old_revision()
SLUG = {clause.clause_id: KEY["old"]["clauses"][clause.number][0] for clause in CLAUSES}


@dataclass(frozen=True)
class Scenario:
    name: str
    points: list[DraftPoint]
    expected: list[set[str]]  # per point: the slugs it may land on, or {"new"}

    def __str__(self) -> str:
        return self.name


def _scenarios(folder: Path = DRAFTS) -> list[Scenario]:
    scenarios = []
    key = tomllib.loads((folder / "answer_key.toml").read_text())
    for entry in key["scenario"]:
        points = parse_draft((folder / entry["file"]).read_text()).points
        assert [p.number for p in points] == list(entry["points"]), entry["name"]
        expected = [set(entry["points"][p.number].split("|")) for p in points]
        scenarios.append(Scenario(entry["name"], points, expected))
    return scenarios


SCENARIOS = _scenarios()
HELD_OUT = _scenarios(DRAFTS / "heldout")

# Where the aligner goes wrong on these drafts, and what it proposes instead: the editor
# corrects these before confirming. Anything else going wrong is a regression.
KNOWN_MISSES = {
    # "the Russian language and the canonical Orthodox Church": no word in common with
    # "linguistic minorities" and "religious tolerance".
    "russian-response": {"9": NEW},
    # "A ceasefire along the entire line of contact": the wording of the clauses on the line
    # of contact and on monitoring the ceasefire, rather than of the ceasefire clause.
    "memorandum": {"16": "contact-line"},
    # A point with no word of the clause it continues ("Alliance membership", "restrictions
    # on Russia", "a vote") loses it to a point that shares words with it, or to nothing.
    "revised-framework": {
        "5": "us-guarantee-conditions",
        "6": "nato-troops",
        "9": NEW,
        "10": "sanctions",
        "17": NEW,
        "18": "elections",
    },
}


def landed(alignment: Alignment) -> list[str]:
    """The slug each point landed on, or "new"."""
    return [SLUG[m.clause_id] if m.clause_id is not None else NEW for m in alignment.matches]


def right_or_wrong(got: list[str], expected: list[set[str]]) -> list[bool]:
    """Whether each point landed right.

    A point allowed to be new or a clause (one half of a split) is right as new only if
    another point kept that clause.
    """
    kept = set(got)
    return [
        slug in allowed and (slug != NEW or all(s in kept for s in allowed - {NEW}))
        for slug, allowed in zip(got, expected, strict=True)
    ]


def accuracy(results: list[list[bool]]) -> float:
    marks = [mark for result in results for mark in result]
    return sum(marks) / len(marks)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_each_point_lands_on_its_clause(scenario):
    got = landed(align_draft(scenario.points, CLAUSES))
    marks = right_or_wrong(got, scenario.expected)
    wrong = {
        point.number: slug
        for point, slug, right in zip(scenario.points, got, marks, strict=True)
        if not right
    }
    assert wrong == KNOWN_MISSES.get(scenario.name, {})


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_dropped_clauses_are_reported_dropped(scenario):
    alignment = align_draft(scenario.points, CLAUSES)
    dropped = {SLUG[clause_id] for clause_id in alignment.dropped}
    got = landed(alignment)
    misses = KNOWN_MISSES.get(scenario.name, {})
    taken_by_misses = {got[i] for i, p in enumerate(scenario.points) if p.number in misses}
    covered = set().union(*scenario.expected)
    assert {slug for slug in SLUG.values() if slug not in covered} - taken_by_misses <= dropped

    # A merged point keeps one of its clauses; the others are dropped (unless one of the
    # known misses took them).
    for slug, allowed in zip(got, scenario.expected, strict=True):
        if len(allowed) > 1 and NEW not in allowed and slug in allowed:
            assert allowed - {slug} - taken_by_misses <= dropped

    matched = {m.clause_id for m in alignment.matches}
    assert alignment.dropped == [c.clause_id for c in CLAUSES if c.clause_id not in matched]


def test_nine_points_in_ten_land_right_over_all_drafts():
    results = [
        right_or_wrong(landed(align_draft(s.points, CLAUSES)), s.expected) for s in SCENARIOS
    ]
    assert sum(len(r) for r in results) > 140
    assert accuracy(results) >= 0.9


def _string_ratio_pairs(points: list[DraftPoint]) -> list[tuple[float, int, int]]:
    """Every (point, clause) pair by rapidfuzz's token_set_ratio of the raw texts, best first."""
    return sorted(
        (
            (fuzz.token_set_ratio(point.text, f"{clause.title} {clause.text}"), p, c)
            for p, point in enumerate(points)
            for c, clause in enumerate(CLAUSES)
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )


def _greedy(pairs: list[tuple[float, int, int]], count: int, threshold: float) -> list[str]:
    """One-to-one matching taking the best remaining pair first, as a plain baseline would."""
    chosen: dict[int, int] = {}
    for score, p, c in pairs:
        if score >= threshold and p not in chosen and c not in chosen.values():
            chosen[p] = c
    return [SLUG[CLAUSES[chosen[p]].clause_id] if p in chosen else NEW for p in range(count)]


def _baseline_accuracy(scenarios: list[Scenario]) -> float:
    """The plain baseline's accuracy, at its best threshold chosen on the very data scored."""
    pairs = {s.name: _string_ratio_pairs(s.points) for s in scenarios}
    return max(
        accuracy(
            [
                right_or_wrong(_greedy(pairs[s.name], len(s.points), threshold), s.expected)
                for s in scenarios
            ]
        )
        for threshold in range(20, 95, 5)
    )


def _our_accuracy(scenarios: list[Scenario]) -> float:
    return accuracy(
        [right_or_wrong(landed(align_draft(s.points, CLAUSES)), s.expected) for s in scenarios]
    )


def test_a_plain_string_ratio_does_clearly_worse():
    assert _our_accuracy(SCENARIOS) >= _baseline_accuracy(SCENARIOS) + 0.1


def test_held_out_drafts_land_right_and_beat_the_plain_string_ratio():
    """The estimate for drafts the weights were not chosen on (numbers in docs/decisions.md).

    Measured once, after the weights were set: 77 of 88 points (87.5 %), against 67 (76 %)
    for the plain string ratio at its best threshold. The floor guards that measure; raising
    it by tuning on these drafts would spoil them as a held-out set.
    """
    assert sum(len(s.points) for s in HELD_OUT) >= 80
    ours = _our_accuracy(HELD_OUT)
    assert ours >= 0.85
    assert ours >= _baseline_accuracy(HELD_OUT) + 0.1


def test_a_draft_aligned_with_itself_keeps_every_clause_even_shuffled():
    points = [DraftPoint(c.number, c.text) for c in CLAUSES]
    random.Random(7).shuffle(points)
    renumbered = [DraftPoint(str(n), p.text) for n, p in enumerate(points, start=1)]
    for draft in (points, renumbered):
        alignment = align_draft(draft, CLAUSES)
        by_text = {c.text: c.clause_id for c in CLAUSES}
        assert [m.clause_id for m in alignment.matches] == [by_text[p.text] for p in draft]
        assert alignment.dropped == []
        assert all(m.score >= 80 for m in alignment.matches)


def test_matches_carry_their_score_and_the_alternatives():
    alignment = align_draft(SCENARIOS[0].points, CLAUSES)
    assert [m.point_index for m in alignment.matches] == list(range(len(SCENARIOS[0].points)))
    for match in alignment.matches:
        scores = [score for _, score in match.candidates]
        assert len(match.candidates) <= CANDIDATES_SHOWN
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= score <= 100 for score in scores)
        if match.is_new:
            assert match.score == 0
        else:
            assert NEW_CLAUSE_THRESHOLD <= match.score <= 100
            assert match.score <= scores[0]


def test_alignment_is_deterministic():
    scenario = SCENARIOS[1]
    assert align_draft(scenario.points, CLAUSES) == align_draft(scenario.points, CLAUSES)


def test_empty_sides():
    assert align_draft([], CLAUSES) == Alignment([], [c.clause_id for c in CLAUSES])
    assert align_draft([], []) == Alignment([], [])

    points = [DraftPoint("1", "Sovereignty is confirmed."), DraftPoint("2", "")]
    alignment = align_draft(points, [])
    assert [(m.clause_id, m.score, m.candidates) for m in alignment.matches] == [
        (None, 0.0, ()),
        (None, 0.0, ()),
    ]
    assert alignment.dropped == []


def test_points_without_words_are_new():
    points = [DraftPoint("1", ""), DraftPoint("2", "It is what it will be.")]
    alignment = align_draft(points, CLAUSES)
    assert [m.clause_id for m in alignment.matches] == [None, None]
    assert len(alignment.dropped) == len(CLAUSES)


def test_a_large_paste_is_aligned_one_to_one():
    points, clauses, expected = synthetic_case(500)
    alignment = align_draft(points, clauses)

    assert len(alignment.matches) == 500
    matched = [m.clause_id for m in alignment.matches if m.clause_id is not None]
    assert len(matched) == len(set(matched))
    assert alignment.dropped == [c.clause_id for c in clauses if c.clause_id not in matched]
    right = sum(m.clause_id == e for m, e in zip(alignment.matches, expected, strict=True))
    assert right / len(expected) >= 0.9


def test_a_new_point_out_of_place_does_not_take_the_clause_of_the_point_in_place():
    """Two points fit one clause about as well: the one standing where it stood keeps it."""
    points = [DraftPoint(c.number, c.text) for c in CLAUSES]
    elections = next(i for i, c in enumerate(CLAUSES) if SLUG[c.clause_id] == "elections")
    points[elections] = DraftPoint(
        "29", "Ukraine votes for a new president within 100 days of signing."
    )
    municipal = "Municipal elections will be held in Ukraine within 100 days of the ceasefire."
    points.insert(5, DraftPoint("5a", municipal))

    alignment = align_draft(points, CLAUSES)
    got = landed(alignment)
    assert got[5] == NEW
    assert got[elections + 1] == "elections"
    # Its words alone would have given it the clause: the hint still says so.
    assert SLUG[alignment.matches[5].candidates[0][0]] == "elections"


def test_the_matching_maximises_the_total_not_the_best_pair():
    # Point 0 fits clause 0 best but also fits clause 1; point 1 fits only clause 0.
    assert best_matching([{0: 23.0, 1: 18.0}, {0: 21.0}]) == {0: 1, 1: 0}
    # A pair worth nothing (at or under the threshold) is never matched.
    assert best_matching([{0: 0.0, 1: -3.0}, {}]) == {}


def test_the_matching_is_optimal_on_random_cases():
    rng = random.Random(3)
    for _ in range(300):
        clauses = rng.randint(1, 5)
        weights = [
            {c: rng.choice([rng.uniform(-5, 10), rng.randint(-2, 5)]) for c in range(clauses)}
            for _ in range(rng.randint(1, 5))
        ]
        chosen = best_matching(weights)
        assert len(set(chosen.values())) == len(chosen)
        assert all(weights[p][c] > 0 for p, c in chosen.items())
        best = max(
            sum(w for p, c in enumerate(choice) if c is not None and (w := weights[p][c]) > 0)
            for choice in _every_choice(len(weights), clauses)
        )
        assert sum(weights[p][c] for p, c in chosen.items()) == pytest.approx(best)


def _every_choice(points: int, clauses: int):
    """Every way of giving each point a distinct clause or none."""
    for choice in itertools.product([None, *range(clauses)], repeat=points):
        taken = [c for c in choice if c is not None]
        if len(taken) == len(set(taken)):
            yield choice


# Drafts in other scripts.

SCRIPTS = DRAFTS / "scripts"
SCRIPTS_KEY = tomllib.loads((SCRIPTS / "answer_key.toml").read_text())


@pytest.mark.parametrize("language", ["ukrainian", "russian"])
def test_a_cyrillic_draft_lands_on_its_clauses(language):
    key = SCRIPTS_KEY[language]
    old = parse_draft((SCRIPTS / key["old"]).read_text()).points
    clauses = [
        ClauseCandidate(101 + i, p.number, key["clauses"][p.number][1], p.text)
        for i, p in enumerate(old)
    ]
    slug = {c.clause_id: key["clauses"][c.number][0] for c in clauses}
    points = parse_draft((SCRIPTS / key["next"]).read_text()).points

    alignment = align_draft(points, clauses)

    got = {
        p.number: slug.get(m.clause_id, NEW) for p, m in zip(points, alignment.matches, strict=True)
    }
    assert got == key["points"]
    kept = set(key["points"].values())
    assert [slug[c] for c in alignment.dropped] == [
        s for s in (slug[c.clause_id] for c in clauses) if s not in kept
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Суверенітет України підтверджується, а її гарантії безпеки закріплюються.",
        "Суверенитет Украины подтверждается, а её гарантии безопасности закрепляются.",
        "تؤكد سيادة أوكرانيا، وتُمنح ضمانات أمنية موثوقة.",
        "Η κυριαρχία της Ουκρανίας επιβεβαιώνεται.",
        "乌克兰的主权得到确认。",
        "ウクライナの主権は確認される。",
        "🕊️🇺🇦",
        "It is what it will be.",  # stop words only: no term, yet the same text
    ],
)
def test_a_point_identical_to_a_clause_matches_it_at_the_top_score(text):
    clauses = [
        ClauseCandidate(1, "1", "", "A ceasefire takes effect."),
        ClauseCandidate(2, "2", "", text),
        ClauseCandidate(3, "3", "", "Prisoners are exchanged all for all."),
    ]
    alignment = align_draft([DraftPoint("7", text)], clauses)
    assert alignment.matches[0].clause_id == 2
    assert alignment.matches[0].score == 100
    assert alignment.matches[0].candidates[0] == (2, 100)


def test_a_reworded_arabic_point_finds_its_clause():
    clauses = [
        ClauseCandidate(1, "1", "السيادة", "تؤكد سيادة أوكرانيا."),
        ClauseCandidate(2, "2", "الانتخابات", "تجري أوكرانيا الانتخابات خلال مئة يوم من التوقيع."),
        ClauseCandidate(3, "3", "الأسرى", "يتم تبادل جميع الأسرى والجثث على أساس الكل مقابل الكل."),
    ]
    points = [
        DraftPoint("1", "تبادل الأسرى الكل مقابل الكل."),
        DraftPoint("2", "الانتخابات بعد مئة يوم."),
    ]
    assert [m.clause_id for m in align_draft(points, clauses).matches] == [3, 2]


def test_cyrillic_words_meet_across_their_endings_and_letters():
    assert tokenize("гарантії, гарантій, гарантіями") == ["гарант"] * 3
    assert tokenize("Украина, Украины, Украине") == tokenize("украина") * 3
    assert tokenize("ёлка") == tokenize("елка")
    # "й" stays a letter of the word, and a word apostrophe does not split it.
    assert tokenize("об'єкт") == tokenize("обʼєкт") == ["обєкт"]
    assert tokenize("і та в на") == []


def test_greek_is_split_into_words_without_accents_or_final_sigma():
    words = tokenize("Η κυριαρχία της Ουκρανίας επιβεβαιώνεται· ΚΥΡΙΑΡΧΙΑ.")
    assert words == ["κυριαρ", "ουκραν", "επιβεβ", "κυριαρ"]
    assert tokenize("εκεχειρία") == tokenize("ΕΚΕΧΕΙΡΙΑΣ")


def test_chinese_and_japanese_give_character_pairs():
    assert tokenize("停火协议") == ["停火", "火协", "协议"]
    assert tokenize("停火, 和平") == ["停火", "和平"]
    assert tokenize("ウクライナ") == ["ウク", "クラ", "ライ", "イナ"]
    assert tokenize("和") == ["和"]


def test_arabic_drops_its_article_and_vowel_marks_and_reads_its_digits():
    assert tokenize("الأسرى") == tokenize("أسرى") == tokenize("الأَسْرَى")
    assert tokenize("١٠٠ يوم") == tokenize("100 يوم")


def test_emoji_are_terms_and_shaping_characters_are_not():
    assert tokenize("🕊️ peace 🇺🇦") == ["🕊", "peace", "🇺", "🇦"]


def test_a_point_mixing_scripts_keeps_every_word():
    assert tokenize("NATO не розміщує troops в Україні") == ["nato", "розміщ", "troop", "украін"]
    assert tokenize("NATO的扩张") == ["nato", "的扩", "扩张"]
    clauses = [
        ClauseCandidate(1, "1", "", "NATO не розміщує війська в Україні."),
        ClauseCandidate(2, "2", "", "Україна проводить вибори."),
    ]
    point = DraftPoint("1", "NATO troops не розміщуються в Україні.")
    assert align_draft([point], clauses).matches[0].clause_id == 1
