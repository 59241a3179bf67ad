"""What a reply is, recognised by its text as the knowledge file gives it.

Shared by the evaluations (benchmarks/accuracy.py, benchmarks/asked.py): an answer of a role on
a topic, the honest "don't cover", the readiness check, a decline, and the rest by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actions.replies import not_covered_messages
from knowledge.loader import Knowledge
from knowledge.records import Answer, Part

ROOT = Path(__file__).resolve().parent.parent

MAX_MESSAGES = 4
# What a reply is, judged by its first recognisable message.
ANSWER = "answer"
NOT_COVERED = "not_covered"
READINESS = "readiness"
UNKNOWN_ROLE = "unknown_role"
# The readiness check going on: one of its questions, asked for the first time or again.
IN_CHECK = "in_check"
# A subject the sources don't speak of, then the nearest answer; a service declined.
UNCOVERED = "uncovered"
SERVICE = "service"
DECLINED = {"out_of_scope", "fallback", "capabilities", SERVICE, "uncovered_unknown"}
# Replies that carry facts about a role, or start the check.
ABOUT_THE_ROLE = {ANSWER, NOT_COVERED, READINESS, UNKNOWN_ROLE, UNCOVERED}
# What an off-topic request must not get: the above, an offer of the check, or a reply this
# module does not recognise. Anything else declines it, outright ("Sorry, I can't help with
# that", DECLINED) or in passing ("stop the music" → "All right. Anything else…?").
NOT_DECLINED = ABOUT_THE_ROLE | {"offer_readiness", "other", "error"}
# What the non-topic intents of the held-out set are answered with.
EXPECTED_BY_INTENT = {
    "greet": {"greeting"},
    "ask_capabilities": {"capabilities"},
    "ask_sources": {"sources"},
    "out_of_scope": DECLINED,
    "goodbye": {"goodbye"},
    "thanks": {"thanks"},
    "bot_challenge": {"bot"},
    "stop": {"readiness_stopped"},
    "inform": {IN_CHECK},
    "ask_readiness": {READINESS},
    "hesitate": {"hesitate_nothing_offered"},
}
# Intents whose examples are sent inside the readiness check, after this message (its button).
IN_CHECK_INTENTS = {"inform", "stop"}
START_CHECK = "/ask_readiness"


def quoted(said: Answer | Part) -> set[str]:
    """The source passages an answer, or one part of it, quotes."""
    return {quote.text for sentence in said.sentences for quote in sentence.quotes}


def placeholder_free(message: str) -> str:
    """A message's words before its first {placeholder}, by which its replies are known."""
    return message.split("{", 1)[0].strip()


@dataclass(frozen=True)
class Reply:
    """What a reply was: its kind and, for answers, the role and topic it was about."""

    kind: str
    role: str | None = None
    topic: str | None = None


@dataclass
class ReplyKinds:
    """Recognises each reply the assistant can give by the text the knowledge file gives it."""

    knowledge: Knowledge
    by_text: dict[str, Reply] = field(default_factory=dict)
    # Every (role, topic) a text answers: a role the sources only name gives the same text for
    # several topics ("My sources mention the Project Scheduler only as …"), kept once in by_text.
    answered_by_text: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    by_prefix: list[tuple[str, Reply]] = field(default_factory=list)

    def __post_init__(self) -> None:
        k = self.knowledge
        for role in k.roles.values():
            for topic in k.topics.values():
                answer = role.answers.get(topic.key)
                if answer is not None:
                    text = answer.text
                    self.by_text[text] = Reply(ANSWER, role.key, topic.key)
                else:
                    text = not_covered_messages(k, role, topic)[0]["text"]
                    self.by_text[text] = Reply(NOT_COVERED, role.key, topic.key)
                self.answered_by_text.setdefault(text, set()).add((role.key, topic.key))
                # A later part ("Tell me more", "and after that?") answers the topic too.
                for part in answer.more if answer is not None else ():
                    self.answered_by_text.setdefault(part.text, set()).add((role.key, topic.key))
        self.add_same_passage_answers()
        for key in (
            "greeting",
            "capabilities",
            "out_of_scope",
            "fallback",
            "did_you_mean",
            "confirm_topic",
            "stopped",
            "offer_readiness",
            "pick_one",
            "affirm_nothing_offered",
            "deny_nothing_offered",
            "declined_offer",
            "hesitate_offered",
            "hesitate_nothing_offered",
            "readiness_stopped",
            "nothing_to_repeat",
            # "tell me more" with no answer before it asks what about; neither carries facts.
            "more_no_answer",
            "more_related",
        ):
            self.by_text[k.messages[key]] = Reply(key)
        for key, text in k.messages.items():
            if key.startswith(("readiness_ask_", "readiness_retry_", "readiness_unplaced")):
                self.by_text[text] = Reply(IN_CHECK)
        self.by_prefix += [
            (k.messages["sources_intro"], Reply("sources")),
            ("I don't know the role", Reply(UNKNOWN_ROLE)),
            # What the sources don't speak of, then what they say nearest to it (facts).
            (placeholder_free(k.messages["uncovered_subject"]), Reply(UNCOVERED)),
            # A service declined, pointing at what the assistant does.
            (placeholder_free(k.messages["uncovered_service"]), Reply(SERVICE)),
            (placeholder_free(k.messages["offer_readiness_asker"]), Reply("offer_readiness")),
        ]
        self.by_text[k.messages["offer_readiness_check"]] = Reply("offer_readiness")
        self.by_text[k.messages["uncovered_unknown"]] = Reply("uncovered_unknown")
        domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
        for name, kind in (
            ("utter_goodbye", "goodbye"),
            ("utter_you_are_welcome", "thanks"),
            ("utter_iamabot", "bot"),
        ):
            self.by_text[domain["responses"][name][0]["text"]] = Reply(kind)

    def add_same_passage_answers(self) -> None:
        """A role the sources only name is answered with the passage that answers a TPM topic:
        "My sources mention the Project Scheduler only as one of the most common employees …
        to report to a TPM" quotes what "who reports to a TPM" quotes, and says it. A reply
        whose every quote lies within one of a TPM answer's quotes answers that topic too."""
        default = self.knowledge.default_role
        theirs = {topic: quoted(answer) for topic, answer in default.answers.items()}
        for role in self.knowledge.roles.values():
            if role is default:
                continue
            for answer in role.answers.values():
                mine = quoted(answer.first)
                for topic, quotes in theirs.items():
                    if mine and all(any(q in quote for quote in quotes) for q in mine):
                        self.answered_by_text.setdefault(answer.text, set()).add(
                            (default.key, topic)
                        )

    def of(self, messages: list[dict[str, Any]]) -> Reply:
        """The kind of a whole reply: the readiness check anywhere in it, else the answer in it
        (after a note on what the sources leave out: "My sources don't speak of stress. What
        they say about working hours:"), else its first recognisable message."""
        intro = self.knowledge.messages["readiness_intro"]
        if any(intro in (m.get("text") or "") for m in messages):
            return Reply(READINESS)
        for message in messages:
            found = self.by_text.get(message.get("text") or "")
            if found is not None and found.kind in (ANSWER, NOT_COVERED):
                return found
        for message in messages:
            text = message.get("text") or ""
            if text in self.by_text:
                return self.by_text[text]
            for prefix, reply in self.by_prefix:
                if text.startswith(prefix):
                    return reply
        return Reply("other")


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
