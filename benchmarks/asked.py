"""Whether the reply answers the question asked: the blind set of tests/nlu/blind_asked.yml.

Its messages and short conversations were written blind (by someone who saw only the two
sources, the topic list and who would ask) around the ways a reply can answer a nearby question
instead of the one asked: the asker's own job taken for the one asked about, a job the sources
don't describe, a place, period or seniority they don't cover, a question they answer only
across topics, a subject they never speak of, a service the assistant doesn't offer, and
hesitation read as "yes". Each turn says what a right reply does (`expect`), which is judged by
the reply's text, as the knowledge file gives it:

- `answer: [topics]` (about `role`, the TPM unless named): one of its messages is that topic's
  answer (or the honest "my sources don't cover …" for a covered role); `readiness` is the check
  started, offered or going on (its next question asked), or offered as the first button after
  declining a service ("Sorry, I can't look over a CV …"). A question the sources answer
  only across topics (kind `cross_topic`) is also right with the `outlook` answer, the topic
  that draws them together;
- `not_covered: {what, named}`: the reply says plainly what the sources leave out: for a place,
  period or seniority, "My sources give no figure …" or "… don't speak of … in particular" (for
  a currency, "Sorry, I can't convert pay into euros: my sources give no figure in it"); for
  a job, "I don't know the role" or "My sources don't describe"; for a subject, "My sources don't
  speak of"; for a service, "Sorry, I can't". With `answer` too, both must hold;
- `not_agreement`: the reply neither starts what was offered nor says "Good!" as to a yes.

Every reply is also checked for figures: each amount or percentage in it must be in a source.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from benchmarks.reply_kinds import ReplyKinds, markdown_table
from benchmarks.reply_kinds import placeholder_free as prefix
from knowledge.loader import Knowledge

ROOT = Path(__file__).resolve().parent.parent
ASKED = ROOT / "tests" / "nlu" / "blind_asked.yml"
ASKED_2 = ROOT / "tests" / "nlu" / "blind_asked_2.yml"
ASKED_3 = ROOT / "tests" / "nlu" / "blind_asked_3.yml"
ASKED_4 = ROOT / "tests" / "nlu" / "blind_asked_4.yml"
ASKED_5 = ROOT / "tests" / "nlu" / "blind_asked_5.yml"
ASKED_6 = ROOT / "tests" / "nlu" / "blind_asked_6.yml"
ASKED_7 = ROOT / "tests" / "nlu" / "blind_asked_7.yml"
ASKED_8 = ROOT / "tests" / "nlu" / "blind_asked_8.yml"
ASKED_9 = ROOT / "tests" / "nlu" / "blind_asked_9.yml"
ASKED_10 = ROOT / "tests" / "nlu" / "blind_asked_10.yml"
ASKED_11 = ROOT / "tests" / "nlu" / "blind_asked_11.yml"
ASKED_12 = ROOT / "tests" / "nlu" / "blind_asked_12.yml"
ASKED_13 = ROOT / "tests" / "nlu" / "blind_asked_13.yml"
ASKED_14 = ROOT / "tests" / "nlu" / "blind_asked_14.yml"
ASKED_15 = ROOT / "tests" / "nlu" / "blind_asked_15.yml"
ASKED_16 = ROOT / "tests" / "nlu" / "blind_asked_16.yml"
ASKED_17 = ROOT / "tests" / "nlu" / "blind_asked_17.yml"
ASKED_18 = ROOT / "tests" / "nlu" / "blind_asked_18.yml"
ASKED_19 = ROOT / "tests" / "nlu" / "blind_asked_19.yml"
ASKED_20 = ROOT / "tests" / "nlu" / "blind_asked_20.yml"
ASKED_21 = ROOT / "tests" / "nlu" / "blind_asked_21.yml"
ASKED_22 = ROOT / "tests" / "nlu" / "blind_asked_22.yml"
ASKED_23 = ROOT / "tests" / "nlu" / "blind_asked_23.yml"
ASKED_24 = ROOT / "tests" / "nlu" / "blind_asked_24.yml"
ASKED_25 = ROOT / "tests" / "nlu" / "blind_asked_25.yml"
ASKED_26 = ROOT / "tests" / "nlu" / "blind_asked_26.yml"
ASKED_27 = ROOT / "tests" / "nlu" / "blind_asked_27.yml"
ASKED_28 = ROOT / "tests" / "nlu" / "blind_asked_28.yml"
ASKED_29 = ROOT / "tests" / "nlu" / "blind_asked_29.yml"
ASKED_30 = ROOT / "tests" / "nlu" / "blind_asked_30.yml"
ASKED_31 = ROOT / "tests" / "nlu" / "blind_asked_31.yml"
ASKED_32 = ROOT / "tests" / "nlu" / "blind_asked_32.yml"
CONCURRENCY = 8
REQUEST_TIMEOUT_S = 60
READINESS = "readiness"
READINESS_PAYLOAD = "/ask_readiness"
CROSS_TOPIC = "cross_topic"
CROSS_TOPIC_ANSWER = "outlook"
FIGURE = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,.]*\s?(?:percent|%)")


@dataclass(frozen=True)
class Turn:
    """One message of the set and what a right reply does."""

    text: str
    kind: str
    expect: dict[str, Any]
    accept: str
    conversation: str


@dataclass
class Judged:
    """A turn, the reply it got, and whether that reply was right (and if not, why)."""

    turn: Turn
    messages: list[dict[str, Any]]
    right: bool
    why: str = ""
    # The same words as a training example: sent, but left out of the score.
    trained: bool = False


def load_conversations(path: Path = ASKED) -> list[list[Turn]]:
    """Every single message as a conversation of one turn, then the conversations."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    conversations = []
    for index, case in enumerate(document["messages"]):
        conversations.append([turn_of(case, case.get("kind", "plain"), f"message {index + 1}")])
    for conversation in document["conversations"]:
        name = conversation["name"]
        conversations.append(
            [turn_of(turn, turn.get("kind", "plain"), name) for turn in conversation["turns"]]
        )
    return conversations


