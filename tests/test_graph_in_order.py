"""serving.graph_in_order: Rasa's graphs give the same results without dask's scheduler.

The unit tests use small graphs of Rasa's shape; the last test loads the trained model
(models/tpm.tar.gz) with Rasa's runner and with ours and compares what NLU and the dialogue
policy predict for the same messages.
"""

from __future__ import annotations

import asyncio
from typing import Any

import dask
import pytest
from rasa.core.agent import Agent
from rasa.core.channels import UserMessage
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.endpoints import EndpointConfig

from serving import graph_in_order, rasa_seam
from tests.servers import MODEL, ROOT, Stack


class Node:
    """A graph node like Rasa's: called with its needs' values, returns (name, output)."""

    def __init__(self, name: str, calls: list[str]) -> None:
        self.name = name
        self.calls = calls

    def __call__(self, *needed: Any) -> tuple[str, Any]:
        self.calls.append(self.name)
        return self.name, [self.name, *needed]


def graph(calls: list[str]) -> dict[str, Any]:
    return {
        "message": ("message", "hello"),
        "tokens": (Node("tokens", calls), "message"),
        "features": (Node("features", calls), "tokens"),
        "intent": (Node("intent", calls), "tokens", "features"),
        "entities": (Node("entities", calls), "features", "not_in_graph"),
    }


def test_targets_get_what_dask_gives_them() -> None:
    ours_calls: list[str] = []
    dasks_calls: list[str] = []
    targets = ["intent", "entities"]
    ours = graph_in_order.evaluate(graph(ours_calls), targets)
    dasks = dask.get(graph(dasks_calls), targets)
    assert ours == list(dasks)
    # The unknown key is passed on as it is, as dask does.
    assert ours[1][1][-1] == "not_in_graph"
    # Each node runs once, though two targets need `features`.
    assert sorted(ours_calls) == sorted(dasks_calls) == ["entities", "features", "intent", "tokens"]


def test_errors_propagate() -> None:
    def broken(*_: Any) -> None:
        raise ValueError("node failed")

    with pytest.raises(ValueError, match="node failed"):
        graph_in_order.evaluate({"a": (broken,)}, ["a"])


def predictions(texts: list[str], action_url: str) -> list[dict[str, Any]]:
    """What a freshly loaded model's NLU and policy make of each text, in its own conversation.

    Each conversation starts with our action_session_start, on the real action server.
    """
    agent = Agent.load(MODEL, action_endpoint=EndpointConfig(f"{action_url}/webhook"))

    async def predict_all() -> list[dict[str, Any]]:
        found = []
        for index, text in enumerate(texts):
            parsed = await agent.parse_message(text)
            tracker = await agent.processor.log_message(
                UserMessage(text, sender_id=f"in-order-{index}")
            )
            prediction = agent.processor._predict_next_with_tracker(tracker)
            found.append(
                {
                    "intent": parsed["intent"],
                    "ranking": parsed["intent_ranking"],
                    "entities": parsed["entities"],
                    "action": prediction.max_confidence_index,
                    "policy": prediction.policy_name,
                    "probabilities": prediction.probabilities,
                }
            )
        return found

    return asyncio.run(predict_all())


@pytest.mark.server
def test_the_models_graphs_predict_the_same(monkeypatch: pytest.MonkeyPatch, stack: Stack) -> None:
    examples = load_data(str(ROOT / "tests" / "nlu" / "holdout.yml")).intent_examples
    texts = [example.get("text") for example in examples][::6]
    monkeypatch.setattr(DaskGraphRunner, "run", DaskGraphRunner.run)
    rasas = predictions(texts, stack.action_url)
    rasa_seam.install("serving.graph_in_order")
    assert DaskGraphRunner.run is graph_in_order.run
    ours = predictions(texts, stack.action_url)
    assert ours == rasas
    # Not a comparison of empty results: intents, entities and actions were predicted.
    assert len({p["intent"]["name"] for p in ours}) > 5
    assert sum(bool(p["entities"]) for p in ours) > len(ours) // 4
    assert len({p["action"] for p in ours}) > 3
