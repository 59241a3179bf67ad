"""Audit the locked environment with pip-audit and hold every finding to a written decision.

Runs pip-audit over `uv export` of uv.lock (the exact versions we ship). Each vulnerability it
reports must have a decision in docs/SECURITY.md (a table row starting with its id); one without
fails the run. Packages the vulnerability service could not look up are listed, not hidden: when
none could be audited, the run says the audit was inconclusive (see docs/SECURITY.md).

pip-audit itself needs a newer `packaging` than Rasa 3.6 allows, so it runs in its own
environment through `uv tool run`, never in the project's.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECISIONS = ROOT / "docs" / "SECURITY.md"
PIP_AUDIT = "pip-audit==2.7.3"


def locked_requirements(target: Path) -> None:
    """Write the locked versions as a requirements file."""
    exported = subprocess.run(
        [
            sys.executable,
            "-m",
            "uv",
            "export",
            "--frozen",
            "--format",
            "requirements-txt",
            "--no-hashes",
            "--no-emit-project",
            "--all-groups",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    target.write_text(exported, encoding="utf-8")


def run_pip_audit(requirements: Path, report: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "uv",
            "tool",
            "run",
            "--from",
            PIP_AUDIT,
            "pip-audit",
            "-r",
            str(requirements),
            "--no-deps",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "-f",
            "json",
            "-o",
            str(report),
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    if not report.exists():
        raise SystemExit("pip-audit wrote no report")


def decided_ids() -> set[str]:
    """Vulnerability ids that docs/SECURITY.md has a decision row for."""
    text = DECISIONS.read_text(encoding="utf-8") if DECISIONS.exists() else ""
    return set(re.findall(r"^\|\s*((?:PYSEC|GHSA|CVE|OSV)-[\w-]+)\s*\|", text, re.MULTILINE))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        report_path = Path(tmp) / "audit.json"
        locked_requirements(requirements)
        run_pip_audit(requirements, report_path)
        report = json.loads(report_path.read_text(encoding="utf-8"))

    dependencies = report.get("dependencies", [])
    skipped = [d["name"] for d in dependencies if d.get("skip_reason")]
    findings = [
        (d["name"], d["version"], v["id"]) for d in dependencies for v in d.get("vulns", [])
    ]
    decided = decided_ids()
    undecided = [f for f in findings if f[2] not in decided]

    audited = len(dependencies) - len(skipped)
    print(
        f"dependency audit: {len(dependencies)} locked packages, {audited} audited, "
        f"{len(findings)} known vulnerabilities, {len(undecided)} without a decision"
    )
    for name, version, vuln in findings:
        mark = "decided" if vuln not in undecided else "NO DECISION"
        print(f"  {vuln}: {name} {version} ({mark})")
    if skipped:
        print(f"  not audited (the vulnerability service did not know them): {len(skipped)}")
    if dependencies and audited == 0:
        print("  audit inconclusive: no package could be looked up; see docs/SECURITY.md")
    if undecided:
        print(f"FAILED: add a decision for each to {DECISIONS.relative_to(ROOT)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