def turn_of(case: dict[str, Any], kind: str, conversation: str) -> Turn:
    return Turn(
        str(case["text"]),
        kind,
        dict(case.get("expect") or {}),
        str(case.get("accept", "")),
        conversation,
    )


def source_texts(knowledge: Knowledge) -> str:
    """The two sources' text, spacing folded, for the figures check."""
    return " ".join(" ".join(source.text for source in knowledge.sources.values()).split())


class Judge:
    """Judges replies by the texts the knowledge file gives each kind of reply."""

    def __init__(self, knowledge: Knowledge) -> None:

        self.knowledge = knowledge
        # A text shared by several topics answers each of them.
        self.answers = ReplyKinds(knowledge).answered_by_text
        messages = knowledge.messages
        self.prefixes = {
            "figure": prefix(messages["no_figure"]),
            "conversion": prefix(messages["no_conversion"]),
            "general": prefix(messages["not_specific"]),
            "described": prefix(messages["not_described"]),
            "subject": prefix(messages["uncovered_subject"]),
            "unknown_subject": messages["uncovered_unknown"],
            "service": prefix(messages["uncovered_service"]),
            "unknown_role": prefix(messages["unknown_role"]),
            "mentioned": prefix(messages["mentioned_only"]),
        }
        # The check started, offered, or going on (its next question).
        self.readiness_texts = (
            *(text for key, text in messages.items() if key.startswith("readiness_ask_")),
            messages["readiness_intro"],
            messages["offer_readiness"],
            messages["offer_readiness_check"],
            prefix(messages["offer_readiness_asker"]),
        )
        self.agreement = (messages["affirm_nothing_offered"], messages["readiness_intro"])
        self.sources = source_texts(knowledge)

    def said(self, messages: list[dict[str, Any]], key: str) -> bool:
        return any((m.get("text") or "").startswith(self.prefixes[key]) for m in messages)

    def answered(self, messages: list[dict[str, Any]], topics: list[str], role: str) -> bool:
        for message in messages:
            text = message.get("text") or ""
            if READINESS in topics and any(part in text for part in self.readiness_texts):
                return True
            if READINESS in topics and self.offers_readiness_instead(message):
                return True
            if self.answers.get(text, set()) & self.answering(topics, role):
                return True
        return False

    def answering(self, topics: list[str], role: str) -> set[tuple[str, str]]:
        """The (role, topic) answers that answer `topics` about `role`: a topic's fixed role
        answers it whoever asks, and a topic `role` has no answer on (whom a coordinator
        reports to, asked of no job) is answered by the role that has one."""
        pairs = {(role, key) for key in topics}
        for key in topics:
            topic = self.knowledge.topics.get(key)
            if topic is not None and topic.answered_by:
                pairs.add((topic.answered_by, key))
            elif key not in self.knowledge.roles[role].answers:
                pairs |= {(r.key, key) for r in self.knowledge.roles.values() if key in r.answers}
        return pairs

    def offers_readiness_instead(self, message: dict[str, Any]) -> bool:
        """A service declined with the readiness check offered as its first button, as the
        issue asks of "Can you look over my CV for a TPM job?"."""
        buttons = message.get("buttons") or []
        return (message.get("text") or "").startswith(self.prefixes["service"]) and any(
            button.get("payload") == READINESS_PAYLOAD for button in buttons[:1]
        )

    def not_covered(self, messages: list[dict[str, Any]], what: str) -> bool:
        if what in ("place", "period", "seniority"):
            kinds: tuple[str, ...] = ("figure", "general", "conversion")
            if what == "seniority":
                # A level that is a job of its own ("a director of engineering"): said not to
                # be described is said plainly too.
                kinds += ("described", "unknown_role")
            # Said on its own, or after what the sources leave out of a job named beside the
            # TPM ("My sources don't describe the contractor … My sources give no figure …").
            return any(self.said(messages, key) for key in kinds) or any(
                self.prefixes[key] in text_of(m)
                for m in messages
                for key in ("figure", "conversion", "general")
            )
        if what == "role":
            # A job the sources don't know, name only in passing, or name as a type of TPM
            # without describing it ("no figure for a telecom project manager", "don't speak
            # of … in particular", "don't describe the type on its own").
            kinds = ("unknown_role", "described", "mentioned", "figure", "general")
            return any(self.said(messages, key) for key in kinds) or any(
                text_of(m).startswith("My sources don't cover") or "don't describe" in text_of(m)
                for m in messages
            )
        if what == "subject":
            # Said on its own or after what the sources leave out of a place or period
            # ("My sources give no figure for Nigeria … My sources don't speak of visas").
            # Mid-sentence too: "Sorry, I can't do that: my sources don't speak of …".
            said_of = self.prefixes["subject"].casefold()
            return any(
                self.said(messages, key) for key in ("subject", "unknown_subject", "general")
            ) or any(said_of in text_of(m).casefold() for m in messages)
        if what == "service":
            return self.said(messages, "service")
        raise ValueError(f"unknown `what`: {what}")

    def unsourced_figures(self, messages: list[dict[str, Any]]) -> list[str]:
        found = FIGURE.findall(" ".join(text_of(m) for m in messages))
        return [f for f in found if " ".join(f.split()) not in self.sources]

    def judge(self, turn: Turn, messages: list[dict[str, Any]] | None) -> Judged:
        if messages is None:
            return Judged(turn, [], False, "no reply (error)")
        expect = turn.expect
        problems = []
        if "answer" in expect:
            topics = list(expect["answer"])
            if turn.kind == CROSS_TOPIC:
                topics.append(CROSS_TOPIC_ANSWER)
            role = self.role_key(expect.get("role"))
            if not self.answered(messages, topics, role):
                problems.append(f"not an answer to {', '.join(topics)}")
        covered = expect.get("not_covered")
        if covered and not self.not_covered(messages, covered["what"]):
            problems.append(f"does not say the sources leave out the {covered['what']}")
        if expect.get("not_agreement") and any(
            part in text_of(m) for m in messages for part in self.agreement
        ):
            problems.append("read as agreement")
        figures = self.unsourced_figures(messages)
        if figures:
            problems.append(f"figures not in the sources: {figures}")
        if not 1 <= len(messages) <= 4:
            problems.append(f"{len(messages)} messages")
        return Judged(turn, messages, not problems, "; ".join(problems))

    def role_key(self, mention: str | None) -> str:
        role = self.knowledge.find_role(mention)
        return (role or self.knowledge.default_role).key


