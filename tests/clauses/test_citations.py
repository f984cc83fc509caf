"""Cite: every clause version, revision and position as plain text, BibTeX and CSL-JSON,
with its permalink, its revision's fingerprint and the day it was accessed; the pure
formatter first, then the pages and their JSON."""

import datetime
import json

import pytest
from django.urls import reverse

from clauses.citations import Citable, bibtex, bibtex_key, csl_json, formatted, plain_text
from clauses.selectors import revision_get
from clauses.services import position_save
from clauses.services.fingerprints import fingerprints_refresh

ACCESSED = datetime.date(2026, 12, 7)
FINGERPRINT = "ab" * 32
HOSTILE = "O'Brien } @misc{x, title={evil} % <script>alert(1)</script> & _ ^ ~ \\"


def citable(**changes) -> Citable:
    fields = {
        "kind": "position",
        "key": "ukraine-peace-framework-r2-demilitarized-zone-ukraine",
        "title": "Position on Demilitarized zone (point 1)",
        "container": "Peace framework for Ukraine",
        "url": "https://example.org/plans/p/clauses/c/r2/#position-ukraine",
        "accessed": ACCESSED,
        "author": "Ukraine",
        "issued": datetime.date(2025, 12, 2),
        "revision": "r2: Joint framework",
        "fingerprint": FINGERPRINT,
        "publisher": "Peace-plan clause tracker",
        "note": "Stance: conditional",
    }
    return Citable(**{**fields, **changes})


def test_plain_text_names_everything_a_reader_needs():
    assert plain_text(citable()) == (
        "Ukraine. “Position on Demilitarized zone (point 1)”. In: Peace framework for "
        "Ukraine, r2: Joint framework. 2025-12-02. Stance: conditional. Peace-plan clause "
        "tracker. https://example.org/plans/p/clauses/c/r2/#position-ukraine. Revision "
        f"fingerprint (SHA-256): {FINGERPRINT}. Accessed 2026-12-07."
    )


def test_plain_text_leaves_out_what_is_not_known():
    text = plain_text(citable(author="", issued=None, fingerprint="", note=""))
    assert text.startswith("“Position on")
    assert "fingerprint" not in text and "2025" not in text
    assert text.endswith("Accessed 2026-12-07.")


def test_bibtex_is_a_misc_entry_with_url_date_and_fingerprint():
    entry = bibtex(citable())
    assert entry.startswith("@misc{ukraine-peace-framework-r2-demilitarized-zone-ukraine,\n")
    assert "  author = {{Ukraine}},\n" in entry  # a corporate author, never split
    assert "  url = {https://example.org/plans/p/clauses/c/r2/#position-ukraine},\n" in entry
    assert "  urldate = {2026-12-07},\n" in entry
    assert "  date = {2025-12-02},\n" in entry and "  year = {2025},\n" in entry
    assert f"revision fingerprint SHA-256 {FINGERPRINT}" in entry
    assert entry.endswith("\n}")


def test_bibtex_escapes_what_would_break_the_entry():
    entry = bibtex(citable(title=HOSTILE, author=HOSTILE))
    title = next(line for line in entry.splitlines() if line.startswith("  title"))
    # Every brace in the value is escaped: the field's braces still balance.
    unescaped = title.replace("\\{", "").replace("\\}", "").replace("{}", "")
    assert unescaped.count("{") == unescaped.count("}") == 1
    assert "\\%" in title and "\\&" in title and "\\_" in title
    assert "\\textbackslash{}" in title


def test_bibtex_keys_are_ascii():
    assert bibtex_key("план-r1-Україна é") == "r1-e"
    assert bibtex_key("план") == "citation"


def test_csl_json_is_one_item_of_the_schema():
    item = csl_json(citable())
    assert item == {
        "id": "ukraine-peace-framework-r2-demilitarized-zone-ukraine",
        "type": "document",
        "title": "Position on Demilitarized zone (point 1)",
        "URL": "https://example.org/plans/p/clauses/c/r2/#position-ukraine",
        "accessed": {"date-parts": [[2026, 12, 7]]},
        "author": [{"literal": "Ukraine"}],
        "container-title": "Peace framework for Ukraine",
        "publisher": "Peace-plan clause tracker",
        "issued": {"date-parts": [[2025, 12, 2]]},
        "version": "r2: Joint framework",
        "note": f"Stance: conditional; revision fingerprint SHA-256 {FINGERPRINT}",
    }
    json.dumps(item)  # plain data


