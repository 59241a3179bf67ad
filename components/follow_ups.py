"""Whether a short message leans on the answer before it: "wait is that per month?", "ok what's
the overall average then", "how long would that take roughly".

Such a message names no topic of its own, so the intent classifier, reading it alone, finds it
nearest to an off-topic request or is unsure. Read after an answer it is a follow-up of that
answer, and the fallback action (actions/scope.py) answers it so. This component only marks
the messages that can be one, with a `follows_up` entity on the word that points back:

- short (at most MAX_WORDS words);
- pointing back: a word that needs what was said before ("that", "it", "then", "one"), an
  opening that carries a conversation on ("and …", "what about …"), or a qualifier of its own
  (a place, period or seniority, found by components/question_frame.py);
- about the career: no word that the training data uses only in off-topic requests ("joke",
  "weather", "remind"), and a word it uses more often in questions about the career than in
  those requests ("average", "outlook"), or else a qualifier and no word the requests use.

The two vocabularies are learnt from the training data: the career's from the examples of the
intents that ask about it (`career_intent_prefix`), the off-topic one from `off_topic_intents`.
Whether NLU is sure the message is off-topic anyway is for the action to weigh.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.lang.en.stop_words import STOP_WORDS

ENTITY = "follows_up"
QUALIFIER_ENTITIES = ("place", "period", "seniority")
VOCABULARY_FILE = "vocabulary.json"
MAX_WORDS = 8
WORD = re.compile(r"[a-z][a-z'’]*")
# Words that need what was said before to mean anything (a closed class of English).
POINTS_BACK = frozenset("that it this those these they them then one ones same instead".split())
# How a message that carries the conversation on opens.
CARRIES_ON = re.compile(r"^(?:and|also|plus|but|so|ok|okay|what about|how about)\b")
# A choice among what was just said: "which one is right", "ok which of those fits me best".
CHOOSES = re.compile(
    r"^(?:(?:ok|okay|so|and|but)\s+)?which\s+(?:one|ones|of\s+(?:them|those|these|the\s+two))\b"
)
# Words that only manage the conversation ("wait", "ok"): about nothing, career or not.
DISCOURSE = frozenset("wait ok okay oh hmm fine alright well yeah yes so just".split())
IGNORED = frozenset(STOP_WORDS) | DISCOURSE


def folded(word: str) -> str:
    """A word without case, possessive or plural ending, so "averages" counts as "average"."""
    word = word.casefold().replace("’", "'").removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning: not stop words nor conversation managers."""
    kept = (word for word in WORD.findall(text.casefold()) if word not in IGNORED)
    return [word for word in map(folded, kept) if word not in STOP_WORDS]


def vocabulary(training_data: TrainingData, intents: Any) -> dict[str, float]:
    """Each content word of the training examples of the intents `intents(name)` accepts,
    with the share of those examples that use it."""
    examples = [
        set(content_words(example.get(TEXT) or ""))
        for example in training_data.intent_examples
        if intents(example.get(INTENT) or "")
    ]
    counts = Counter(word for words in examples for word in words)
    return {word: count / len(examples) for word, count in counts.items()}


def without_qualifiers(text: str, entities: list[dict[str, Any]]) -> str:
    """`text` with the place, period and seniority it names blanked out."""
    for found in sorted(
        (e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in QUALIFIER_ENTITIES),
        key=lambda e: -int(e.get(ENTITY_ATTRIBUTE_START, 0)),
    ):
        start, end = int(found[ENTITY_ATTRIBUTE_START]), int(found[ENTITY_ATTRIBUTE_END])
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def pointing_back(text: str) -> re.Match[str] | None:
    """The first word of `text` that points back to what was said before, if any."""
    for found in WORD.finditer(text.casefold()):
        if found.group() in POINTS_BACK:
            return found
    return None


def follow_up_mark(
    text: str,
    entities: list[dict[str, Any]],
    career: dict[str, float],
    off_topic: dict[str, float],
) -> dict[str, Any] | None:
    """The `follows_up` entity for a message that can lean on the answer before it, or None."""
    words = WORD.findall(text.casefold())
    if CHOOSES.match(" ".join(words)):
        # "which one is right", "which one fits me? i do IT installs": a choice among what
        # was just said, however long.
        return mark(text, 0, len(text))
    if not 0 < len(words) <= MAX_WORDS:
        return None
    qualified = any(e.get(ENTITY_ATTRIBUTE_TYPE) in QUALIFIER_ENTITIES for e in entities)
    rest = content_words(without_qualifiers(text, entities))
    if any(word in off_topic and word not in career for word in rest):
        return None
    # A word used more in questions about the career than in off-topic requests ("average",
    # "outlook") makes it about the career; one used more in requests ("list", "time") does
    # not, and beside a qualifier any word requests use too makes it a request of its own
    # ("play it in spanish").
    leans = any(career.get(word, 0.0) > off_topic.get(word, 0.0) for word in rest)
    if not leans and (not qualified or any(word in off_topic for word in rest)):
        return None
    back = pointing_back(text)
    if back is not None:
        start, end = back.span()
    elif qualified or CARRIES_ON.match(" ".join(words)):
        start, end = 0, len(text)
    else:
        return None
    return mark(text, start, end)


def mark(text: str, start: int, end: int) -> dict[str, Any]:
    """The `follows_up` entity on `text[start:end]`."""
    return {
        ENTITY_ATTRIBUTE_TYPE: ENTITY,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_VALUE: text[start:end],
        EXTRACTOR: FollowUpMarker.__name__,
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class FollowUpMarker(GraphComponent, EntityExtractorMixin):
    """Marks short messages that can only be read as a follow-up of the answer before them."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"career_intent_prefix": "ask_", "off_topic_intents": ["out_of_scope"]}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        words: dict[str, dict[str, float]],
    ) -> None:
        self.settings = config
        self._model_storage = model_storage
        self._resource = resource
        self.career = words.get("career", {})
        self.off_topic = words.get("off_topic", {})

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FollowUpMarker:
        return cls(config, model_storage, resource, {})

    def train(self, training_data: TrainingData) -> Resource:
        prefix = self.settings["career_intent_prefix"]
        off_intents = set(self.settings["off_topic_intents"])
        self.career = vocabulary(training_data, lambda name: name.startswith(prefix))
        self.off_topic = vocabulary(training_data, lambda name: name in off_intents)
        words = {"career": self.career, "off_topic": self.off_topic}
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(words), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> FollowUpMarker:
        with model_storage.read_from(resource) as directory:
            stored = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, stored)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = list(message.get(ENTITIES, []))
            mark = follow_up_mark(message.get(TEXT) or "", entities, self.career, self.off_topic)
            if mark is not None:
                message.set(ENTITIES, [*entities, mark], add_to_output=True)
        return messages
