"""Role entities: the roles the assistant knows, however they are spelt, and other jobs.

A learned entity extractor marks whatever sits where a role usually sits: "salery" in "whats the
salery for a TPM", "schedule" in "whats the work schedule like". Roles are a short list of names,
so this component finds them directly:

1. every run of 1–5 words is compared with every name of every known role (the `role` lookup
   table and the entity synonyms of the training data), exactly or within a few typing slips
   (`typos_allowed`: "techincal project manager", "project cordinator"), longest match first;
2. failing that, a word that names an occupation ("nurse", "data scientist", "CTO";
   components.job_titles) is a role the assistant does not know, so it can say so;
3. everything else is no role at all.

Entities of type `role` from earlier components are replaced; other entities are kept.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract
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
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.job_titles import (
    GENERIC_PROJECT_JOB,
    JOB_PHRASES,
    LEAD,
    LEADING_NOUNS,
    OCCUPATION_MODIFIER_STOPWORDS,
    POSSESSIVES,
    looks_like_job,
    names_field,
    singular,
)
from knowledge.loader import normalise_role_mention, spelled_alike

ENTITY = "role"
MAX_WORDS = 5
ARTICLES = {"a", "an", "the"}
# The most slips knowledge.role_names.spelled_alike allows in one word of a name.
MOST_SLIPS_PER_WORD = 2
NAMES_FILE = "role_names.json"
# What mask_roles writes in place of a job: a word no message uses.
ROLE_MASK = "someoccupation"
# "how do i become one", "is it hard to be one": "one" after becoming or being stands for the job
# the conversation is about, and reads as a job does ("become ROLE_MASK"); not "one of them".
JOB_PRONOUN = re.compile(
    r"\b(become|becoming|be|being)\s+one(?:\s+myself|\s+too)?\b"
    r"(?!\s+(?:of|day|year|more|who|that)\b)",
    re.IGNORECASE,
)
# The message property (not in NLU's output) listing every job named, known or not, in order,
# each {"start", "end", "value", "known"}: components/question_frame.py tells what each is to
# the question.
JOB_MENTIONS = "job_mentions"
WORD = re.compile(r"[\w'’.-]+")
# What ends a word without being part of the job it names: a full stop, a possessive.
TRAILING_MARKS = re.compile(r"(?:['’]s?|\.)+$")
# "what does a telecom one earn?": "one" stands in for the TPM's name after a qualifying word.
STAND_INS = {"one", "ones"}
STOOD_IN_FOR = ("project manager", "tpm")


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """The words of `text`, each with where it starts and ends."""
    return [(match.group(), match.start(), match.end()) for match in WORD.finditer(text)]


def canonical_names(training_data: TrainingData) -> dict[str, str]:
    """Every known way of writing a role, folded, mapped to the role's canonical name."""
    synonyms = {
        normalise_role_mention(written): canonical
        for written, canonical in training_data.entity_synonyms.items()
    }
    names: dict[str, str] = {}
    for table in training_data.lookup_tables:
        if table.get("name") != ENTITY:
            continue
        for element in table.get("elements") or []:
            folded = normalise_role_mention(element)
            names[folded] = synonyms.get(folded, element.casefold())
    for canonical in set(names.values()):
        names[normalise_role_mention(canonical)] = canonical
    return names


def closest_name(candidate: str, names: dict[str, str]) -> str | None:
    """The canonical role `candidate` spells, exactly or with a slip per word; None if none."""
    if candidate in names:
        return names[candidate]
    # Only names of as many words, and of two or more, can be spelled alike (spelled_alike).
    spaces = candidate.count(" ")
    if not spaces:
        return None
    # A name spelled alike is, word by word, within MOST_SLIPS_PER_WORD of the candidate, so
    # within that many per word of it as a whole (both are folded: words joined by one space).
    # rapidfuzz finds those few names in C, and only they are compared word by word: comparing
    # every name in Python was 10% of training (py-spy of `rasa train`) and ran on every message.
    near = extract(
        candidate,
        list(names),
        scorer=OSA.distance,
        score_cutoff=MOST_SLIPS_PER_WORD * (spaces + 1),
        limit=None,
    )
    matches = {
        names[name]
        for name, _, _ in near
        if name.count(" ") == spaces and spelled_alike(candidate, name)
    }
    return matches.pop() if len(matches) == 1 else None


