"""Every measured figure is written once: by the command that measured it.

docs/BENCHMARKS.md, docs/ACCURACY.md, docs/SOAK.md and docs/CAPACITY.md are written by the
commands that measure (`make benchmark`, `make accuracy`, `make soak`, `make capacity`) and are
rewritten at each run. A figure copied from one of them into the README or another hand-written
page goes stale at the next run without anyone noticing, and then the two pages disagree. So the
hand-written pages link to the report instead of repeating its figures.

This test finds every number followed by a unit of measurement (s, ms, min, MB, GB, messages/s,
%) in the README, the hand-written pages of docs/ and benchmarks/NOTES.md (which
benchmarks/run.py pastes, as it is, at the end of docs/BENCHMARKS.md), and fails unless the same
figure is in a report the page names, or the figure is allowed, with the reason
(tests/figure_allowances.py): a target or a limit, a setting, or a one-off measurement that
says when and how it was taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.figure_allowances import ALLOWED, NOTES, Allowed

ROOT = Path(__file__).resolve().parent.parent

# Each generated report and the module that writes it.
REPORTS = {
    "docs/BENCHMARKS.md": "benchmarks/run.py",
    "docs/ACCURACY.md": "benchmarks/accuracy.py",
    "docs/SOAK.md": "benchmarks/soak.py",
    "docs/CAPACITY.md": "benchmarks/capacity.py",
}
BENCHMARKS = "docs/BENCHMARKS.md"
RUN = ROOT / REPORTS[BENCHMARKS]

# A report says in its opening paragraph which command wrote it.
WRITTEN_BY = re.compile(r"\b(?:Written|Produced) by `make \w")
# Parts of a hand-written page that a command writes: `<!-- ... do not edit. -->` to
# `<!-- End of ... -->` (docs/RASA_SEAM.md's list and the gains of its speed entries).
GENERATED_BLOCK = re.compile(r"<!--[^\n]*do not edit\.\s*-->.*?<!-- End of [^\n]*?-->", re.DOTALL)
REPORT_NAME = re.compile(rf"\b({'|'.join(Path(report).stem for report in REPORTS)})\.md\b")

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
UNIT = r"messages/s|msg/s|minutes|min|seconds|ms|s|MB|GB|%"
# A number and its unit; in "25.1 / 35.9, 31.2 / 43.3 ms", "14–17 s" and "0.7 to 1 s" each
# number has the unit.
FIGURE = re.compile(
    rf"(?<![\w.,])({NUMBER}(?:(?:\s*(?:/|–|-|to)|,)\s*{NUMBER})*)\s?({UNIT})(?![\w/])"
)
SAME_UNIT = {"msg/s": "messages/s", "minutes": "min", "seconds": "s"}


@dataclass(frozen=True)
class Found:
    """One figure on a page: the number and unit as compared, where it is and its paragraph."""

    figure: tuple[str, str]
    line: int
    text: str
    block: str


def read(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def figures(text: str) -> list[tuple[tuple[str, str], int]]:
    """Each number with a unit in `text`, as (number, unit), with its offset. Thousands
    separators and the unit's spelling do not count; decimals do ("60 s" is not "60.0 s")."""
    found = []
    for match in FIGURE.finditer(text):
        unit = SAME_UNIT.get(match.group(2), match.group(2))
        for number in re.findall(NUMBER, match.group(1)):
            found.append(((number.replace(",", ""), unit), match.start()))
    return found


def figure_set(text: str) -> set[tuple[str, str]]:
    return {figure for figure, _ in figures(text)}


def shown(figure: tuple[str, str]) -> str:
    number, unit = figure
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def hand_written_pages() -> list[str]:
    pages = ["README.md", NOTES]
    pages += [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "docs").glob("*.md"))
        if str(path.relative_to(ROOT)) not in REPORTS
    ]
    return pages


def measured_text(report: str) -> str:
    """What the report's command measured and wrote. For docs/BENCHMARKS.md that ends where the
    notes begin: benchmarks/run.py writes its last heading, then that section, then `{notes}`,
    the text of benchmarks/NOTES.md (hand-written, checked here as a page of its own)."""
    text = read(report)
    if report != BENCHMARKS:
        return text
    template, found, _ = RUN.read_text(encoding="utf-8").partition("{notes}")
    assert found, f"{RUN.name} no longer pastes {NOTES} as {{notes}}; update this test"
    last_heading = re.findall(r"^## [^\n{]+$", template, re.MULTILINE)[-1]
    start = text.find(f"\n{last_heading}\n")
    assert start >= 0, f"{report} lacks {last_heading!r}, which {RUN.name} writes"
    end = text.find("\n## ", start + 1)
    return text if end < 0 else text[:end]


