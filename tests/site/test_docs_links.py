"""The README and the pages under docs/ stay a set of linked Markdown files: every relative
link resolves to a file in the repository, and the README stays a short signpost."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_MAX_LINES = 160

# [text](target) and ![alt](target), the target up to a space (before a title) or ")".
INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[^)]*)?\)")
# [label]: target, a reference definition on its own line.
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.M)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
# A code span may run over a line break, never over a blank line.
CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[^\n]|\n(?!\n))+?\1")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def links(text: str) -> list[str]:
    """Link targets of a Markdown text, leaving out code blocks and code spans."""
    prose = CODE_SPAN.sub("", FENCE.sub("", text))
    return INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose)


def relative_targets(page: Path) -> list[str]:
    """The page's links to files of the repository: no scheme (http, https, mailto ...),
    and not an anchor within the page itself."""
    targets = []
    for target in links(page.read_text(encoding="utf-8")):
        if EXTERNAL.match(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path:
            targets.append(path)
    return targets


def test_the_link_finder_sees_links_and_skips_code():
    text = (
        "See [the guide](docs/guide.md#overview), ![shot](docs/a.png), [web](https://x.org),\n"
        "[here](#layout) and `[not](a-link.md)`.\n\n[ref]: docs/api.md\n"
        "```\n[inside](code.md)\n```\n"
    )
    found = ["docs/guide.md#overview", "docs/a.png", "https://x.org", "#layout", "docs/api.md"]
    assert links(text) == found


def test_there_are_pages_to_check():
    assert README.exists()
    assert len(PAGES) > 1, "no Markdown pages under docs/"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    resolved = {target: (page.parent / target).resolve() for target in relative_targets(page)}
    missing = [
        target for target, path in resolved.items() if not path.exists() or ROOT not in path.parents
    ]
    assert not missing, f"{page.relative_to(ROOT)} links to files that do not exist: {missing}"


def test_the_readme_is_a_short_signpost():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines (at most {README_MAX_LINES}): "
        "move the detail to a page under docs/ and link it"
    )
