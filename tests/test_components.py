"""components.diet: the quick loader gives exactly the predictions of Rasa's own loader.

Loads the trained model (models/tpm.tar.gz, from config.yml) twice, once as the Rasa server
does and once with Rasa's DIETClassifier loading, and parses held-out questions with both.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.training_data.loading import load_data

from components.diet import QuickLoadDIETClassifier
from tests.servers import MODEL, ROOT

QUICK_LOADER = "components.diet.QuickLoadDIETClassifier"


def parsed(texts: list[str]) -> list[dict[str, Any]]:
    """Intent, ranking and entities for each text, from a freshly loaded model."""
    agent = Agent.load(MODEL)

    async def parse_all() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    return [
        {
            "intent": result["intent"]["name"],
            "ranking": [(i["name"], i["confidence"]) for i in result["intent_ranking"][:5]],
            "entities": [(e["start"], e["end"], e["value"]) for e in result["entities"]],
        }
        for result in asyncio.run(parse_all())
    ]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    examples = load_data(str(ROOT / "tests" / "nlu" / "holdout.yml")).intent_examples
    return [example.get("text") for example in examples][::4]


def test_the_assistant_loads_diet_quickly() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    assert QUICK_LOADER in [component["name"] for component in config["pipeline"]]


def test_quick_loading_predicts_as_rasas_loading(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = parsed(texts)
    monkeypatch.setattr(
        QuickLoadDIETClassifier, "_load_model_class", DIETClassifier._load_model_class
    )
    rasas = parsed(texts)

    assert [p["intent"] for p in quick] == [p["intent"] for p in rasas]
    assert [p["entities"] for p in quick] == [p["entities"] for p in rasas]
    for ours, theirs in zip(quick, rasas, strict=True):
        assert [name for name, _ in ours["ranking"]] == [name for name, _ in theirs["ranking"]]
        assert [c for _, c in ours["ranking"]] == pytest.approx([c for _, c in theirs["ranking"]])
    # The entities are really there: the comparison is not between two empty lists.
    assert sum(bool(p["entities"]) for p in quick) > len(quick) // 3