def reports_named(page: str, text: str) -> list[str]:
    """The reports a page links to or names; the notes are read as part of docs/BENCHMARKS.md."""
    named = {f"docs/{name}.md" for name in REPORT_NAME.findall(text)}
    if page == NOTES:
        named.add(BENCHMARKS)
    return sorted(named)


def blocks(text: str) -> list[tuple[int, str]]:
    """The paragraphs, tables, lists and code blocks of a page, with their offsets."""
    return [(m.start(), m.group()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]


def found_on(page: str) -> tuple[list[Found], set[tuple[str, str]]]:
    """The figures of a page's hand-written text, and those of the reports it names (and of
    the parts of the page a command writes)."""
    text = read(page)
    generated = GENERATED_BLOCK.findall(text)
    # Written parts are blanked, not cut, so that line numbers stay right.
    hand = GENERATED_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    known = set().union(*(figure_set(block) for block in generated))
    for report in reports_named(page, hand):
        known |= figure_set(measured_text(report))
    lines = hand.splitlines()
    found = []
    for start, block in blocks(hand):
        for figure, offset in figures(block):
            line = hand.count("\n", 0, start + offset) + 1
            found.append(Found(figure, line, lines[line - 1].strip(), block))
    return found, known


def allowed(page: str, item: Found) -> bool:
    return any(
        entry.page == page and entry.where in item.block and item.figure in allowed_figures(entry)
        for entry in ALLOWED
    )


def allowed_figures(entry: Allowed) -> set[tuple[str, str]]:
    left = FIGURE.sub("", entry.figures)
    assert not left.strip(", "), f"{left!r}, allowed on {entry.page}, is not a figure"
    return figure_set(entry.figures)


def test_reports_are_the_pages_their_commands_write() -> None:
    """Each report says which command wrote it and its module writes it; no other page of docs/
    says so, so a new report is listed here (and its figures no longer count as copies)."""
    for report, module in REPORTS.items():
        opening = read(report).split("\n## ", 1)[0]
        assert WRITTEN_BY.search(opening), f"{report} does not say which command wrote it"
        assert Path(report).name in read(module), f"{module} does not name {report}"
    for page in hand_written_pages():
        opening = read(page).split("\n## ", 1)[0]
        assert not WRITTEN_BY.search(opening), f"{page} says a command wrote it: add to REPORTS"


def test_the_notes_are_not_counted_as_measured() -> None:
    """benchmarks/NOTES.md begins with a heading, so the measured part of docs/BENCHMARKS.md
    ends where the notes pasted into it begin, and a figure of the notes never vouches for
    itself."""
    notes = read(NOTES)
    assert notes.startswith("## ")
    measured = measured_text(BENCHMARKS)
    assert notes.splitlines()[0] not in measured
    assert "| Training from scratch |" in measured


def test_hand_written_pages_repeat_no_measured_figure() -> None:
    """A figure with a unit on a hand-written page is one of the reports it names, exactly, or
    allowed with its reason (tests/figure_allowances.py); a stale copy of a report's figure
    fails here."""
    problems = []
    for page in hand_written_pages():
        found, known = found_on(page)
        for item in found:
            if item.figure not in known and not allowed(page, item):
                problems.append(
                    f"{page}:{item.line}: {shown(item.figure)} is in no report the page names "
                    f"({', '.join(reports_named(page, read(page))) or 'none'}): link to the "
                    f"report instead, or allow it with its reason\n    {item.text}"
                )
    assert problems == [], "\n".join(problems)


def test_every_allowance_is_still_needed() -> None:
    """The allow-list stays short: each entry's paragraph is on its page and gives each of its
    figures."""
    stale = []
    for entry in ALLOWED:
        found, _ = found_on(entry.page)
        there = {item.figure for item in found if entry.where in item.block}
        if not there:
            stale.append(f"{entry.page}: no paragraph with {entry.where!r}")
            continue
        for figure in sorted(allowed_figures(entry)):
            if figure not in there:
                stale.append(f"{entry.page}: {shown(figure)} no longer in {entry.where!r}")
    assert stale == [], "\n".join(stale)
