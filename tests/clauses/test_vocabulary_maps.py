"""One label map per vocabulary: every module takes labels, and value -> member maps, from
clauses.vocabularies, so a label reworded there is reworded everywhere."""

import re
from pathlib import Path

from clauses import vocabularies
from clauses.vocabularies import ClauseStatus, Provenance, RevisionStatus, Stance, Topic

ROOT = Path(__file__).resolve().parents[2]
VOCABULARIES = ROOT / "clauses" / "vocabularies.py"
APPS = (
    "core",
    "parties",
    "clauses",
    "comparison",
    "drafting",
    "publishing",
    "peaceplan",
    "generator",
    "bench",
)
_NAMES = "|".join(cls.__name__ for cls in (Stance, Topic, ClauseStatus, RevisionStatus, Provenance))
# A map built from a vocabulary: dict(Stance.choices), {m.value: m for m in Stance},
# {m.value: m.label for m in Topic}, dict(zip(Topic.values, Topic.labels)) ...
MAP_BUILT = re.compile(
    rf"dict\(\s*(?:\w+\.)?(?:{_NAMES})\.choices\s*\)"
    rf"|\bfor\s+\w+\s+in\s+(?:\w+\.)?(?:{_NAMES})\s*\}}"
    rf"|zip\(\s*(?:\w+\.)?(?:{_NAMES})\.(?:values|labels|names)"
)


def _sources():
    for folder in APPS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path != VOCABULARIES and "migrations" not in path.parts:
                yield path


def test_no_module_but_vocabularies_builds_a_label_or_member_map():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if MAP_BUILT.search(line)
    ]
    assert offenders == [], "build these from clauses.vocabularies:\n" + "\n".join(offenders)


def test_the_pattern_finds_the_maps_it_forbids():
    # vocabularies.py itself holds each kind: the check above would see a copy elsewhere.
    found = [line for line in VOCABULARIES.read_text().splitlines() if MAP_BUILT.search(line)]
    assert len(found) == 8


def test_every_vocabulary_has_its_label_map_and_every_value_a_label():
    for vocabulary, labels in [
        (Stance, vocabularies.STANCE_LABELS),
        (Topic, vocabularies.TOPIC_LABELS),
        (ClauseStatus, vocabularies.CLAUSE_STATUS_LABELS),
        (RevisionStatus, vocabularies.REVISION_STATUS_LABELS),
        (Provenance, vocabularies.PROVENANCE_LABELS),
    ]:
        assert labels == {member.value: member.label for member in vocabulary}
