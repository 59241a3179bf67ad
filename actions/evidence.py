"""Evidence on demand and "Tell me more": both follow up the last answer.

Every answer's last message (its sources line) keeps in its metadata the verbatim passages
behind the part just shown and the parts still to come (actions/replies.py). "Where does it say
that?", "show me the source", "is that true?" or the "Show the source text" button get those
passages, each under its source's title (before any answer: which documents answers come
from); "tell me more" or its button get the next part. Both
read the conversation itself, so they work the same in every channel and after a restart, and a
part shown by "Tell me more" becomes the last answer in turn.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.dispatching import send
from actions.replies import (
    EVIDENCE_KEY,
    EVIDENCE_PAYLOAD,
    MORE_KEY,
    PART_ENTITY,
    PART_KEY,
    Message,
    answer_buttons,
    is_answer_button,
    menu_buttons,
    recorded_messages,
)
from actions.scope_notes import entity_value, frame_of, only_qualifiers, qualified_topic
from actions.slot_names import ROLE_SLOT
from actions.topic_answers import TOPIC_SLOT, answer_topic
from knowledge.loader import Knowledge, get_knowledge
from knowledge.records import MAX_MESSAGE_WORDS, word_count


def latest_answer(tracker: Tracker) -> dict[str, Any] | None:
    """The answer to follow up: the part a clicked button names, else the last one given; with
    its passages, the parts still to come and the follow-up buttons it came with."""
    wanted = next(tracker.get_latest_entity_values(PART_ENTITY), None)
    answers = [
        event
        for event in reversed(tracker.events)
        if event.get("event") == "bot"
        and isinstance((event.get("metadata") or {}).get(EVIDENCE_KEY), list)
    ]
    named = [e for e in answers if wanted and e["metadata"].get(PART_KEY) == wanted]
    chosen = (named or answers or [None])[0]
    if chosen is None:
        return None
    metadata = chosen["metadata"]
    buttons = (chosen.get("data") or {}).get("buttons") or []
    return {
        EVIDENCE_KEY: metadata[EVIDENCE_KEY],
        MORE_KEY: metadata.get(MORE_KEY) or [],
        PART_KEY: str(metadata.get(PART_KEY) or ""),
        "follow_ups": [button for button in buttons if not is_answer_button(button)],
    }


def sources_message(knowledge: Knowledge) -> dict[str, Any]:
    """The documents every answer comes from, with a few topics to ask about."""
    lines = [f"• {source.citation}, a {source.kind}" for source in knowledge.sources.values()]
    text = "\n".join([knowledge.messages["sources_intro"], *lines])
    return {"text": text, "buttons": menu_buttons(knowledge)[:3]}


def _quoted(passage: str) -> str:
    return f"“{passage}”"


def evidence_messages(knowledge: Knowledge, evidence: list[list[str]]) -> list[Message]:
    """The passages, grouped by source, each group under its source's title; a group that would
    make a message longer than a chat bubble goes on in the next message, titled again."""
    by_source: dict[str, list[str]] = {}
    for key, passage in evidence:
        if key in knowledge.sources:
            by_source.setdefault(key, []).append(passage)
    messages: list[Message] = []
    for key, passages in by_source.items():
        heading = knowledge.messages["evidence_from"].format(source=knowledge.sources[key].citation)
        lines = [heading]
        for passage in passages:
            candidate = "\n".join([*lines, _quoted(passage)])
            if len(lines) > 1 and word_count(candidate) > MAX_MESSAGE_WORDS:
                messages.append({"text": "\n".join(lines)})
                lines = [heading]
            lines.append(_quoted(passage))
        messages.append({"text": "\n".join(lines)})
    return messages


def _with_buttons(messages: list[Message], buttons: list[dict[str, str]]) -> list[Message]:
    if buttons:
        messages[-1] = {**messages[-1], "buttons": buttons}
    return messages


class ActionShowEvidence(Action):
    """Show the verbatim passages behind the last answer, each with its source's title."""

    def name(self) -> str:
        return "action_show_evidence"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        answer = latest_answer(tracker)
        messages = evidence_messages(knowledge, answer[EVIDENCE_KEY]) if answer else []
        if answer is None or not messages:
            # Nothing said yet to back up: say where answers come from instead.
            dispatcher.utter_message(**sources_message(knowledge))
            return []
        buttons = answer_buttons(
            knowledge, bool(answer[MORE_KEY]), answer["follow_ups"], answer[PART_KEY]
        )
        # The evidence is shown already: its own button would only show it again.
        buttons = [b for b in buttons if not b["payload"].startswith(EVIDENCE_PAYLOAD)]
        send(dispatcher, _with_buttons(messages, buttons))
        return []


# A follow-up asking for what holds everywhere: "and in general?", "what about generally".
IN_GENERAL = re.compile(r"\b(?:in\s+general|generally)\b", re.IGNORECASE)


class ActionTellMore(Action):
    """Give the next part of the last answer, with its sources and the same follow-ups."""

    def name(self) -> str:
        return "action_tell_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        previous = knowledge.topics.get(str(tracker.get_slot(TOPIC_SLOT)))
        frame = frame_of(tracker, from_message=True)
        text = str(tracker.latest_message.get("text") or "")
        if previous is not None and frame.qualified and only_qualifiers(text, frame):
            # "and after 10 years?" after the pay: not more of it, but the same topic asked
            # for a period, which the reply says the sources don't give.
            asked = qualified_topic(knowledge, previous, frame, text)
            return answer_topic(dispatcher, knowledge, asked, tracker.get_slot(ROLE_SLOT), frame)
        named = entity_value(tracker.latest_message, ROLE_SLOT)
        current = knowledge.find_role(tracker.get_slot(ROLE_SLOT))
        if previous is not None and named and knowledge.find_role(named) != current:
            # "tell me more about the telecom one" after the types: the same topic for the job
            # named, which says what the sources give of it, not more of the last answer.
            return answer_topic(dispatcher, knowledge, previous, named)
        if previous is not None and IN_GENERAL.search(text):
            # "and in general?" after an answer for a place or period: that answer as the
            # sources give it, with no place or period, not more of it.
            return answer_topic(dispatcher, knowledge, previous, tracker.get_slot(ROLE_SLOT))
        answer = latest_answer(tracker)
        if answer is None:
            dispatcher.utter_message(
                text=knowledge.messages["more_no_answer"], buttons=menu_buttons(knowledge)
            )
            return []
        follow_ups = answer["follow_ups"] or menu_buttons(knowledge)
        more = [page for page in answer[MORE_KEY] if isinstance(page, dict)]
        if not more:
            dispatcher.utter_message(text=knowledge.messages["more_related"], buttons=follow_ups)
            return []
        page, rest = more[0], more[1:]
        text, evidence = str(page.get("text") or ""), page.get(EVIDENCE_KEY) or []
        send(dispatcher, recorded_messages(knowledge, text, evidence, rest, answer["follow_ups"]))
        return []