def test_a_source_can_be_cited_with_the_same_formatter():
    """A stored source needs only a Citable of its own."""
    source = citable(kind="source", fingerprint="", revision="", note="", author="Reuters")
    assert csl_json(source)["type"] == "article-newspaper"
    assert formatted(source)["fingerprint"] is None


# The pages.


@pytest.fixture
def cited(plan):
    revision = revision_get(plan_slug="framework", number=1)
    fingerprints_refresh(revision_ids=[revision.pk])
    version = revision.clause_versions.select_related("clause").order_by("position_in_draft")[0]
    return revision, version


def _urls(version):
    clause, number = version.clause.slug, version.revision.number
    return {
        "revision": reverse("clauses:revision_cite", kwargs={"plan": "framework", "number": 1}),
        "clause_version": reverse(
            "clauses:clause_version_cite",
            kwargs={"plan": "framework", "clause": clause, "number": number},
        ),
        "position": reverse(
            "clauses:position_cite",
            kwargs={"plan": "framework", "clause": clause, "number": number, "party": "ukraine"},
        ),
    }


@pytest.mark.django_db
def test_every_cite_page_gives_the_three_formats_and_the_same_as_json(client, cited):
    revision, version = cited
    revision.refresh_from_db()
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    for kind, url in _urls(version).items():
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        for heading in ("Plain text", "BibTeX", "CSL-JSON"):
            assert f">{heading}</h2>" in html
        data = client.get(url, {"format": "json"}).json()
        assert data["kind"] == kind
        assert data["accessed"] == today
        assert data["fingerprint"] == revision.fingerprint and revision.fingerprint
        assert data["url"].startswith("http://testserver/plans/framework/")
        assert data["url"] in data["text"] and data["url"] in data["bibtex"]
        assert data["csl_json"]["URL"] == data["url"]
        assert revision.fingerprint in html


@pytest.mark.django_db
def test_a_position_is_cited_with_its_party_as_author(client, cited, editor):
    _, version = cited
    position = version.positions.select_related("party").get(party__slug="ukraine")
    position_save(
        clause_version=version,
        party=position.party,
        expected_version=position.version,
        values={"stated_on": datetime.date(2025, 12, 2)},
        user=editor,
        summary="Day of the statement",
    )
    data = client.get(_urls(version)["position"], {"format": "json"}).json()
    assert data["csl_json"]["author"] == [{"literal": "Ukraine"}]
    assert data["csl_json"]["issued"] == {"date-parts": [[2025, 12, 2]]}
    assert data["url"].endswith("/r1/#position-ukraine")


@pytest.mark.django_db
def test_missing_records_and_bad_formats_answer_clearly(client, cited):
    _, version = cited
    assert client.get("/plans/framework/revisions/99/cite/").status_code == 404
    assert client.get("/plans/framework/clauses/nothing/r1/cite/").status_code == 404
    assert client.get(_urls(version)["position"].replace("ukraine", "nobody")).status_code == 404
    refused = client.get(_urls(version)["revision"], {"format": "xml"})
    assert refused.status_code == 400 and b"format" in refused.content


@pytest.mark.django_db
def test_the_pages_link_to_their_citations(client, cited):
    _, version = cited
    urls = _urls(version)
    revision_page = client.get("/plans/framework/revisions/1/").content.decode()
    assert f'href="{urls["revision"]}"' in revision_page
    assert f'href="{urls["clause_version"]}"' in revision_page
    assert f'href="{urls["position"]}"' in revision_page
    version_page = client.get(version.get_absolute_url()).content.decode()
    assert f'href="{urls["clause_version"]}"' in version_page
    assert f'href="{urls["position"]}"' in version_page
