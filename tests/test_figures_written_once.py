"""Every measured figure is written once: by the command that measured it.

docs/BENCHMARKS.md, docs/ACCURACY.md, docs/SOAK.md and docs/CAPACITY.md are written by the
commands that measure (`make benchmark`, `make accuracy`, `make soak`, `make capacity`) and are
rewritten at each run. A figure copied from one of them into the README or another hand-written
page goes stale at the next run without anyone noticing, and then the two pages disagree. So the
hand-written pages link to the report instead of repeating its figures.

This test finds every number followed by a unit of measurement (s, ms, min, MB, GB, messages/s,
%) in the README, the hand-written pages of docs/ and benchmarks/NOTES.md (which
benchmarks/run.py pastes, as it is, at the end of docs/BENCHMARKS.md), and fails unless the same
figure is in a report the page names, or the figure is allowed below, with the reason: a target
or a limit, a setting, or a one-off measurement that says when and how it was taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each generated report and the module that writes it.
REPORTS = {
    "docs/BENCHMARKS.md": "benchmarks/run.py",
    "docs/ACCURACY.md": "benchmarks/accuracy.py",
    "docs/SOAK.md": "benchmarks/soak.py",
    "docs/CAPACITY.md": "benchmarks/capacity.py",
}
# Hand-written, but pasted by benchmarks/run.py at the end of docs/BENCHMARKS.md (`{notes}`).
NOTES = "benchmarks/NOTES.md"
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
class Allowed:
    """Figures a page may give that no report holds, in the paragraph, table or list that
    contains `where`, and why."""

    page: str
    where: str
    figures: str
    why: str


ALLOWED = (
    Allowed(
        NOTES,
        "| figure | before (03ad07f) | after (first run) | after (reported run) |",
        "81.2 s, 68.3 s, 6.3 s, 5.9 s, 683 MB, 16.6 ms, 20.8 ms, 27.6 ms, 31.4 ms, "
        "66.7 messages/s, 58.5 messages/s, 25.2 ms, 28.6 ms",
        "runs of 03ad07f and of the last commit on the Intel Xeon of 2026-12-05",
    ),
    Allowed(
        NOTES,
        "What it removed (profiled on this machine, November 2026)",
        "23 MB, 1 MB, 46%, 2 s, 70 MB, 20 ms, 8%, 2%, 7%, 310 ms",
        "py-spy profiles of the Rasa server taken for each change, dated in the table's heading",
    ),
    Allowed(
        NOTES,
        "| figure | before (two runs) | after (the run reported in 9265be2;",
        "90.6 s, 97.3 s, 95.9 s, 101.4 s, 90.4 s, 8.5 s, 7.4 s, 7.6 s, 10.2 s, 8.1 s, "
        "654 MB, 735 MB, 725 MB, 734 MB, "
        "28.8 / 38.7 ms, 22.0 / 33.9 ms, 28.2 / 37.7 ms, 25.1 / 35.9 ms, 31.2 / 43.3 ms",
        "what spaCy costs: runs of 2026-12-03 before (64e06d5) and after the change, compared "
        "with each other, as the paragraph above the table says",
    ),
    Allowed(
        NOTES,
        "| Role names compared with rapidfuzz first |",
        "10%, 1.7 s",
        "a py-spy profile of `rasa train` and the masking timed before and after, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| GELU with a float32 rational approximation of erf |",
        "30%",
        "a py-spy profile of the sentence encoder, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| Training texts batched by token count |",
        "41%, 2%, 13.5–15.4 s, 9.5–10.3 s",
        "the padding counted and the encoder's CPU time in three rounds each way, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| figure | before (1e269c2) | after |",
        "99.1 s, 100.7 s, 7.7 s, 8.3 s, 731 MB, 40.0 ms, 37.9 ms",
        "runs of the morning of 2026-12-04 before (1e269c2) and after that work, compared with "
        "each other, as the paragraph above the table says",
    ),
    Allowed(
        NOTES,
        "| figure | before (97d90b0) | after |",
        "71.0 s, 5.6 s, 768 MB, 29.3 ms, 60.3 s, 6.5 s, 769 MB, 29.2 ms",
        "the run of 97d90b0 in a clean clone, and the run after it reported in 5b906c3, on the "
        "AMD EPYC of the afternoon of 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| The heap's freed memory given back after loading |",
        "796 MB, 737 MB, 813 MB, 759 MB",
        "the server's VmRSS read before and after the trim, and `make benchmark` before and "
        "after the change on the same machine, 2026-12-04",
    ),
    Allowed(
        NOTES,
        "| figure | before (97b1add) | after (first run) | after (reported run) |",
        "52.8 s, 4.7 s, 813 MB, 16.8 ms, 53.4 s, 4.5 s, 18.1 ms",
        "the session's first run (97b1add) and the first of two runs at the last commit, on "
        "the Intel Xeon of the evening of 2026-12-04",
    ),
    Allowed(
        NOTES,
        "Memory is 62 MB lower",
        "62 MB, 1.5 ms, 18 ms",
        "the differences of the table above it, and the target",
    ),
    Allowed(
        NOTES,
        "Training is 11 s shorter",
        "11 s, 30 s, 15 s, 16 s, 1.6 s",
        "the difference of the table above, a py-spy profile of `rasa train` on 2026-12-04, and "
        "the spread of the cold starts the table shows",
    ),
    Allowed(
        NOTES,
        "What it costs: about 80 MB of memory",
        "80 MB, 43 ms",
        "the difference the table above it measured, and an earlier run of the change in it",
    ),
    Allowed(
        NOTES,
        "**Training with the current NLU (target 60 s).**",
        "60 s, 133 s, 14–17 s, 11–13 s, 3 s, 1 s",
        "the training target; the first version's training time; the parts of training timed "
        "apart on 2026-11-29",
    ),
    Allowed(
        NOTES,
        "- The second model was a regression on the n-grams",
        "30 s, 1 s",
        "the two versions of the second model, timed apart on 2026-11-29",
    ),
    Allowed(
        NOTES,
        "**Training (target 45 s).**",
        "45 s, 42 s, 13 s, 19 to 26 s, 0.7 to 1 s, 93.1%, 95.4%, 93.7%, 92.1%, 86%",
        "the previous NLU (DIET): its target then, and py-spy profiles and trials of 2026-11-22",
    ),
    Allowed(
        NOTES,
        "Profiled again on the machine of that run",
        "63%, 37%, 41 s, 144 s, 1.2 s, 7%",
        "a py-spy profile of DIET's training, 2026-11-22",
    ),
    Allowed(
        NOTES,
        "**Throughput at 16 concurrent conversations (target 100 messages/s).**",
        "100 messages/s, 1000 ms, 43%, 27%, 13%, 12%, 23%, 20%, 11%, 9%, 4%",
        "the target; 1000 ms in a second; a py-spy profile under load with DIET, 2026-11-22",
    ),
    Allowed(
        "docs/PERFORMANCE.md",
        "memory growing less than 10%, the last tenth's p95 within 20%",
        "10%, 20%",
        "the soak's targets (benchmarks/soak.py)",
    ),
    Allowed(
        "docs/PERFORMANCE.md",
        "A session ends after 25 turns as well as after 60 minutes of silence",
        "60 minutes",
        "a setting: the session's idle timeout",
    ),
    Allowed(
        "docs/TESTING.md",
        "`scripts/check_nlu_report.py` fails the run",
        "95%",
        "the floor make test holds held-out intent accuracy to",
    ),
    Allowed(
        "docs/SECURITY.md",
        "| Slack webhook |",
        "5 min",
        "a limit: how old a Slack request's timestamp may be",
    ),
    Allowed(
        "docs/RASA_SEAM.md",
        "An entry kept only for speed must pay for itself",
        "5%",
        "the floor an entry's gain is held to (GAIN_FLOOR in benchmarks/seam_gains.py)",
    ),
    Allowed(
        "docs/RASA_SEAM.md",
        "kept only while it pays for itself: at least 5%",
        "5%",
        "the same floor, in the page's introduction",
    ),
    Allowed(
        NOTES,
        "Three changes of this kind were removed in December 2026",
        "5%",
        "the same floor, where the notes say which changes were removed",
    ),
    Allowed(
        "docs/RASA_SEAM.md",
        "The last three were kept only for speed. Measured at commit 9da5850",
        "6%, 5%, 49%, 32%, 9%",
        "the run at 9da5850 that measured the removed entries: their code is gone, so no "
        "later report can hold them",
    ),
    Allowed(
        NOTES,
        "| figure | before (97b1add) | after (first run) | after (reported run) |",
        "52.2 s, 4.4 s, 751 MB, 18.5 ms",
        "the reported run of an earlier session, on an Intel Xeon; docs/BENCHMARKS.md now "
        "holds a later run on another machine",
    ),
)


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
    allowed above with its reason; a stale copy of a report's figure fails here."""
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
