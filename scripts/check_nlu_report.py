"""Fail when the held-out NLU accuracy in a `rasa test nlu` report is below a threshold.

`rasa test nlu` reports accuracy but always exits 0; this turns the figure into a verdict.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", type=Path, help="intent_report.json written by rasa test nlu")
    parser.add_argument("--min-accuracy", type=float, required=True)
    args = parser.parse_args(argv)

    report = json.loads(args.report.read_text(encoding="utf-8"))
    accuracy = float(report["accuracy"])
    weak = sorted(
        (name, scores["f1-score"], scores["support"])
        for name, scores in report.items()
        if isinstance(scores, dict)
        and "support" in scores
        and name not in {"macro avg", "weighted avg", "micro avg"}
        and scores["f1-score"] < 0.9
    )
    print(f"held-out intent accuracy: {accuracy:.3f} (required: {args.min_accuracy:.3f})")
    for name, f1, support in weak:
        print(f"  weak intent: {name} f1={f1:.2f} over {support} examples")
    if accuracy < args.min_accuracy:
        print("FAILED: held-out intent accuracy is below the required minimum", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