def stood_in_for(head: list[str], names: dict[str, str]) -> str | None:
    """The role "a telecom one" or "a senior one" means after TPMs were spoken of: the words
    before "one" with the TPM's names after them ("telecom project manager", "senior TPM")."""
    words = " ".join(word for word in head if word)
    for noun in STOOD_IN_FOR:
        canonical = closest_name(f"{words} {noun}", names) if words else None
        if canonical is not None:
            return canonical
    return None


def known_roles(text: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """Mentions of known roles in `text`, longest first, never overlapping."""
    words = words_with_spans(text)
    # Folding is word by word, so each word is folded once and spans join the folded words.
    folded = [normalise_role_mention(word) for word, _, _ in words]
    taken: set[int] = set()
    found = []
    for size in range(min(MAX_WORDS, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            indices = set(range(first, first + size))
            if indices & taken:
                continue
            span = words[first : first + size]
            if span[0][0].casefold() in ARTICLES:
                # "a TPM" is found as "TPM", one word later: the mention starts at the name.
                continue
            candidate = " ".join(word for word in folded[first : first + size] if word)
            if first and in_a_field(candidate, words[first - 1][0]):
                # "a construction project manager": another job, found by other_jobs.
                continue
            canonical = closest_name(candidate, names) if candidate else None
            if canonical is None and size > 1 and folded[first + size - 1] in STAND_INS:
                canonical = stood_in_for(folded[first : first + size - 1], names)
            if canonical is not None:
                taken |= indices
                found.append(entity(span[0][1], span[-1][2], canonical))
    return sorted(found, key=lambda mention: mention[ENTITY_ATTRIBUTE_START])


def in_a_field(name: str, before: str) -> bool:
    """Whether the generic "project manager" is, with the word `before` it, a job of one field
    ("construction project manager"): the sources' project managers are technical ones."""
    singular_name = name[:-1] if name.endswith("s") else name
    return tuple(singular_name.split()) == GENERIC_PROJECT_JOB and names_field(before)


def other_jobs(text: str) -> list[dict[str, Any]]:
    """The occupations the assistant does not know ("a data scientist"), each with the noun
    before it; "my manager" is a person, not a job, and is left alone."""
    # "im a network engineer. is tpm…": the full stop ends the sentence, not the job's name;
    # "a release manager's role": the possessive is not part of it either.
    words = [
        (bare, start, start + len(bare))
        for word, start, _ in words_with_spans(text)
        for bare in [TRAILING_MARKS.sub("", word)]
    ]
    found = []
    for index, (word, start, end) in enumerate(words):
        before = words[index - 1][0].casefold() if index > 0 else ""
        phrase = phrase_ending_at(words, index)
        if phrase:
            start = words[index - phrase + 1][1]
            if found and found[-1][ENTITY_ATTRIBUTE_START] == start:
                found.pop()  # "QA lead", not "QA" and then "QA lead"
            found.append(entity(start, end, text[start:end]))
            continue
        after = words[index + 1][0].casefold() if index + 1 < len(words) else ""
        if not looks_like_job(word) or before in POSSESSIVES or after in OBJECTS:
            # "my manager" is a person; "tutor me", "coach us": a verb, not a job.
            continue
        if before.isalpha() and before not in OCCUPATION_MODIFIER_STOPWORDS:
            start = words[index - 1][1]
            field = words[index - 2][0] if index > 1 else ""
            if in_a_field(f"{before} {singular(word.casefold())}", field):
                start = words[index - 2][1]
        if found and start < found[-1][ENTITY_ATTRIBUTE_END]:
            # "police officer", "nurse practitioner": one title, not "police" and then "officer".
            first = found.pop()[ENTITY_ATTRIBUTE_START]
            found.append(entity(first, end, text[first:end]))
            continue
        found.append(entity(start, end, text[start:end]))
    return found


# Who a verb is done to: after one, a job word is the verb ("can you tutor me").
OBJECTS = frozenset("me us him her them".split())


def phrase_ending_at(words: list[tuple[str, int, int]], index: int) -> int:
    """The number of words of the job title ending at word `index` ("chief of staff": 3, "scrum
    master", "site reliability lead": 2), or 0 when no title ends there."""
    folded = [word.casefold() for word, _, _ in words[max(0, index - 2) : index + 1]]
    # "product owners", "scrum masters": the phrase's last word in the plural.
    folded[-1] = singular(folded[-1]) if folded else ""
    for size in (3, 2):
        if len(folded) >= size and tuple(folded[-size:]) in JOB_PHRASES:
            return size
    before = folded[-2] if len(folded) >= 2 else ""
    if folded[-1] == LEAD and names_field(before) and before not in LEADING_NOUNS:
        return 2
    return 0


def mask_roles(text: str, names: dict[str, str]) -> str:
    """`text` with every job it names, known or not, replaced by ROLE_MASK.

    "who does a TPM report to" and "apm reports to whom" then share the words around the role
    ("ROLE_MASK report", "ROLE_MASK reports") with every other role's questions, so the intent
    classifier learns the question's shape once for all roles, and a job it never saw in
    training ("what does a physiotherapist do") reads like the questions about jobs it did.
    """
    known = known_roles(text, names)
    taken = [(m[ENTITY_ATTRIBUTE_START], m[ENTITY_ATTRIBUTE_END]) for m in known]
    others = [
        m
        for m in other_jobs(text)
        if all(
            m[ENTITY_ATTRIBUTE_END] <= start or m[ENTITY_ATTRIBUTE_START] >= end
            for start, end in taken
        )
    ]
    masked = text
    for mention in sorted(known + others, key=lambda m: -m[ENTITY_ATTRIBUTE_START]):
        start, end = mention[ENTITY_ATTRIBUTE_START], mention[ENTITY_ATTRIBUTE_END]
        masked = masked[:start] + ROLE_MASK + masked[end:]
    return JOB_PRONOUN.sub(rf"\1 {ROLE_MASK}", masked)


def job_mention(mention: dict[str, Any], known: bool) -> dict[str, Any]:
    """A mention as JOB_MENTIONS lists it."""
    return {
        "start": mention[ENTITY_ATTRIBUTE_START],
        "end": mention[ENTITY_ATTRIBUTE_END],
        "value": mention[ENTITY_ATTRIBUTE_VALUE],
        "known": known,
    }


def entity(start: int, end: int, value: str) -> dict[str, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: ENTITY,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_VALUE: value,
        EXTRACTOR: RoleMentionExtractor.__name__,
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class RoleMentionExtractor(GraphComponent, EntityExtractorMixin):
    """Finds role mentions by name, tolerating typos, and mentions of other occupations."""

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, names: dict[str, str]
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.names = names

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RoleMentionExtractor:
        return cls(model_storage, resource, {})

    def train(self, training_data: TrainingData) -> Resource:
        import json

        self.names = canonical_names(training_data)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / NAMES_FILE).write_text(json.dumps(self.names), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RoleMentionExtractor:
        import json

        with model_storage.read_from(resource) as directory:
            names = json.loads((directory / NAMES_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, names)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            # The first role named is the question's subject ("does a TPM manage project
            # coordinators" is about the TPM); a comparison names both but has one answer.
            known = known_roles(text, self.names)
            others = [
                m
                for m in other_jobs(text)
                if all(
                    m[ENTITY_ATTRIBUTE_END] <= k[ENTITY_ATTRIBUTE_START]
                    or m[ENTITY_ATTRIBUTE_START] >= k[ENTITY_ATTRIBUTE_END]
                    for k in known
                )
            ]
            message.set(
                JOB_MENTIONS,
                sorted(
                    [job_mention(m, True) for m in known] + [job_mention(m, False) for m in others],
                    key=lambda m: m["start"],
                ),
            )
            mentions = known[:1] or others[:1]
            kept = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != ENTITY]
            message.set(ENTITIES, kept + mentions, add_to_output=True)
        return messages
