"""What an analyst's browser receives from each page of a plan at its default settings: the
HTML's bytes, plain and gzipped as the app sends them, and its number of elements.

Shared by ``python -m bench`` (a table in bench/results.md) and by
tests/browser/test_page_budgets.py, which holds every page of a 500x10x50 plan to its budget
(there the elements are counted by Chromium; here by Python's HTML parser, which gives the
same count but for the elements a browser adds by itself, such as a table's ``tbody``).
"""

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.db.models import Count

from bench.config import SEARCH_COMMON, synopsis_numbers
from clauses.models import ClauseVersion, Plan

# The budget of every page at 500 x 10 x 50 (issue #14).
MAX_HTML_BYTES = 1_000_000
MAX_DOM_ELEMENTS = 20_000


@dataclass(frozen=True)
class PageSize:
    name: str
    path: str
    html_bytes: int
    gzip_bytes: int | None  # None when the response was not compressed
    elements: int


def plan_pages(plan: Plan, *, party_slug: str) -> list[tuple[str, str]]:
    """Every analyst page of ``plan`` as (name, path): the current revision, its diff, the
    whole span compared, the clause held by the most revisions and its latest wording,
    ``party_slug``'s page, a synopsis of six revisions from the first to the latest,
    and a search of the plan for a common term (reads to name the revisions and the
    clause: two queries)."""
    numbers = sorted(plan.revisions.values_list("number", flat=True))
    first, latest = numbers[0], numbers[-1]
    clause = (
        ClauseVersion.objects.filter(revision__plan=plan)
        .values("clause__slug")
        .annotate(versions=Count("pk"))
        .order_by("-versions", "clause__slug")
        .first()["clause__slug"]
    )
    base = f"/plans/{plan.slug}"
    picked = synopsis_numbers(numbers)
    synopsis = f"revisions={','.join(map(str, picked))}&base={first}"
    return [
        ("plans", "/"),
        ("overview", f"{base}/"),
        ("overview in Ukrainian", f"{base}/?lang=uk"),
        ("revision timeline", f"{base}/revisions/"),
        (f"revision r{latest}", f"{base}/revisions/{latest}/"),
        (f"diff r{latest}", f"{base}/revisions/{latest}/diff/"),
        (f"compare r{first}...r{latest}", f"{base}/compare/{first}...{latest}/"),
        ("clause", f"{base}/clauses/{clause}/"),
        (f"clause in r{latest}", f"{base}/clauses/{clause}/r{latest}/"),
        ("parties", "/parties/"),
        (f"party {party_slug}", f"/parties/{party_slug}/"),
        ("pictures", f"{base}/pictures/"),
        (f"synopsis {', '.join(f'r{n}' for n in picked)}", f"{base}/synopsis/?{synopsis}"),
        (f"search {SEARCH_COMMON!r}", f"/search/?q={SEARCH_COMMON}&plan={plan.slug}"),
    ]


class _ElementCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs):
        self.elements += 1


def count_elements(html: str) -> int:
    counter = _ElementCounter()
    counter.feed(html)
    counter.close()
    return counter.elements


def measure_pages(
    get: Callable[[str], tuple[bytes, bool]], pages: list[tuple[str, str]]
) -> list[PageSize]:
    """Each page's sizes; ``get(path)`` returns the body as received and whether it came
    gzipped."""
    sizes = []
    for name, path in pages:
        body, gzipped = get(path)
        html = gzip.decompress(body) if gzipped else body
        sizes.append(
            PageSize(
                name=name,
                path=path,
                html_bytes=len(html),
                gzip_bytes=len(body) if gzipped else None,
                elements=count_elements(html.decode("utf-8")),
            )
        )
    return sizes


def client_getter(client) -> Callable[[str], tuple[bytes, bool]]:
    """``get`` for ``measure_pages`` through a django.test.Client asking for gzip."""

    def get(path: str) -> tuple[bytes, bool]:
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return response.content, response.get("Content-Encoding") == "gzip"

    return get


def markdown(size: str, sizes: list[PageSize]) -> str:
    """The table of page sizes for bench/results.md."""

    def kb(n: int | None) -> str:
        return "–" if n is None else f"{n / 1000:,.0f} KB"

    lines = [
        f"### Page sizes at {size}",
        "",
        f"Each analyst page at its default settings, as an anonymous reader receives it (budget:"
        f" {MAX_HTML_BYTES // 1_000_000} MB of HTML, {MAX_DOM_ELEMENTS:,} elements).",
        "",
        "| page | HTML | gzipped | elements | within budget |",
        "|---|---:|---:|---:|:---:|",
    ]
    for page in sizes:
        within = page.html_bytes <= MAX_HTML_BYTES and page.elements <= MAX_DOM_ELEMENTS
        lines.append(
            f"| {page.name} | {kb(page.html_bytes)} | {kb(page.gzip_bytes)} | "
            f"{page.elements:,} | {'✓' if within else '✗'} |"
        )
    return "\n".join(lines) + "\n"
