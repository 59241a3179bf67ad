"""Held-out NLU accuracy of a trained model: `python -m benchmarks.nlu_eval MODEL NLU_FILE OUT`.

Runs in its own process because it loads the model with Rasa (and TensorFlow); the benchmark
driver stays small. Intent accuracy is computed as `rasa test nlu` (and so `make test-nlu`)
computes it: a FallbackClassifier prediction is undone and the best real intent counts. The
out-of-scope figure is about what the user gets instead: a held-out `out_of_scope` request is
declined when the model says `out_of_scope` or falls below the fallback threshold, since both
lead to the same scope message.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import Any

OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
ENTITY = "role"


def role_spans(entities: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """Where the `role` entities are in the text (values differ after synonym mapping)."""
    return {(e["start"], e["end"]) for e in entities if e.get("entity") == ENTITY}


def score(examples: list[dict[str, Any]]) -> dict[str, float | int]:
    """The benchmark's NLU figures from per-example gold labels and predictions."""
    in_scope = [e for e in examples if e["gold"] != OUT_OF_SCOPE]
    out_of_scope = [e for e in examples if e["gold"] == OUT_OF_SCOPE]
    with_roles = [e for e in examples if e["gold_roles"]]
    return {
        "examples": len(examples),
        "intent_accuracy": sum(e["intent"] == e["gold"] for e in examples) / len(examples),
        "out_of_scope_accuracy": sum(
            e["answered_intent"] in {OUT_OF_SCOPE, FALLBACK} for e in out_of_scope
        )
        / len(out_of_scope),
        "out_of_scope_examples": len(out_of_scope),
        "in_scope_answered": sum(e["answered_intent"] == e["gold"] for e in in_scope)
        / len(in_scope),
        "role_exact_match": sum(e["roles"] == e["gold_roles"] for e in with_roles)
        / len(with_roles),
        "role_examples": len(with_roles),
    }


async def predict(model: Path, nlu_file: Path) -> list[dict[str, Any]]:
    """Parse every held-out example with the model, keeping both raw and undone predictions."""
    from rasa.core.agent import Agent
    from rasa.nlu.classifiers.fallback_classifier import (
        is_fallback_classifier_prediction,
        undo_fallback_prediction,
    )
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parse at debug level unless told otherwise.
    configure_structlog(logging.WARNING)
    agent = Agent.load(model)
    examples = []
    for message in load_data(str(nlu_file)).intent_examples:
        text = message.get("text")
        parsed = await agent.parse_message(text)
        answered = parsed["intent"]["name"]
        if is_fallback_classifier_prediction(parsed):
            parsed = undo_fallback_prediction(parsed)
        examples.append(
            {
                "text": text,
                "gold": message.get("intent"),
                "intent": parsed["intent"]["name"],
                "answered_intent": answered,
                # The two best real intents, for studying the fallback thresholds.
                "top_two": [
                    [i["name"], i["confidence"]] for i in parsed.get("intent_ranking", [])[:2]
                ],
                "gold_roles": sorted(role_spans(message.get("entities") or [])),
                "roles": sorted(role_spans(parsed.get("entities") or [])),
            }
        )
    return examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.nlu_eval", description=__doc__)
    parser.add_argument("model", type=Path)
    parser.add_argument("nlu_file", type=Path)
    parser.add_argument("out", type=Path, help="JSON file for the scores and predictions")
    args = parser.parse_args(argv)
    examples = asyncio.run(predict(args.model, args.nlu_file))
    result = {"scores": score(examples), "examples": examples}
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result["scores"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
