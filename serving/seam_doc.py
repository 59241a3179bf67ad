"""docs/RASA_SEAM.md's list, written from serving.rasa_seam so the two never disagree.

`python -m serving.seam_doc` rewrites the part of docs/RASA_SEAM.md between the two markers;
tests/test_rasa_seam.py fails while the file differs from what this would write.
"""

from __future__ import annotations

from pathlib import Path

from serving.rasa_seam import SEAM, TESTED_VERSIONS

DOC = Path(__file__).resolve().parent.parent / "docs" / "RASA_SEAM.md"
BEGIN = "<!-- Written by `python -m serving.seam_doc` from serving/rasa_seam.py; do not edit. -->"
END = "<!-- End of the written list. -->"


def cell(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def written_list() -> str:
    """The tested versions and the seam's entries, as Markdown tables."""
    lines = ["| Package | Tested version |", "| --- | --- |"]
    lines += [f"| {package} | {version} |" for package, version in TESTED_VERSIONS.items()]
    lines += [
        "",
        "| Their name | How | Ours | Why | Proven by | Versions checked by |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in SEAM:
        lines.append(
            f"| `{cell(entry.name)}` | {entry.how} | `{cell(entry.ours)}` | {cell(entry.why)} "
            f"| `{cell(entry.proof)}` | {entry.process} |"
        )
    return "\n".join(lines)


def rewritten(document: str) -> str:
    """`document` with the part between the markers replaced by the written list."""
    head, _, rest = document.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{written_list()}\n{END}{tail}"


if __name__ == "__main__":
    DOC.write_text(rewritten(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {DOC}")
