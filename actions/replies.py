"""Turn knowledge into the messages the assistant sends: answer, sources line, buttons.

Kept apart from the actions so that every channel gets the same wording and the same buttons,
and so the wording can be tested without a dialogue.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from knowledge.loader import Answer, Knowledge, Part, Quote, Role, Source, Topic
from knowledge.message_fields import DISPLAY_KEY, FOOTNOTE

Message = dict[str, Any]

MAX_FOLLOW_UPS = 3
# An echoed role name is user text: keep it short so a pasted essay is not repeated back.
MAX_ECHOED_MENTION = 60
# Metadata of the last message of an answer (its sources line): the passages behind the part
# just shown, as [source key, passage] pairs, for "where does it say that?"; and the parts still
# to come, each {"text": ..., "evidence": [...]}, for "Tell me more" (actions/evidence.py).
EVIDENCE_KEY = "evidence"
MORE_KEY = "more"
# What the two buttons under an answer send; the intents are answered from that metadata.
TELL_MORE_PAYLOAD = "/tell_more"
EVIDENCE_PAYLOAD = "/ask_evidence"
ANSWER_PAYLOADS = (TELL_MORE_PAYLOAD, EVIDENCE_PAYLOAD)
# Each part shown gets an id (PART_KEY in its metadata), which its two buttons carry as the
# entity PART_ENTITY: a button clicked under an older answer (Slack keeps them) follows up that
# answer, not the latest one. Typed, the two questions follow up the latest answer.
PART_KEY = "part"
PART_ENTITY = "answer_part"


def is_answer_button(button: dict[str, Any]) -> bool:
    """Whether a button is "Tell me more" or "Show the source text", whatever part it names."""
    return str(button.get("payload") or "").split("{")[0] in ANSWER_PAYLOADS


def part_id(text: str, evidence: list[list[str]], more: list[dict[str, Any]]) -> str:
    """A short id for a part shown: the same part, said again, gets the same id."""
    content = json.dumps([text, evidence, more], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


def evidence_record(quotes: Iterable[Quote]) -> list[list[str]]:
    """The passages behind a message, as its metadata keeps them: [source key, passage]."""
    return [[quote.source.key, quote.text] for quote in dict.fromkeys(quotes)]


def page_record(text: str, quotes: Iterable[Quote]) -> dict[str, Any]:
    """One part still to come, with the passages behind it."""
    return {"text": text, EVIDENCE_KEY: evidence_record(quotes)}


def record_sources(knowledge: Knowledge, evidence: list[list[str]]) -> tuple[Source, ...]:
    """The sources an evidence record names that the knowledge file still has."""
    keys = dict.fromkeys(key for key, _ in evidence)
    return tuple(knowledge.sources[key] for key in keys if key in knowledge.sources)


def answer_buttons(
    knowledge: Knowledge, has_more: bool, follow_ups: list[dict[str, str]], part: str
) -> list[dict[str, str]]:
    """ "Tell me more" while parts remain, "Show the source text", then the follow-ups; the
    first two name the part they follow up."""
    messages = knowledge.messages
    named = json.dumps({PART_ENTITY: part}, separators=(",", ":"))
    more = {"title": messages["tell_more_button"], "payload": TELL_MORE_PAYLOAD + named}
    evidence = {"title": messages["evidence_button"], "payload": EVIDENCE_PAYLOAD + named}
    return [*([more] if has_more else []), evidence, *follow_ups]


def sourced_messages(
    knowledge: Knowledge,
    first: Part,
    more: tuple[Part, ...],
    follow_ups: list[dict[str, str]],
) -> list[Message]:
    """A part of an answer, then its sources line carrying the buttons and the answer's record."""
    return paged_messages(
        knowledge,
        first.text,
        first.quotes,
        [page_record(part.text, part.quotes) for part in more],
        follow_ups,
    )


def paged_messages(
    knowledge: Knowledge,
    text: str,
    quotes: tuple[Quote, ...],
    more: list[dict[str, Any]],
    follow_ups: list[dict[str, str]],
) -> list[Message]:
    """`text`, then the line naming its sources with the buttons; the line's metadata keeps the
    passages behind `text` and the parts still to come."""
    return recorded_messages(knowledge, text, evidence_record(quotes), more, follow_ups)


def recorded_messages(
    knowledge: Knowledge,
    text: str,
    evidence: list[list[str]],
    more: list[dict[str, Any]],
    follow_ups: list[dict[str, str]],
) -> list[Message]:
    """paged_messages with the passages already as the metadata keeps them."""
    part = part_id(text, evidence, more)
    return [
        {"text": text},
        {
            "text": sources_line(record_sources(knowledge, evidence)),
            "buttons": answer_buttons(knowledge, bool(more), follow_ups, part),
            # Marked as the answer's footnote (knowledge/message_fields.py), so that a channel
            # can show it as one, whatever its wording.
            DISPLAY_KEY: FOOTNOTE,
            EVIDENCE_KEY: evidence,
            MORE_KEY: more,
            PART_KEY: part,
        },
    ]


