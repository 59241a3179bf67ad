"""Actions that say what the assistant can do: greeting, help, out of scope, fallback, sources."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.knowledge import get_knowledge
from actions.replies import menu_buttons

# Which framing message opens the reply, by the intent that led here; topic buttons follow it.
OPENING_BY_INTENT = {
    "greet": "greeting",
    "ask_capabilities": "capabilities",
    "out_of_scope": "out_of_scope",
    "nlu_fallback": "fallback",
}


class ActionShowTopics(Action):
    """Explain the assistant's scope and offer the main topics as buttons."""

    def name(self) -> str:
        return "action_show_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        knowledge = get_knowledge()
        opening = knowledge.messages[OPENING_BY_INTENT.get(intent or "", "fallback")]
        dispatcher.utter_message(text=opening, buttons=menu_buttons(knowledge))
        return []


class ActionListSources(Action):
    """Name the documents every answer comes from."""

    def name(self) -> str:
        return "action_list_sources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        lines = [f"• {source.citation}, a {source.kind}" for source in knowledge.sources.values()]
        text = "\n".join([knowledge.messages["sources_intro"], *lines])
        dispatcher.utter_message(text=text, buttons=menu_buttons(knowledge)[:3])
        return []
