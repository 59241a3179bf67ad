"""Whether a short follow-up takes up a word of the answer before it: "and when there's a
crisis?" after the working hours, whose answer speaks of times of crisis.

NLU reads such a message alone and may be sure it is off-topic ("crisis" is no word of the
questions it learnt); the answer just given says otherwise. A word counts when it is the
answer's own: used in the answers of at most ECHO_TOPICS topics (over every role), so words
every answer uses ("project", "their") point back to none of them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from knowledge.loader import Knowledge, Topic

WORD = re.compile(r"[a-z]+")
# A word used in the answers of more topics than this is no answer's own.
ECHO_TOPICS = 2
# Shorter words are function words, whatever the answers do with them; so are these longer
# ones (a closed class of English), however few answers happen to use them.
MIN_LETTERS = 5
FUNCTION_WORDS = frozenset(
    """about above after again against along among around because before below between
    beyond could during either every other there these those their theirs where which while
    whose would should might under until unless within without being having doing really
    still maybe quite rather though through whether since often always never""".split()
)

_own_words: dict[int, dict[str, frozenset[str]]] = {}


def own_words(knowledge: Knowledge) -> dict[str, frozenset[str]]:
    """The words each topic's answers have as their own (used by the answers, over every
    role, of at most ECHO_TOPICS topics), counted once per knowledge file."""
    cached = _own_words.get(id(knowledge))
    if cached is None:
        used = {
            key: {
                word
                for role in knowledge.roles.values()
                if key in role.answers
                for sentence in role.answers[key].sentences
                for word in WORD.findall(sentence.text.casefold())
            }
            for key in knowledge.topics
        }
        topics_using = Counter(word for words in used.values() for word in words)
        cached = {
            key: frozenset(word for word in words if topics_using[word] <= ECHO_TOPICS)
            for key, words in used.items()
        }
        _own_words.clear()
        _own_words[id(knowledge)] = cached
    return cached


def echoes_answer(knowledge: Knowledge, message: dict[str, Any], topic: Topic) -> bool:
    """Whether `message` uses a word that `topic`'s answer has as its own."""
    said = {
        word
        for word in WORD.findall(str(message.get("text") or "").casefold())
        if len(word) >= MIN_LETTERS and word not in FUNCTION_WORDS
    }
    return bool(said & own_words(knowledge).get(topic.key, frozenset()))
