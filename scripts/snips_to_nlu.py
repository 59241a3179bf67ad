"""Write data/nlu/out_of_scope_snips.yml from the Snips requests in scripts/snips/.

The Snips NLU benchmark's training requests (CC0 1.0, github.com/sonos/nlu-benchmark) are
everyday task-assistant requests: playlists, restaurants, weather, music, book ratings, creative
works, film screenings. As `out_of_scope` examples they teach the classifier what it must decline
("outlier exposure"). `--per-intent` keeps the first N requests of each Snips intent, so the data
stays small enough to train quickly; run again after changing it.

    .venv/bin/python scripts/snips_to_nlu.py [--per-intent N]
"""

from __future__ import annotations

import argparse
import csv
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "snips" / "snips_train.tsv"
TARGET = ROOT / "data" / "nlu" / "out_of_scope_snips.yml"
HEADER = """\
version: "3.1"

# Written by scripts/snips_to_nlu.py from scripts/snips/snips_train.tsv: everyday requests
# from the Snips NLU benchmark (github.com/sonos/nlu-benchmark, 2017-06 custom intent engines,
# training files; CC0 1.0), {count} of them, {per_intent} per Snips intent. They are out-of-scope
# examples, so the classifier learns what it must decline (outlier exposure). Don't edit by hand.
nlu:
  - intent: out_of_scope
    examples: |
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-intent", type=int, default=300)
    args = parser.parse_args()
    by_intent: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    with SOURCE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text = " ".join(row["text"].split())
            if any(unicodedata.category(char) == "Cc" for char in text):
                # A few requests were stored with broken encoding (control characters), which
                # YAML refuses; they are left out.
                continue
            kept = by_intent[row["intent"]]
            if text and text.casefold() not in seen and len(kept) < args.per_intent:
                seen.add(text.casefold())
                kept.append(text)
    lines = [text for texts in by_intent.values() for text in texts]
    body = "".join(f"      - {text}\n" for text in lines)
    TARGET.write_text(HEADER.format(count=len(lines), per_intent=args.per_intent) + body)
    print(f"{TARGET.relative_to(ROOT)}: {len(lines)} requests")


if __name__ == "__main__":
    main()