def text_of(message: dict[str, Any]) -> str:
    return message.get("text") or ""


async def ask_conversations(
    rasa_url: str, conversations: list[list[Turn]]
) -> list[list[list[dict[str, Any]] | None]]:
    """Each conversation over REST, as one user, turn by turn; a failed call gives None."""
    url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
    run = uuid.uuid4().hex[:8]
    slots = asyncio.Semaphore(CONCURRENCY)
    replies: list[list[list[dict[str, Any]] | None]] = [[] for _ in conversations]

    async def talk(session: aiohttp.ClientSession, index: int) -> None:
        async with slots:
            sender = f"asked-{run}-{index}"
            for turn in conversations[index]:
                try:
                    body = {"sender": sender, "message": turn.text}
                    async with session.post(url, json=body) as response:
                        ok = response.status == 200
                        replies[index].append(await response.json() if ok else None)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    replies[index].append(None)

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(talk(session, index) for index in range(len(conversations))))
    return replies


def evaluate_asked(rasa_url: str, knowledge: Knowledge, path: Path = ASKED) -> list[Judged]:
    """Send the whole set to the running servers and judge every turn."""
    conversations = load_conversations(path)
    judge = Judge(knowledge)
    trained = training_words()
    replies = asyncio.run(ask_conversations(rasa_url, conversations))
    return [
        replace(judge.judge(turn, reply), trained=folded(turn.text) in trained)
        for turns, answers in zip(conversations, replies, strict=True)
        for turn, reply in zip(turns, answers, strict=True)
    ]


