"""A revision's fingerprint: SHA-256 over the canonical form of its content and of the
revision it continues. It changes when, and only when, something in that form changes."""

import dataclasses
import datetime
import hashlib
import json

import pytest

from clauses.fingerprints import (
    ChainLink,
    ClauseVersionContent,
    canonical_form,
    chain_fingerprints,
    fingerprint,
    short,
)

POSITION = {
    "party": "russia",
    "stance": "opposes",
    "summary": "Rejects the zone.",
    "quote": "Never.",
    "source_title": "TASS",
    "source_url": "https://example.org/tass",
    "stated_on": datetime.date(2025, 11, 24),
}


def content(**changes) -> list[ClauseVersionContent]:
    first = ClauseVersionContent("dmz", "9", "contested", "A zone of 30 km.", 1, [POSITION])
    second = ClauseVersionContent(
        "nato", "10", "open", "No membership.", 2, [{**POSITION, "party": "ukraine"}]
    )
    return [dataclasses.replace(first, **changes), second]


def test_the_canonical_form_is_the_documented_json():
    canonical = canonical_form(
        previous="ab" * 32,
        clause_versions=[
            ClauseVersionContent("dmz", "9", "contested", "Zone démilitarisée", 1, [POSITION])
        ],
    )

    assert (
        canonical
        == (
            '{"clause_versions":[{"clause":"dmz","number":"9","positions":[{"party":"russia",'
            '"quote":"Never.","source_title":"TASS","source_url":"https://example.org/tass",'
            '"stance":"opposes","stated_on":"2025-11-24","summary":"Rejects the zone."}],'
            '"status":"contested","text":"Zone démilitarisée"}],"previous":"' + "ab" * 32 + '"}'
        ).encode()
    )
    fp = fingerprint(previous="ab" * 32, clause_versions=[
        ClauseVersionContent("dmz", "9", "contested", "Zone démilitarisée", 1, [POSITION])
    ])  # fmt: skip
    assert fp == hashlib.sha256(canonical).hexdigest()
    assert short(fp) == fp[:12]


BASE = fingerprint(previous=None, clause_versions=content())


@pytest.mark.parametrize(
    "changes",
    [
        {"clause": "zone"},
        {"number": "9a"},
        {"status": "agreed"},
        {"text": "A zone of 40 km."},
        {"position_in_draft": 3},  # now after "nato": the draft's order changed
        {"positions": []},
        *({"positions": [{**POSITION, key: value}]} for key, value in [
            ("party", "belarus"),
            ("stance", "supports"),
            ("summary", "Accepts the zone."),
            ("quote", "Perhaps."),
            ("source_title", "RIA"),
            ("source_url", "https://example.org/ria"),
            ("stated_on", datetime.date(2025, 11, 25)),
            ("stated_on", None),
        ]),
    ],
)  # fmt: skip
def test_any_field_of_the_canonical_form_changes_it(changes):
    assert fingerprint(previous=None, clause_versions=content(**changes)) != BASE


def test_the_previous_fingerprint_is_part_of_it():
    assert fingerprint(previous="0" * 64, clause_versions=content()) != BASE


def test_nothing_else_changes_it():
    versions = content(position_in_draft=0)  # renumbered places, same order
    reordered = list(reversed(versions))  # read in another order
    both_parties = [{**POSITION, "party": "ukraine"}, POSITION]

    assert fingerprint(previous=None, clause_versions=versions) == BASE
    assert fingerprint(previous=None, clause_versions=reordered) == BASE
    assert fingerprint(
        previous=None, clause_versions=content(positions=both_parties)
    ) == fingerprint(previous=None, clause_versions=content(positions=both_parties[::-1]))


def test_fingerprints_chain_through_the_revision_continued():
    links = [ChainLink(1, None, 1), ChainLink(2, 1, 2), ChainLink(3, 1, 3)]
    contents = {1: content(), 2: content(), 3: content(text="Other")}

    chain = chain_fingerprints(links, contents, {})
    changed = chain_fingerprints(links, {**contents, 1: content(status="agreed")}, {})

    assert chain[1] == BASE
    assert chain[2] == fingerprint(previous=BASE, clause_versions=content())
    assert all(changed[pk] != chain[pk] for pk in (1, 2, 3))


def test_an_outside_reader_recomputes_it_from_json():
    """What docs/api.md tells a reader to do with the API's JSON, written from it alone."""
    api_positions = [
        {**POSITION, "stance": {"name": "opposes", "label": "opposes", "value": -1},
         "stated_on": "2025-11-24", "carried_over": True, "url": "..."},
    ]  # fmt: skip
    api_revision = {
        "clause_versions": [
            {"clause": "dmz", "number": "9", "status": "contested", "text": "A zone of 30 km.",
             "position_in_draft": 1, "positions": api_positions, "title": "DMZ"},
        ],
    }  # fmt: skip
    document = {
        "previous": None,
        "clause_versions": [
            {
                "clause": v["clause"],
                "number": v["number"],
                "status": v["status"],
                "text": v["text"],
                "positions": [
                    {
                        "party": p["party"],
                        "stance": p["stance"]["name"],
                        "summary": p["summary"],
                        "quote": p["quote"],
                        "source_title": p["source_title"],
                        "source_url": p["source_url"],
                        "stated_on": p["stated_on"],
                    }
                    for p in sorted(v["positions"], key=lambda p: p["party"])
                ],
            }
            for v in sorted(
                api_revision["clause_versions"],
                key=lambda v: (v["position_in_draft"], v["clause"]),
            )
        ],
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == fingerprint(
        previous=None, clause_versions=content()[:1]
    )
