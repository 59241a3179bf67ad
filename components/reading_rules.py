"""The rules that move the intent classifier's readings of a message, after the regression.

The regression reads words; these rules read who asks and what they ask of the assistant, from
what components/question_frame.py and components/service_requests.py found in the message:
the word order of a reporting question, a request for a service, a question that is no "yes"
nor an answer to the readiness check, someone who hires TPMs, someone who already is one.
Each is a reading set aside or put first, never an intent made up; the settings are the
classifier's (config.yml, components/intent_classifier.py).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.asker_parse import TARGET_CUE, sets_beside
from components.career_steps import looks_past_the_job, reaches_past_the_job
from components.hierarchy import directed, direction, reporting_reading
from components.qualifiers import PAY_RATE
from components.role_mentions import JOB_MENTIONS
from components.role_reading import ASKER_ROLE, ORIGIN_ROLE
from components.service_requests import (
    SUBJECT_ENTITY,
    absorbed,
    asker_is_a_tpm,
    asks_a_question,
    asks_as_one_already,
    asks_for_candidates,
    asks_service,
    asks_to_be_told,
    given_not,
    is_request,
    moved_first,
    pooled,
    without,
)
from knowledge.currencies import PAY_AMOUNT, PAY_NAMED, converts_pay

# Words that set one thing beside another that sets_beside does not look for ("what separates
# a tpm from …", "next to", "between", "differs", "than").
BESIDE = re.compile(
    r"\b(?:separat\w*|distinguish\w*|between|apart|next\s+to|than|differ\w*)\b", re.IGNORECASE
)
# The topic questions' intents: "ask_salary", "ask_duties", …
TOPIC_PREFIX = "ask_"


def asks_a_topic(intents: np.ndarray, probabilities: np.ndarray, config: dict[str, Any]) -> bool:
    """Whether a reading is a topic question (not the readiness check, which an asker's
    introduction leans to), at least `unscoped_confidence` sure."""
    top = int(np.argmax(probabilities))
    name = str(intents[top])
    return (
        name.startswith(TOPIC_PREFIX)
        and name != config["readiness_intent"]
        and probabilities[top] >= config["unscoped_confidence"]
    )


def only_the_asker_leans_to_the_check(
    whole: tuple[np.ndarray, np.ndarray],
    alone: tuple[np.ndarray, np.ndarray],
    config: dict[str, Any],
) -> bool:
    """Whether the whole message reads as the readiness check and the question without the
    asker's words as a topic: the words about the asker made the check ("I work as a project
    scheduler. What would it take to become a TPM?" asks what it takes, then the check is
    offered), so the question alone decides."""
    readiness = config["readiness_intent"]

    def first(reading: tuple[np.ndarray, np.ndarray]) -> str:
        return str(reading[0][int(np.argmax(reading[1]))])

    return (
        first(whole) == readiness
        and first(alone) != readiness
        and first(alone).startswith(TOPIC_PREFIX)
    )


def starts_elsewhere(message: Message, config: dict[str, Any]) -> bool:
    """Whether the message asks about getting into a job from one that is not a TPM ("can a
    qa tester become a tpm", "how would i move up from coordinator to tpm"; not "how does a
    tpm become a cto", which is moving up)."""
    found = message.get(ENTITIES) or []
    tpm = config["tpm_roles"]
    if any(e.get("entity") == ORIGIN_ROLE and e.get("value") not in tpm for e in found):
        return True
    text = message.get(TEXT) or ""
    into = [
        job.get("value")
        for job in message.get(JOB_MENTIONS) or []
        if job.get("value") in tpm and TARGET_CUE.search(text[: job["start"]])
    ]
    # "ok how do i get promoted to tpm then": a move into the job itself (not into the senior
    # TPM past it) starts below it, wherever the asker said they are.
    return tpm[0] in into or (
        bool(into)
        and any(e.get("entity") == ASKER_ROLE and e.get("value") not in tpm for e in found)
    )


def asker_start(message: Message) -> int | None:
    """Where the asker's own job is named in the message, if they named one."""
    found = message.get(ENTITIES) or []
    return next((e.get("start") for e in found if e.get("entity") == ASKER_ROLE), None)


def one_sided(message: Message) -> bool:
    """Whether a message names at most one job and sets nothing beside it ("vs", "different",
    "next to", "more than")."""
    text = message.get(TEXT) or ""
    jobs = {str(job.get("value")).casefold() for job in message.get(JOB_MENTIONS) or []}
    return len(jobs) < 2 and not sets_beside(text) and not BESIDE.search(text)


# The words of a self-introduction around the asker's job: "hi, im a scheduler", "i work as a
# network operator, been doing it 5 yrs".
INTRODUCTION_WORDS = frozenset(
    """i im i'm am a an work working worked as currently now here been doing it for the this
    years year yrs months hi hey hello so ok okay well just btw actually by trade my job
    myself and also fyi""".split()
)
WORD = re.compile(r"[a-z']+|\d+", re.IGNORECASE)


def only_introduces(message: Message) -> bool:
    """Whether the message says what the asker does and nothing more: no question in it."""
    text = message.get(TEXT) or ""
    found = [e for e in message.get(ENTITIES) or [] if e.get("entity") == ASKER_ROLE]
    if not found or "?" in text:
        return False
    for asker in sorted(found, key=lambda e: -int(e["start"])):
        text = text[: asker["start"]] + " " + text[asker["end"] :]
    words = [word.casefold() for word in WORD.findall(text)]
    return all(word in INTRODUCTION_WORDS or word.isdigit() for word in words)


# Asking what comes after the job one has: "whats next", "what else is out there", "where
# do i go from here", "what else can i do with that".
WHATS_NEXT = re.compile(
    r"\b(?:what(?:'?s|\s+is|\s+comes)?\s+next|what\s+else|from\s+here|next\s+step|move\s+up"
    r"|step\s+up|where\s+(?:do|can|could)\s+i\s+go"
    r"|(?:get\s+to\s+be|become|make|reach)\s+(?:a\s+)?senior|promot\w+)\b",
    re.IGNORECASE,
)


def asks_whats_next(message: Message, config: dict[str, Any]) -> bool:
    """Whether someone who says they are a TPM asks what comes after it."""
    return bool(WHATS_NEXT.search(message.get(TEXT) or "")) and asker_is_a_tpm(message, config)


# How a hesitation opens: "possibly", "not sure if …", "idk", "maybe later".
HEDGE = re.compile(
    r"^\W*(?:(?:hmm+|um+|uh+|well|ok|okay)\W+)?(?:not\s+(?:so\s+|too\s+|really\s+)?sure|unsure"
    r"|idk|i\s+(?:don'?t|do\s+not)\s+know|dunno|maybe|perhaps|possibly|probably\s+not"
    r"|not\s+yet)\b"
    # "i guess?", "could be", "hmm right" alone: a shrug, not a "yes".
    r"|^\W*(?:i\s+guess|(?:could|might)\s+be|hmm+\W+right)\W*$",
    re.IGNORECASE,
)


def hedges(message: Message) -> bool:
    """Whether the message opens with a hedge and names no job: "possibly", "not sure if im
    ready for that" (not "idk if im ready to be a tpm", which asks)."""
    return bool(HEDGE.match(message.get(TEXT) or "")) and not message.get(JOB_MENTIONS)


# Words that speak of the job, not of an errand: "do they get", "for work", "get hired"; a
# question on "it", in a conversation about the job ("does it burn people out?").
OF_THE_JOB = re.compile(
    r"\b(?:they|them|their|the\s+job|this\s+job|that\s+job|the\s+role|this\s+role|for\s+work"
    r"|at\s+work|get\s+hired|this\s+career|the\s+career)\b"
    r"|^\W*(?:(?:and|but|so|ok)\s+)?(?:is|does|will|would|can|could)\s+it\b",
    re.IGNORECASE,
)


def names_subject(message: Message) -> bool:
    """Whether the message names a subject the sources don't speak of."""
    return any(found.get("entity") == SUBJECT_ENTITY for found in message.get(ENTITIES) or [])


# The readiness check named as the thing to do: "lets do the check", "run that readiness test".
CHECK_NAMED = re.compile(
    r"\b(?:do|start|run|take|try|begin)\s+(?:the|that|this|your)\s+(?:readiness\s+)?"
    r"(?:check|quiz|test)\b",
    re.IGNORECASE,
)


def reads_past_subject(message: Message, name: str, config: dict[str, Any]) -> bool:
    """Whether reading `name` of a message that names a subject the sources don't speak of is
    the classifier's, not the question's: the pay where no pay is named, or whether the job is
    worth it, which a question on how a subject fits the job leans to."""
    if not names_subject(message):
        return False
    if name == config["pay_intent"]:
        return not PAY_NAMED.search(message.get(TEXT) or "")
    return name == config["worth_intent"]


# A requirement asked ("need", "required", "have to") and a graduate degree named.
REQUIREMENT = re.compile(
    r"\b(?:need|needs|needed|require|requires|required|requirement|necessary|must|mandatory"
    r"|ha(?:ve|s)\s+to)\b",
    re.IGNORECASE,
)
GRADUATE_DEGREE = re.compile(
    r"\b(?:master'?s|masters|msc|ph\.?d|doctorate|graduate\s+degree|post\s?grad\w*)\b",
    re.IGNORECASE,
)


# Pay named in so many words (not "make", as in "could i make it as a tpm").
PAY_ASKED = re.compile(
    r"\b(?:salary|salaries|pay|paid|wages?|earn\w*|income|money|raise)\b|\$", re.IGNORECASE
)
# The readings near enough to the first to be what a message naming pay asks.
PAY_AMONG = 3


def pay_asked(ranking: list[dict[str, Any]], text: str, config: dict[str, Any]) -> bool:
    """Whether a message names pay, the pay is among its first readings, and the strongest
    of the others is whether they could become one or whether it is worth it."""
    near = [guess["name"] for guess in ranking[:PAY_AMONG]]
    rival = next((g["name"] for g in ranking if g["name"] != config["pay_intent"]), None)
    return (
        config["pay_intent"] in near
        and rival in config["pay_named_over"]
        and bool(PAY_ASKED.search(text))
    )


def degree_required(text: str) -> bool:
    """Whether `text` asks if a graduate degree is required."""
    return bool(REQUIREMENT.search(text)) and bool(GRADUATE_DEGREE.search(text))


def unsure_check_beside_topic(
    ranking: list[dict[str, Any]], message: Message, config: dict[str, Any]
) -> bool:
    """Whether an introduction is read as the readiness check only unsurely, with a topic
    question close behind: the question, not the check, is what it asks of the assistant."""
    if len(ranking) < 2 or ranking[0]["name"] != config["readiness_intent"]:
        return False
    first, second = ranking[0], ranking[1]
    return (
        asker_start(message) is not None
        and first["confidence"] < config["unsure_check"]
        and str(second["name"]).startswith(TOPIC_PREFIX)
        and second["name"] not in config["not_topic_questions"]
        and second["confidence"] >= config["check_runner_up"] * first["confidence"]
    )


def of_the_job(message: Message) -> bool:
    """Whether the message names a job or speaks of one ("do they get", "for work")."""
    return bool(message.get(JOB_MENTIONS)) or bool(OF_THE_JOB.search(message.get(TEXT) or ""))


def reread(
    ranking: list[dict[str, Any]], message: Message, config: dict[str, Any]
) -> list[dict[str, Any]]:
    """The ranking of `message` once who asks and what they ask of the assistant are read."""
    text = message.get(TEXT) or ""
    # "who does a TPM supervise" or "who supervises a TPM": the word order decides; so does it
    # in "does the scheduler work under the TPM?", which names both sides.
    ranking = directed(ranking, direction(text))
    reporting = reporting_reading(text, message.get(JOB_MENTIONS) or [], asker_start(message))
    if reporting is not None:
        ranking = directed(ranking, reporting[0], sure=True)
    if ranking[0]["name"] in config["never_about_a_job"] and message.get(JOB_MENTIONS):
        ranking = given_not(ranking, ranking[0]["name"])
    if asks_to_be_told(message):
        # "can you tell me if im a good candidate": a question, not a service.
        ranking = without(ranking, config["service_intent"])
    if (
        ranking[0]["name"] == config["service_intent"]
        and names_subject(message)
        and asks_a_question(text)
        and not is_request(text)
    ):
        # "how many tpm job openings are there right now": a question on what the sources
        # don't speak of (the number of openings), not a job search asked for.
        ranking = absorbed(ranking, config["subject_intent"])
    elif asks_service(message, ranking[0]["name"], config):
        ranking = moved_first(ranking, config["service_intent"])
    elif ranking[0]["name"] in config["never_questions"] and asks_a_question(text):
        # "im a nurse, been thinking about tpm. could i actually do it": a question is no
        # "yes", nor an answer to the check, however its words lean; the other readings
        # decide, as probabilities given that it is not one.
        ranking = given_not(ranking, ranking[0]["name"])
    elif asks_for_candidates(message, ranking[0]["name"], config):
        # "recruiter here, what should I screen TPM candidates for?": someone who hires
        # asks what a TPM needs, not whether they are ready themselves: what a TPM needs
        # leads by as much as the first reading did, and the readings that don't fit
        # them are set aside (else "did you mean" would offer one).
        ranking = moved_first(ranking, config["hiring_intent"])
        for reading in config["hiring_over"]:
            ranking = without(ranking, reading)
    # A pay-sized sum beside a job, asked of no one: "working tpm here, is 95k normal?", not
    # "they offered me 85k as tpm, help me negotiate".
    sum_for_a_job = (
        bool(PAY_AMOUNT.search(text))
        and bool(message.get(JOB_MENTIONS))
        and ranking[0]["name"] != config["service_intent"]
    )
    converts = ranking[0]["name"] in config["pay_over"] and (converts_pay(text) or sum_for_a_job)
    if converts or PAY_RATE.search(text):
        # "convert 99910 dollars into euros for me", "whats a typical day rate then": the pay,
        # in the sources' currency and period, whatever else the words lean to.
        ranking = absorbed(ranking, config["pay_intent"])
    if starts_elsewhere(message, config):
        # "can a qa tester become a tpm", "what would it take for me to move up to tpm":
        # getting into the job, not moving up from it, wherever that reading stood; what it
        # takes, unless the other readings already say so.
        beyond_first = ranking[0]["name"] in config["origin_over"]
        for reading in config["origin_over"]:
            ranking = given_not(ranking, reading)
        if beyond_first and ranking[0]["name"] not in config["into_job"]:
            ranking = moved_first(ranking, config["into_job"][0])
        elif beyond_first:
            ranking = pooled(ranking, config["into_job"])
    if one_sided(message):
        # "what is a project co-ordinator anyway": a difference needs two sides; one job
        # named, and nothing set beside it, asks what that job is.
        for reading in config["two_sided"]:
            ranking = given_not(ranking, reading)
    reaching = {*config["reaching_over"], config["beyond_intent"]}
    if ranking[0]["name"] in reaching and reaches_past_the_job(message, config):
        # "how do i become a director of technical project management", "staff tpm vs senior
        # tpm, which is higher": where the career leads, as sure as of the reading it replaces
        # (or, read so already, of the reading next to it).
        ranking = absorbed(ranking, config["beyond_intent"])
    if ranking[0]["name"] == config["readiness_intent"] and looks_past_the_job(message, config):
        # "is principal tpm a thing i could aim for?", "could i start my own business after
        # being a tpm": not whether they could become one, but what lies beyond.
        ranking = moved_first(ranking, config["beyond_intent"])
    if asks_as_one_already(message, ranking, config):
        # "im a tpm already, where can i go from here": not whether they could be one.
        ranking = given_not(ranking, config["readiness_intent"])
    if ranking[0]["name"] == config["readiness_intent"] and names_subject(message):
        # "can i be a tpm part time": the subject is what is asked; the check is offered after.
        ranking = moved_first(ranking, config["subject_intent"])
    beyond = config["beyond_intent"]
    if ranking[0]["name"] in {*config["next_over"], beyond} and asks_whats_next(message, config):
        # "been a tpm 6 yrs, whats next for me": where the career leads from here, however
        # unsure the words left the classifier.
        ranking = absorbed(ranking, beyond)
    if (
        ranking[0]["name"] in config["subject_over"]
        and names_subject(message)
        and of_the_job(message)
    ):
        # "how many vacation days do they get": a subject the sources don't speak of, asked
        # of the job, is said so (with what they say nearest), not declined as an errand.
        ranking = moved_first(ranking, config["subject_intent"])
    if reads_past_subject(message, ranking[0]["name"], config):
        # "how much pto do tpms get", "is it an ok job for introverts": the subject is asked,
        # not the pay or the job's worth the words lean to.
        ranking = moved_first(ranking, config["subject_intent"])
    if ranking[0]["name"] == config["hedge_intent"] and message.get(JOB_MENTIONS):
        # "should i be data scientist or tpm, cant decide": a question about jobs, however
        # undecided it sounds.
        ranking = given_not(ranking, config["hedge_intent"])
    if ranking[0]["name"] in config["hedge_over"] and hedges(message):
        # "not sure if im ready for that" after the offer: not a "yes".
        ranking = moved_first(ranking, config["hedge_intent"])
    if ranking[0]["name"] in config["check_over"] and CHECK_NAMED.search(text):
        # "ok fine, lets do the check": the check named, not a "yes" to whatever was last said.
        ranking = moved_first(ranking, config["readiness_intent"])
    if pay_asked(ranking, text, config):
        # "programmer here, would i take a pay cut moving to tpm": the pay, sure of it as
        # of both readings.
        ranking = absorbed(ranking, config["pay_intent"])
    if ranking[0]["name"] in config["required_degree_over"] and degree_required(text):
        # "in germany do you need a master's to be a tpm?": what the job needs.
        ranking = moved_first(ranking, config["education_intent"])
    if unsure_check_beside_topic(ranking, message, config):
        # "im a database admin, my cs degree is from 2009, is that still good enough for tpm
        # jobs": the education asked, then the check offered; starting it would not answer.
        ranking = moved_first(ranking, ranking[1]["name"])
    if only_introduces(message):
        # "i work as a scheduler": no question of working hours, whatever the words lean to.
        ranking = moved_first(ranking, config["introduction_intent"])
    return ranking
