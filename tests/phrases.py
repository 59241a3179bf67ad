"""Messages more than one test module sends, with what they are known to mean."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass

from actions.replies import topic_button
from knowledge.loader import Knowledge
from tests.servers import Stack

# Topic words, two of which make a message the trained model finds about equally likely to ask
# either ("salary and duties"). Which pair does depends on the trained model, so the pair is
# found at run time (between_two_topics) rather than written here: retraining cannot break it.
TOPIC_WORDS = {
    "salary": "salary",
    "duties": "duties",
    "certification": "certification",
    "education": "education",
    "experience": "experience",
    "skills": "skills",
    "working_hours": "hours",
    "employers": "employers",
}


@dataclass(frozen=True)
class TwoTopics:
    """A message between two topics, and the two, in the order "did you mean" offers them."""

    text: str
    topics: tuple[str, str]


def between_two_topics(stack: Stack, knowledge: Knowledge) -> TwoTopics:
    """The first pair of topic words, joined by "and" or "or", the running assistant answers
    with "did you mean" offering exactly those two topics; fails the test when no pair does
    (the did-you-mean path is gone)."""
    tpm = knowledge.default_role
    topic_of = {topic_button(knowledge.topics[key], tpm)["payload"]: key for key in TOPIC_WORDS}
    pairs = itertools.combinations(TOPIC_WORDS.items(), 2)
    for ((first, one), (second, other)), joiner in itertools.product(pairs, ("and", "or")):
        text = f"{one} {joiner} {other}"
        reply = stack.send(f"two-topics-{uuid.uuid4().hex[:12]}", text)
        if len(reply) != 1 or reply[0].get("text") != knowledge.messages["did_you_mean"]:
            continue
        offered = [topic_of.get(b["payload"]) for b in reply[0].get("buttons", [])[:2]]
        if set(offered) == {first, second}:
            return TwoTopics(text, (offered[0], offered[1]))
    raise AssertionError("no pair of topic words is answered with a did-you-mean of both")