def sources_line(sources: tuple[Source, ...]) -> str:
    """The short line under every answer that says where it comes from."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: " + "; ".join(source.citation for source in sources)


def topic_button(topic: Topic, role: Role) -> dict[str, str]:
    """A button that asks `topic` about `role`, worded as the question a user would type.

    The payload names the role, so a click means the same thing whatever the conversation's
    current role is; the role is checked against the knowledge file like any typed one.
    """
    payload = "/" + topic.intent + json.dumps({"role": role.aliases[0]}, separators=(",", ":"))
    return {"title": topic.button.format(role=role.called), "payload": payload}


def follow_up_buttons(knowledge: Knowledge, role: Role, topic: Topic) -> list[dict[str, str]]:
    """Two or three next questions the sources can answer for this role."""
    covered = [key for key in knowledge.topics if key in role.answers and key != topic.key]
    wanted = dict.fromkeys((*topic.more_in, *topic.follow_ups))
    preferred = [key for key in wanted if key in covered]
    chosen = (preferred + [key for key in covered if key not in preferred])[:MAX_FOLLOW_UPS]
    buttons = [topic_button(knowledge.topics[key], role) for key in chosen]
    if len(buttons) < 2 and role is not knowledge.default_role:
        extra = knowledge.topics[knowledge.special_topics.when_few_follow_ups]
        buttons.append(topic_button(extra, knowledge.default_role))
    return buttons


def answer_messages(
    knowledge: Knowledge, role: Role, topic: Topic, answer: Answer
) -> list[Message]:
    """The direct answer, then its sources with "Tell me more" (when there is more), "Show the
    source text" and follow-up questions as buttons."""
    follow_ups = follow_up_buttons(knowledge, role, topic)
    return sourced_messages(knowledge, answer.first, answer.more, follow_ups)


def answer_buttons_for(
    knowledge: Knowledge, role: Role, topic: Topic, answer: Answer
) -> list[dict[str, str]]:
    """The buttons under `answer`'s direct reply, as answer_messages gives them."""
    return answer_messages(knowledge, role, topic, answer)[-1]["buttons"]


def not_covered_messages(knowledge: Knowledge, role: Role, topic: Topic) -> list[Message]:
    """An honest gap: the sources say nothing on this topic for this role, so we don't guess.

    Where they do cover a close topic for the role (the topic's `close` list), that answer
    follows, introduced as what it is.
    """
    closest = next((key for key in topic.close if key in role.answers), None)
    if closest is not None:
        close_topic = knowledge.topics[closest]
        text = knowledge.messages["not_covered_close"].format(
            topic=topic.in_a_sentence, role=role.called, close=close_topic.in_a_sentence
        )
        answer = answer_messages(knowledge, role, close_topic, role.answers[closest])
        return [{"text": text}, *answer]
    covered = [knowledge.topics[key] for key in knowledge.topics if key in role.answers]
    buttons = [topic_button(other, role) for other in covered[:2]]
    default = knowledge.default_role
    if role is not default and topic.key in default.answers:
        buttons.append(topic_button(topic, default))
    covered_titles = ", ".join(t.in_a_sentence for t in covered)
    text = knowledge.messages["not_covered"].format(
        topic=topic.in_a_sentence, role=role.called, name=role.name, covered=covered_titles
    )
    return [{"text": text, "buttons": buttons}]


def unknown_role_messages(knowledge: Knowledge, mention: str, topic: Topic | None) -> list[Message]:
    """Say plainly that a role is not in the knowledge file, and offer the roles that are; a
    job the sources mention in passing gets what they say of it, with its source."""
    default = knowledge.default_role
    wanted = [topic] if topic is not None and topic.key in default.answers else []
    wanted += [knowledge.topics[key] for key in knowledge.special_topics.after_unknown_role]
    buttons = [topic_button(t, default) for t in dict.fromkeys(wanted)][:MAX_FOLLOW_UPS]
    job = knowledge.uncovered.mentioned_job(mention)
    if job is not None and job.topic is not None:
        # "is going consultant a realistic move": what the sources say of the step, whole.
        step = knowledge.topics[job.topic]
        intro = knowledge.messages["mentioned_topic"].format(
            job=job.called, topic=step.in_a_sentence
        )
        answer = answer_messages(knowledge, default, step, default.answers[job.topic])
        return [{"text": intro}, *answer]
    if job is not None:
        intro = knowledge.messages["mentioned_only"].format(job=job.called)
        return paged_messages(knowledge, f"{intro} {job.says.text}", job.says.quotes, [], buttons)
    shown = " ".join(mention.split())
    if len(shown) > MAX_ECHOED_MENTION:
        shown = shown[: MAX_ECHOED_MENTION - 1] + "…"
    # The types of TPM are TPMs: the roles worth naming are the ones the sources describe.
    known = ", ".join(role.name for role in knowledge.roles.values() if role.kind_of is None)
    text = knowledge.messages["unknown_role"].format(role=shown, roles=known)
    return [{"text": text, "buttons": buttons}]


def menu_buttons(knowledge: Knowledge) -> list[dict[str, str]]:
    """The topics offered when a conversation starts or a question can't be answered."""
    return [topic_button(knowledge.topics[key], knowledge.default_role) for key in knowledge.menu]
