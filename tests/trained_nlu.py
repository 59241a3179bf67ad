"""The trained model's NLU, run in-process: what the Rasa server would make of a message."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.agent import Agent


def parsed(agent: Agent, text: str) -> dict[str, Any]:
    return asyncio.run(agent.parse_message(text))


def entities(agent: Agent, text: str) -> dict[str, str]:
    """Each entity of the message by kind; none may be given twice (a slot takes one value)."""
    found = parsed(agent, text)["entities"]
    kinds = [e["entity"] for e in found]
    assert len(kinds) == len(set(kinds)), f"an entity given twice: {found}"
    return {e["entity"]: e["value"] for e in found}


def first_reading(agent: Agent, text: str) -> str:
    """The intent ranked first, leaving aside Rasa's fallback, which only says NLU is unsure."""
    ranking = [guess["name"] for guess in parsed(agent, text)["intent_ranking"]]
    return [name for name in ranking if name != "nlu_fallback"][0]
