"""The axe-core accessibility audit, run inside a Playwright page.

axe-core is the npm package of web/package.json (a dev dependency: only the tests use it), read
from web/node_modules and evaluated in the page by Playwright, so the page server never serves it
and the page's Content-Security-Policy stays as strict as in production.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

from tests.servers import ROOT

AXE_SCRIPT = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
# axe's own scale is minor, moderate, serious, critical; the page must have none of the last two.
BLOCKING_IMPACTS = ("serious", "critical")

# Every rule axe runs by default (WCAG 2.x A and AA, and its best practices), over the whole page.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""


@cache
def axe_source(path: Path = AXE_SCRIPT) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"no axe-core at {path}: run `make install` (npm ci in web/)")
    return path.read_text(encoding="utf-8")


def violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it is now, each with its rule, impact and elements."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN_AXE)


def blocking_violations(page: Page) -> list[str]:
    """The serious and critical violations, one readable line each (empty when there are none)."""
    return [
        f"{found['impact']} {found['id']}: {found['help']} ({', '.join(found['targets'])})"
        for found in violations(page)
        if found["impact"] in BLOCKING_IMPACTS
    ]
