"""The search page: words, phrases, prefixes and exclusions over every kind of passage in
every plan and revision, its filters, results grouped by clause with the match marked
(escaped) and links to the exact revision, and clear refusals."""

import pytest

from search.query import NOTHING_TO_FIND, ONLY_STOP_WORDS, QUERY_MAX_LENGTH
from search.selectors import CLAUSES_PER_PAGE

pytestmark = pytest.mark.django_db


def found(client, **params) -> list[tuple[str, str]]:
    """(plan, clause) of every result on the page, in order."""
    response = client.get("/search/", params)
    assert response.status_code == 200, response.content.decode()[:500]
    return [(c.group.plan_slug, c.group.clause_slug) for c in response.context["clauses"]]


def html(client, **params) -> str:
    return client.get("/search/", params).content.decode()


def test_a_word_finds_clause_texts_titles_and_position_fields(client, searchable):
    assert set(found(client, q="demilitarized")) == {("framework", "dmz"), ("other-plan", "dmz")}
    assert found(client, q="Kremlin") == [("framework", "nato")]  # a source title
    assert found(client, q="enlargement") == [("framework", "nato")]  # a demand
    assert found(client, q="venue") == [("framework", "talks")]  # a clause title


def test_a_phrase_must_occur_as_written(client, searchable):
    assert found(client, q='"security guarantees"') == [("framework", "nato")]
    assert found(client, q='"guarantees security"') == []


def test_a_prefix_and_an_exclusion(client, searchable):
    assert set(found(client, q="demil*")) == {("framework", "dmz"), ("other-plan", "dmz")}
    assert found(client, q="demil* -corridor") == [("framework", "dmz")]
    assert found(client, q="zone -nato") == [("framework", "dmz")]  # r1's wording has no NATO


def test_cyrillic_accents_and_mixed_scripts(client, searchable):
    assert found(client, q="МАГАТЕ") == [("framework", "plant")]
    assert found(client, q="магатэ") == []
    assert found(client, q="нейтралитета") == [("framework", "nato")]
    assert found(client, q="Запорізька АЕС") == [("framework", "plant")]
    assert found(client, q="НАТО enlargement") == [("framework", "nato")]


def test_latin_accents_are_folded(client, searchable):
    # FTS5's remove_diacritics on SQLite, translate() in PostgreSQL's generated tsvector.
    assert found(client, q="cafe elysee") == [("framework", "talks")]
    assert found(client, q="Café Élysée") == [("framework", "talks")]
    assert found(client, q="elys*") == [("framework", "talks")]


def test_the_index_and_the_query_fold_the_same_letters():
    import importlib

    from search.query import LATIN_ACCENTED, LATIN_PLAIN, latin_folded

    migration = importlib.import_module("search.migrations.0003_latin_accents_folded")
    assert (migration.ACCENTED, migration.PLAIN) == (LATIN_ACCENTED, LATIN_PLAIN)
    assert latin_folded("Zaporizhzhia, Łódź, Café, Київ") == "Zaporizhzhia, Łodz, Cafe, Київ"


def test_results_are_grouped_by_clause_with_links_to_each_revision(client, searchable):
    response = client.get("/search/", {"q": "demilitarized", "plan": "framework"})
    (group,) = response.context["clauses"]
    kinds = {(hit.kind, hit.party_slug) for hit in group.hits}
    assert kinds == {("text", ""), ("title", ""), ("summary", "ukraine")}
    text = next(hit for hit in group.hits if hit.kind == "text")
    # The first wording, in revision 1 and in the branch 3 (r2 reworded it).
    assert [(run.first, run.last) for run in text.runs] == [(1, 1), (3, 3)]
    body = response.content.decode()
    assert 'href="/plans/framework/clauses/dmz/r1/"' in body
    assert 'href="/plans/framework/clauses/dmz/r3/"' in body
    assert "<mark>demilitarized</mark>" in body


def test_markup_in_a_passage_is_escaped_and_only_the_match_is_marked(client, searchable):
    body = html(client, q="МАГАТЕ")
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<mark>МАГАТЕ</mark>" in body
    body = html(client, q="monitors")
    assert "<b>are</b>" not in body and "&lt;b&gt;are&lt;/b&gt;" in body
    body = html(client, q="partners")
    assert "President &amp; <mark>partners</mark>" in body


def test_a_query_is_escaped_where_the_page_repeats_it(client, searchable):
    body = html(client, q='"<img src=x onerror=alert(1)>" demil*')
    assert "<img src=x" not in body


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"plan": "other-plan"}, [("other-plan", "dmz")]),
        ({"party": "ukraine"}, [("framework", "dmz")]),
        ({"party": "russia"}, []),
        ({"topic": "alliances"}, []),
        ({"kind": "title"}, [("framework", "dmz")]),
        ({"kind": "summary"}, [("framework", "dmz")]),
        ({"kind": ["title", "text"], "plan": "framework"}, [("framework", "dmz")]),
    ],
)
def test_filters(client, searchable, params, expected):
    assert found(client, q="demilitarized", **params) == expected


def test_revision_range_and_current_revision_only(client, searchable):
    # "30 km" is in r1 and in the branch r3, never in the current revision (r2).
    assert found(client, q='"30 km"') == [("framework", "dmz")]
    assert found(client, q='"30 km"', current="on") == []
    assert found(client, q='"30 km"', **{"from": 2, "to": 2}) == []
    assert found(client, q='"30 km"', **{"from": 3}) == [("framework", "dmz")]
    assert found(client, q="buffer", current="on", plan="framework") == [("framework", "dmz")]
    response = client.get("/search/", {"q": "demilitarized", "plan": "framework", "from": 2})
    (group,) = response.context["clauses"]
    assert all(run.first >= 2 for hit in group.hits for run in hit.runs)


@pytest.mark.parametrize(
    "query, message",
    [
        ("the of and", ONLY_STOP_WORDS.split("(")[0]),
        ("!!! ... ???", NOTHING_TO_FIND),
        ("x" * 2000, f"keep it to {QUERY_MAX_LENGTH} or fewer"),
        ("-nato", "only excludes words"),
    ],
)
def test_a_query_with_nothing_to_search_is_a_clear_400(client, searchable, query, message):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_bad_filter_is_a_400_naming_it(client, searchable):
    response = client.get("/search/", {"q": "zone", "plan": "nowhere"})
    assert response.status_code == 400
    assert "nowhere" in response.content.decode()
    response = client.get("/search/", {"q": "zone", "from": 3, "to": 1})
    assert response.status_code == 400


def test_without_a_query_the_page_shows_the_form(client, searchable):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_every_page_has_the_search_box(client, searchable):
    body = client.get("/plans/framework/").content.decode()
    assert 'action="/search/"' in body


def test_results_are_paginated_by_clause(client, searchable):
    from tests.factories import ClauseVersionFactory, RevisionFactory

    revision = RevisionFactory(plan__slug="many", number=1)
    for n in range(CLAUSES_PER_PAGE + 3):
        ClauseVersionFactory(revision=revision, text=f"Ceasefire monitoring point {n}.")
    first = found(client, q="ceasefire")
    second = found(client, q="ceasefire", page=2)
    assert len(first) == CLAUSES_PER_PAGE and len(second) == 3
    assert not set(first) & set(second)
    assert found(client, q="ceasefire", page=99) == second  # past the end: the last page
