"""The README stays a five-minute read, and its links, and the docs pages' links, lead somewhere.

The README is a newcomer's first page; the reference lives in docs/. A README that grows back
into the manual, or a link left pointing at a page or heading that moved, is caught here.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.servers import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_LIMIT_BYTES = 10_000

FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
# [text](target) and ![alt](target); the target ends at the first space or closing parenthesis.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} +(.+?) *#*$", re.MULTILINE)


def prose(markdown: str) -> str:
    """The text a reader follows links in: code blocks and inline code never hold links."""
    return INLINE_CODE.sub("", FENCED_BLOCK.sub("", markdown))


def links(markdown: str) -> list[str]:
    return LINK.findall(prose(markdown))


def is_local(target: str) -> bool:
    """Links to other sites and mail addresses are not checked: no network in the tests."""
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target)


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]|<[^>]+>", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {anchor(heading) for heading in HEADING.findall(prose(page.read_text("utf-8")))}


def broken_links(page: Path) -> list[str]:
    """Each local link of a Markdown page whose file or heading does not exist."""
    broken = []
    for target in links(page.read_text(encoding="utf-8")):
        if not is_local(target):
            continue
        path_part, _, fragment = target.partition("#")
        linked = (page.parent / path_part).resolve() if path_part else page
        if not linked.exists():
            broken.append(f"{target}: no file {linked}")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(f"{target}: no heading #{fragment} in {linked.name}")
    return broken


def linked_pages(page: Path) -> set[Path]:
    pages = set()
    for target in links(page.read_text(encoding="utf-8")):
        path_part = target.partition("#")[0]
        if is_local(target) and path_part.endswith(".md"):
            pages.add((page.parent / path_part).resolve())
    return pages


def test_readme_is_under_ten_kilobytes() -> None:
    size = len(README.read_bytes())
    assert size < README_LIMIT_BYTES, (
        f"README.md is {size} bytes; keep it under {README_LIMIT_BYTES} and move reference "
        "material to a docs/ page linked from it"
    )


def test_readme_links_resolve() -> None:
    assert broken_links(README) == []
    docs_links = [t for t in links(README.read_text(encoding="utf-8")) if t.startswith("docs/")]
    assert docs_links, "the README links no docs/ page"


def test_docs_pages_links_resolve() -> None:
    broken = {page.name: broken_links(page) for page in sorted(DOCS.glob("*.md"))}
    assert {name: found for name, found in broken.items() if found} == {}


def test_every_docs_page_is_reachable_from_the_readme() -> None:
    """A page nobody links to is a page nobody reads."""
    seen: set[Path] = set()
    to_visit = {README.resolve()}
    while to_visit:
        page = to_visit.pop()
        seen.add(page)
        to_visit |= {p for p in linked_pages(page) if p.exists() and p not in seen}
    unreached = sorted(p.name for p in DOCS.glob("*.md") if p.resolve() not in seen)
    assert unreached == []
