"""What a question says beyond its topic: who asks, about which role, where, when, how senior.

The intent classifier gives a message one topic and RoleMentionExtractor finds the jobs it
names; this component decides what each job is to the question and what else the question
asks, so that an answer can say where its facts stop instead of answering a nearby question:

- `role`: the role asked about. "I work as a project scheduler. What would it take to become a
  TPM?" is about the TPM: the scheduler is the asker's own job, `asker_role`, told apart by
  spaCy's dependency parse ("I am / I work as / I'm currently a …", "as a coordinator, …",
  "moving from …", "my role is …", "… here");
- `other_role`: a job the assistant doesn't know named beside one it does ("How is a TPM
  different from a scrum master?"), so the answer can say it doesn't describe that one;
- `place`: a place or nationality other than the United States (spaCy's GPE, LOC and NORP
  entities: "in Canada", "indian TPMs"), or a currency ("in euros"); where the asker speaks of
  themselves ("I'm a student in India", "hi from Lagos"), also `asker_place`, remembered;
- `period`: pay per hour, day, week or month, or after some years ("after ten years");
- `seniority`: a level the sources don't name ("entry-level", "junior", "first year out of
  college");
- `subject`, `service`: a subject the sources are silent on ("stressful", "remote") or a
  service the assistant doesn't offer ("my CV", "cover letter"), from the lookup tables of
  `data/nlu/uncovered.yml`; EntitySynonymMapper then names each by its canonical value.

spaCy (components/english_pipeline.py) costs several milliseconds a message, so it runs only
where it can change the result: the parse when a message names a job and may say what the asker
is ("I'm", "I work", "as a", "my role", "from", "here"), the entity recogniser when it has a word
the training data never uses in its questions (a place name) or a preposition a place follows
("in", "outside", …). Every entity is given at most once: Rasa fills a text slot from one value.
"""

from __future__ import annotations

import json
import re
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
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.asker_parse import (
    ASKER_CUES,
    FIRST_PERSON_WORDS,
    asker_clause,
    question_after_intro,
    question_without,
    told_of_self,
    words_of,
)
from components.english_pipeline import english, load_in_background
from components.qualifiers import (
    ABROAD,
    CAREER_PERIOD,
    HOME_WORDS,
    LEVEL_PEOPLE,
    OUTSIDE_HOME,
    PAY_PERIOD,
    PERIOD,
    PLACE,
    PLACE_CUES,
    PLACE_LABELS,
    SENIORITY,
    SENIORITY_WORDS,
    STARTING_LEVEL,
    STARTING_OUT,
    level_of,
    rank_level,
    without_qualifiers,
)
from components.role_mentions import ENTITY as ROLE
from components.role_mentions import JOB_MENTIONS
from components.role_reading import (
    ASKER_ROLE,
    asked_roles,
    entity,
)
from knowledge.currencies import CURRENCY

ASKER_PLACE = "asker_place"
# Lookup tables (data/nlu/uncovered.yml) whose phrases become entities of the same name.
SUBJECT_LOOKUP = "subject"
LOOKUP_ENTITIES = (SUBJECT_LOOKUP, "service")
LOOKUP_TABLES = (*LOOKUP_ENTITIES, "place", "nationality")
STATE_FILE = "question_frame.json"
# The message without the asker's words about themselves, for the intent classifier (a message
# property, not in NLU's output).
QUESTION_TEXT = "question_text"
# Lookup tables of places and nationalities (data/nlu/places.yml): spaCy's small model misses
# most names written in lower case ("salary in canada").
PLACE_LOOKUP = "place"
NATIONALITY_LOOKUP = "nationality"
# The message without the qualifiers whose words lean to another topic (years, a place or
# currency; a message property, too: components/qualifiers.py).
UNSCOPED_TEXT = "unscoped_text"
# The message without a level of one or two words ("entry-level"), which may lean to another
# topic or be what is asked: read instead only when that reading is the surer one.
LEVELLESS_TEXT = "levelless_text"
OUT_OF_SCOPE = "out_of_scope"


def levels_a_job(found: list[dict[str, Any]], jobs: list[dict[str, Any]]) -> bool:
    """Whether a level found stands right before a job named ("an entry-level tpm")."""
    starts = {job["start"] for job in jobs}
    return any(
        e[ENTITY_ATTRIBUTE_TYPE] == SENIORITY
        and (e[ENTITY_ATTRIBUTE_END] + 1 in starts or e[ENTITY_ATTRIBUTE_END] in starts)
        for e in found
    )


def within_a_job(start: int, end: int, jobs_at: list[tuple[int, int]]) -> bool:
    """Whether the text at [start, end) lies inside a job the message names ("scrum" of
    "scrum master"; not "pay tpms the most", which holds one)."""
    return any(job_start <= start and end <= job_end for job_start, job_end in jobs_at)


