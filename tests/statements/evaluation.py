"""The evaluation set (tests/statements/eval/) run through the extractor and scored by
statements.scoring. ``python -m tests.statements.evaluation`` prints the table."""

import json
from pathlib import Path

from parties.starting_aliases import STARTING_ALIASES
from statements.extract import Extractor
from statements.scoring import Score, score
from statements.speakers import Alias

EVAL = Path(__file__).parent / "eval"
LANGUAGES = ("en", "uk", "ru")
PARTS = ("heldout", "tuning")


def starting_aliases() -> list[Alias]:
    return [
        Alias(text, party, kind, language)
        for party, rows in STARTING_ALIASES.items()
        for text, kind, language in rows
    ]


def load(part: str, language: str) -> list[dict]:
    return json.loads((EVAL / f"{part}_{language}.json").read_text(encoding="utf-8"))["items"]


def evaluate(part: str, language: str, *, verbose: bool = False) -> Score:
    extractor = Extractor(starting_aliases())
    total = Score()
    for item in load(part, language):
        proposals = extractor.extract(item["text"], language).proposals
        proposed = [(p.quote, p.party) for p in proposals]
        gold = [(g["quote"], g["party"]) for g in item["gold"]]
        result = score(proposed, gold)
        if verbose and (result.right < result.proposals or result.found < result.gold):
            print("TEXT:", item["text"][:160])
            print("  gold:", gold)
            print("  got: ", [(p.quote, p.party, p.speaker) for p in proposals])
        total.add(result)
    return total


if __name__ == "__main__":
    import sys

    verbose = "-v" in sys.argv
    parts = [p for p in PARTS if p in sys.argv] or list(PARTS)
    for part in parts:
        for language in LANGUAGES:
            s = evaluate(part, language, verbose=verbose)
            print(
                f"{part:8} {language}: precision {s.precision:.2f} ({s.right}/{s.proposals}), "
                f"recall {s.recall:.2f} ({s.found}/{s.gold})"
            )