def folded(text: str) -> str:
    """Case, punctuation and spacing folded: "Is it worth it?" is "is it worth it"."""
    return " ".join(re.findall(r"[\w']+", text.casefold()))


def training_words() -> set[str]:
    """Every training example, folded: a turn that is one measures memory, not understanding."""
    from rasa.shared.nlu.training_data.loading import load_data

    return {folded(m.get("text")) for m in load_data(str(ROOT / "data" / "nlu")).intent_examples}


def scored(judged: list[Judged]) -> list[Judged]:
    """The turns that count: those not also training examples."""
    return [item for item in judged if not item.trained]


def asked_report(judged: list[Judged], target: float, path: Path = ASKED) -> list[str]:
    """The section of docs/ACCURACY.md on this set: by kind, then every miss."""
    left_out = [item for item in judged if item.trained]
    judged = scored(judged)
    kinds: dict[str, list[Judged]] = {}
    for item in judged:
        kinds.setdefault(item.turn.kind, []).append(item)
    rows = [
        [kind, f"{sum(j.right for j in items)}/{len(items)}", f"{share(items):.1%}"]
        for kind, items in sorted(kinds.items())
    ]
    singles = [j for j in judged if j.turn.conversation.startswith("message ")]
    conversations = {j.turn.conversation for j in judged} - {j.turn.conversation for j in singles}
    lines = [
        f"## What was asked ({path.relative_to(ROOT)})",
        "",
        f"{len(singles)} messages and {len(judged) - len(singles)} turns of "
        f"{len(conversations)} conversations, written blind; right: {share(judged):.1%} "
        f"(target ≥ {target:.0%}). "
        "Judged as benchmarks/asked.py says. Left out of the score because the same words are "
        f"a training example (short everyday phrases, and questions the issue itself gave as "
        "examples): "
        f"{len(left_out)} ({', '.join(sorted({f'“{i.turn.text}”' for i in left_out}))}).",
        "",
        markdown_table(["kind", "right", "share"], rows),
        "",
        "Misses:",
        "",
    ]
    misses = [j for j in judged if not j.right]
    for miss in misses:
        first = next((text_of(m) for m in miss.messages if text_of(m)), "(nothing)")
        shown = first if len(first) <= 120 else first[:119] + "…"
        lines.append(
            f"- “{miss.turn.text}” ({miss.turn.kind}, {miss.turn.conversation}): {miss.why}. "
            f"Got: “{shown}”"
        )
    return lines + (["None."] if not misses else [])


def share(items: list[Judged]) -> float:
    return sum(j.right for j in items) / len(items) if items else 0.0