def on_a_job(start: int, end: int, jobs_at: list[tuple[int, int]]) -> bool:
    """Whether the text at [start, end) overlaps a job the message names."""
    return any(start < job_end and job_start < end for job_start, job_end in jobs_at)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class QuestionFrameExtractor(GraphComponent, EntityExtractorMixin):
    """The role asked about, the asker's own role, and the qualifiers of a question."""

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: frozenset[str],
        lookups: dict[str, list[str]],
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary
        self.lookups = lookups
        # Each lookup phrase as the table writes it, by its folded form ("uk" → "UK").
        self._written = {
            kind: {phrase.casefold(): phrase for phrase in phrases}
            for kind, phrases in lookups.items()
        }
        self._patterns = {
            kind: re.compile(
                r"(?<![\w-])("
                + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                + r")(?![\w-])",
                re.IGNORECASE,
            )
            for kind, phrases in lookups.items()
            if phrases
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> QuestionFrameExtractor:
        return cls(model_storage, resource, frozenset(), {})

    def train(self, training_data: TrainingData) -> Resource:
        # The words of the questions about the job: the out-of-scope examples name places
        # ("an indian restaurant") that a question about pay in India must not hide.
        vocabulary = {
            word
            for example in training_data.training_examples
            if example.get(INTENT) != OUT_OF_SCOPE
            for word in words_of(example.get(TEXT) or "")
        }
        lookups = {
            str(table.get("name")): [str(element) for element in table.get("elements") or []]
            for table in training_data.lookup_tables
            if table.get("name") in LOOKUP_TABLES
        }
        state = {"vocabulary": sorted(vocabulary), "lookups": lookups}
        with self._model_storage.write_to(self._resource) as directory:
            (directory / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
        self.__init__(self._model_storage, self._resource, frozenset(vocabulary), lookups)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> QuestionFrameExtractor:
        with model_storage.read_from(resource) as directory:
            state = json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
        # Loaded with the model, not on the first message, beside the rest of the start-up.
        load_in_background()
        return cls(model_storage, resource, frozenset(state["vocabulary"]), state["lookups"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            found, question = self.frame(text, message.get(JOB_MENTIONS) or [])
            if question:
                message.set(QUESTION_TEXT, question)
            # "what does a tpm with 10+ yrs experience make": the years say where the answer's
            # facts must reach, not what is asked; the intent classifier reads it without them.
            unscoped = without_qualifiers(text, found)
            if unscoped:
                message.set(UNSCOPED_TEXT, unscoped)
            elif levels_a_job(found, message.get(JOB_MENTIONS) or []):
                # "what does an entry-level tpm make": read without the level too (not "is a
                # coordinator an entry level job?", which asks about the level).
                message.set(LEVELLESS_TEXT, without_qualifiers(text, found, any_level=True))
            kept = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != ROLE]
            message.set(ENTITIES, kept + found, add_to_output=True)
        return messages

    def frame(self, text: str, jobs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
        """The entities of one message (roles by what they are to the question, qualifiers),
        and the question without what the asker says of themselves ("" when that is all)."""
        words = words_of(text)
        unseen = any(word not in self.vocabulary for word in words)
        wants_parse = bool(jobs) and bool(ASKER_CUES.search(text))
        wants_places = unseen or bool(PLACE_CUES.intersection(words))
        doc = None
        if wants_parse or wants_places:
            nlp = english()
            disable = [n for n, on in (("parser", wants_parse), ("ner", wants_places)) if not on]
            doc = nlp(text, disable=disable)
        ranks = [job for job in jobs if not job.get("known") and rank_level(text, job)]
        jobs = [job for job in jobs if job not in ranks]
        found = asked_roles(text, jobs, doc if wants_parse else None)
        question = ""
        # Where the asker speaks of themselves: "been coding 5 yrs as a programmer, could i
        # become a tpm" names no subject of the question in "coding".
        intro = (0, 0)
        askers = [e for e in found if e[ENTITY_ATTRIBUTE_TYPE] == ASKER_ROLE]
        if askers and doc is not None and wants_parse:
            dropped = asker_clause(
                doc, askers[0][ENTITY_ATTRIBUTE_START], askers[0][ENTITY_ATTRIBUTE_END]
            )
            # The intent classifier reads both and keeps the surer reading.
            question = question_without(doc, dropped) if dropped else ""
            if question:
                tokens = [doc[i] for i in sorted(dropped)]
                intro = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        if askers and not question:
            first = askers[0]
            question = question_after_intro(
                text, first[ENTITY_ATTRIBUTE_START], first[ENTITY_ATTRIBUTE_END]
            )
            if question:
                intro = (0, len(text) - len(question))
        if intro == (0, 0):
            # "Hi! I'm from Brazil, studying in Melbourne on a student visa. … What do I still
            # need to become a TPM?": what the asker tells of themselves before asking.
            intro = told_of_self(text)
        jobs_at = [(job["start"], job["end"]) for job in jobs]
        found += self.qualifiers(text, doc if wants_places else None, jobs_at)
        if ranks and not any(e[ENTITY_ATTRIBUTE_TYPE] == SENIORITY for e in found):
            rank = ranks[0]
            end = rank["end"] + len(rank_level(text, rank))
            found.append(entity(SENIORITY, rank["start"], end, text[rank["start"] : end]))
        found += self.places(text, found, jobs_at)
        found = [self.as_written(e) for e in found]
        found += self.asker_place(text, words, found)
        for kind, pattern in self._patterns.items():
            if kind in (PLACE_LOOKUP, NATIONALITY_LOOKUP):
                continue
            for match in pattern.finditer(text):
                # "scrum master vs tpm": the job, not the method "scrum" inside its name; and
                # no subject in what the asker says of themselves.
                in_intro = kind == SUBJECT_LOOKUP and intro[0] <= match.start() < intro[1]
                if not within_a_job(match.start(), match.end(), jobs_at) and not in_intro:
                    found.append(entity(kind, match.start(), match.end(), match.group().casefold()))
                    break
        return found, question

    @staticmethod
    def asker_place(text: str, words: list[str], found: list[dict[str, Any]]) -> list[dict]:
        """The place also as the asker's own, when they speak of themselves ("I'm a student in
        India", "hi from Lagos"): remembered for later questions about pay."""
        places = [e for e in found if e[ENTITY_ATTRIBUTE_TYPE] == PLACE]
        if not places:
            return []
        place = places[0]
        before = text[: place[ENTITY_ATTRIBUTE_START]].split()
        if FIRST_PERSON_WORDS.intersection(words) or (before and before[-1].casefold() == "from"):
            return [{**place, ENTITY_ATTRIBUTE_TYPE: ASKER_PLACE}]
        return []

    def as_written(self, found: dict[str, Any]) -> dict[str, Any]:
        """A place named as the lookup table writes it ("the UK", not "Uk" or "UK")."""
        if found[ENTITY_ATTRIBUTE_TYPE] != PLACE:
            return found
        written = self._written.get(PLACE_LOOKUP, {})
        said = str(found[ENTITY_ATTRIBUTE_VALUE]).casefold()
        value = written.get(f"the {said}") or written.get(said)
        return {**found, ENTITY_ATTRIBUTE_VALUE: value} if value else found

    def places(
        self, text: str, found: list[dict[str, Any]], jobs_at: list[tuple[int, int]]
    ) -> list[dict[str, Any]]:
        """A place or nationality of the lookup tables, when the recogniser found none."""
        if any(e[ENTITY_ATTRIBUTE_TYPE] == PLACE for e in found):
            return []
        for kind, suffix in ((PLACE_LOOKUP, ""), (NATIONALITY_LOOKUP, " TPMs")):
            pattern = self._patterns.get(kind)
            match = pattern.search(text) if pattern else None
            if match and not on_a_job(match.start(), match.end(), jobs_at):
                written = self._written.get(kind, {})
                named = written.get(match.group().casefold(), match.group()) + suffix
                return [entity(PLACE, match.start(), match.end(), named)]
        return []

    @staticmethod
    def qualifiers(text: str, doc: Any, jobs_at: list[tuple[int, int]]) -> list[dict[str, Any]]:
        found = []
        if doc is not None:
            for ent in doc.ents:
                if on_a_job(ent.start_char, ent.end_char, jobs_at):
                    continue  # "sysadmin" read as a place: a job, found before
                if ent.label_ in PLACE_LABELS and not HOME_WORDS.match(ent.text.strip()):
                    # Named as a place is written; a nationality as the people of it.
                    named = " ".join(word[:1].upper() + word[1:] for word in ent.text.split())
                    if ent.label_ == "NORP":
                        named += " TPMs"
                    found.append(entity(PLACE, ent.start_char, ent.end_char, named))
                    break
        abroad = ABROAD.search(text)
        if not found and abroad:
            found.append(entity(PLACE, abroad.start(), abroad.end(), OUTSIDE_HOME))
        if not found:
            currency = CURRENCY.search(text)
            if currency:
                found.append(entity(PLACE, currency.start(), currency.end(), currency.group()))
        period = PAY_PERIOD.search(text) or CAREER_PERIOD.search(text)
        if period:
            found.append(entity(PERIOD, period.start(), period.end(), period.group()))
        level = SENIORITY_WORDS.search(text)
        people = LEVEL_PEOPLE.search(text)
        if level:
            found.append(entity(SENIORITY, level.start(), level.end(), level.group()))
        elif people:
            found.append(entity(SENIORITY, people.start(), people.end(), level_of(people)))
        elif starting := STARTING_OUT.search(text):
            found.append(entity(SENIORITY, starting.start(), starting.end(), STARTING_LEVEL))
        return found
