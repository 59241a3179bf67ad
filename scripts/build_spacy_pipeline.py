"""Build the spaCy pipeline that Rasa's SpacyNLP loads, from spaCy's own packages.

No pretrained English model can be downloaded here, and Rasa 3.6 needs spaCy < 3.5, for which
none is on PyPI. What NLU needs from spaCy is tokens and lemmas, so the pipeline is a blank
English tokenizer plus the lookup lemmatizer, whose table ships in `spacy-lookups-data`.
It is saved to `.spacy/en_tpm_lookup` (see config.yml), and rebuilt only when missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

PIPELINE_DIR = Path(__file__).resolve().parent.parent / ".spacy" / "en_tpm_lookup"


def build(target: Path = PIPELINE_DIR) -> Path:
    """Create the pipeline, check that it lemmatizes, and save it to `target`."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    lemmas = [token.lemma_ for token in nlp("managers were earning salaries")]
    if lemmas != ["manager", "be", "earn", "salary"]:
        raise SystemExit(f"lookup lemmatizer is not working: {lemmas}")
    nlp.meta["name"] = "tpm_lookup"
    nlp.meta["description"] = "Blank English tokenizer with the lookup lemmatizer, for Rasa"
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


if __name__ == "__main__":
    written = build(Path(sys.argv[1]) if len(sys.argv) > 1 else PIPELINE_DIR)
    print(f"spaCy pipeline written to {written}")
