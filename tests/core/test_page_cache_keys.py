"""The page cache keys on the query parameters a page reads, in one order: parameters a
page does not read are ignored (neither rendered into it nor given an entry of their own),
so a URL with made-up parameters cannot fill the cache (core/conditional.py)."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from clauses.filters import OverviewFilterForm
from comparison.filters import DiffFilterForm, PartyFilterForm
from core import conditional
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

OVERVIEW = "/plans/generated/"


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


@pytest.fixture
def stores(monkeypatch):
    """The keys of the pages stored in the cache, in order."""
    stored: list[str] = []
    original = conditional.cache.set

    def counted_set(key, *args, **kwargs):
        stored.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(conditional.cache, "set", counted_set)
    return stored


def rendered(response) -> bool:
    """Whether the view drew the page (a cached page renders no template)."""
    return bool(response.templates)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_unknown_parameters_render_once_and_answer_the_same_page(plan, client, stores):
    responses = [client.get(f"{OVERVIEW}?junk={n}") for n in range(20)]

    assert [r.status_code for r in responses] == [200] * 20
    assert [rendered(r) for r in responses] == [True] + [False] * 19
    assert len(stores) == 1
    assert len({r.content for r in responses}) == 1
    # The page is the one without the parameter: nothing of it shows in its links.
    assert b"junk" not in responses[0].content
    assert not rendered(client.get(OVERVIEW))
    assert client.get(OVERVIEW).content == responses[0].content


def test_the_order_of_parameters_does_not_make_another_entry(plan, client, stores):
    first = client.get(f"{OVERVIEW}?topic=military&party=generated-party-1")
    second = client.get(f"{OVERVIEW}?party=generated-party-1&topic=military")

    assert rendered(first) and not rendered(second)
    assert first.content == second.content
    assert len(stores) == 1


def test_a_repeated_parameter_keeps_the_order_of_its_values(plan, client, stores):
    client.get(f"{OVERVIEW}?stance=opposes&stance=supports")
    assert not rendered(client.get(f"{OVERVIEW}?junk=1&stance=opposes&stance=supports"))
    assert rendered(client.get(f"{OVERVIEW}?stance=supports&stance=opposes"))


@pytest.mark.parametrize(
    "query", ["topic=military", "q=clause", "page=2", "revision=1", "sort=gap", "format=json"]
)
def test_a_parameter_the_page_reads_makes_its_own_entry(plan, client, stores, query):
    plain = client.get(OVERVIEW)
    filtered = client.get(f"{OVERVIEW}?{query}")
    again = client.get(f"{OVERVIEW}?junk=1&{query}")

    assert filtered.status_code == 200
    assert rendered(plain) and (rendered(filtered) or filtered.streaming)
    assert body(again) == body(filtered)
    assert not rendered(again)


def test_an_export_ignores_unknown_parameters_and_does_not_cite_them(plan, client, stores):
    export = body(client.get(f"{OVERVIEW}?format=json&topic=military&junk=1"))
    again = body(client.get(f"{OVERVIEW}?junk=2&topic=military&format=json"))

    assert export == again
    cited = json.dumps(json.loads(export)["meta"])
    assert "topic=military" in cited and "junk" not in cited


def test_a_picture_keys_on_the_parties_it_compares(plan, client, stores):
    every = client.get("/plans/generated/convergence.svg?junk=1")
    pair = client.get("/plans/generated/convergence.svg?b=generated-party-1&a=generated-party-0")
    same_pair = client.get(
        "/plans/generated/convergence.svg?a=generated-party-0&b=generated-party-1"
    )

    assert every.content != pair.content
    assert pair.content == same_pair.content
    assert len(stores) == 2


def test_a_signed_in_reader_sees_the_page_without_unknown_parameters(plan, editor_client):
    response = editor_client.get(f"{OVERVIEW}?junk=marker&topic=military")
    assert response.status_code == 200
    assert b"marker" not in response.content
    assert b"topic=military" in response.content


def conditional_routes(patterns=None, prefix=""):
    """(route, view) for every page answered through ``conditional_page``."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from conditional_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "stamp_for"):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_cached_page_declares_the_parameters_it_reads():
    routes = dict(conditional_routes())

    assert len(routes) >= 20
    undeclared = [route for route, view in routes.items() if view.query_parameters is None]
    assert undeclared == []


@pytest.mark.parametrize(
    ("route", "reads"),
    [
        (
            "plans/<slug:plan>/",
            {*OverviewFilterForm.base_fields, "revision", "page", "format", "lang"},
        ),
        ("plans/<slug:plan>/revisions/<int:number>/", {"page", "format", "lang"}),
        (
            "plans/<slug:plan>/revisions/<int:number>/diff/",
            {*DiffFilterForm.base_fields, "page", "format", "lang"},
        ),
        (
            "plans/<slug:plan>/compare/<int:a>...<int:b>/",
            {*DiffFilterForm.base_fields, "page", "format", "lang"},
        ),
        (
            "plans/<slug:plan>/compare/",
            {"a", "b", "unchanged", "topic", "party", "direction", "lang"},
        ),
        ("plans/<slug:plan>/clauses/<slug:clause>/", {"format", "history", "lang"}),
        ("parties/<slug:party>/", {*PartyFilterForm.base_fields, "page", "format"}),
        ("plans/<slug:plan>/convergence.svg", {"a", "b", "topic"}),
        ("plans/<slug:plan>/convergence.csv", {"a", "b", "topic"}),
        ("plans/<slug:plan>/pictures/", {"a", "b", "topic", "sort"}),
        ("plans/<slug:plan>/feed/", {"since"}),
        ("plans/<slug:plan>/heatmap.svg", {"sort"}),
        ("plans/<slug:plan>/heatmap.csv", {"sort"}),
        ("plans/<slug:plan>/changes/", {"since", "page"}),
        ("plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/", {"lang"}),
        ("", set()),
    ],
)
def test_a_page_declares_its_filter_form_s_fields(route, reads):
    assert dict(conditional_routes())[route].query_parameters == frozenset(reads)
