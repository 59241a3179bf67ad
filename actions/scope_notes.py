"""What a question asks beyond the sources, said before the answer instead of dropped.

NLU (components/question_frame.py) reads from a message what it says beyond its topic: a place
("in Canada"), a pay period or span of years ("per month", "after ten years"), a seniority
("entry-level"), a job the sources don't describe named beside the TPM ("… than a product
manager"), a subject they never speak of ("is it stressful"), and the asker's own job. The
first three are slots (domain.yml); the others are read from the message. Here they become the
sentence that opens the answer, in the knowledge file's words:

- a topic whose answer gives figures (`uncovered.figures`): "My sources give no figure for
  Canada, and I won't convert or guess one. What they give are yearly averages for the United
  States." Nothing is converted;
- any other topic: "My sources don't speak of India in particular. What they say in general:";
- a job they don't describe: "My sources don't describe the product manager, …";
- a subject: "My sources don't speak of stress or pressure. What they say about working hours:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from knowledge.currencies import CURRENCY, is_currency
from knowledge.loader import Knowledge, Role, Topic

PLACE, PERIOD, SENIORITY = "place", "period", "seniority"
QUALIFIER_SLOTS = (PLACE, PERIOD, SENIORITY)
OTHER_ROLE, SUBJECT, ASKER_ROLE = "other_role", "subject", "asker_role"
COMPARED = "compared"
ASKER_PLACE = "asker_place"
# Levels said after the job, as a person (components/qualifiers.py): "tpm interns".
LEVELS_AFTER_THE_JOB = frozenset({"intern", "trainee", "apprentice", "director", "head"})
# A period pay is counted by: "per month", "hourly", "a week".
PAY_UNIT = re.compile(r"\b(?:hour|day|week|month)(?:ly)?\b|\b(?:daily|weekly|monthly)\b", re.I)
LVL = re.compile(r"\blvl\b")
OF_THE_JOB = re.compile(r"\s+of\s+(?:the\s+)?(?:tpms?|(?:technical\s+)?project\s+management|pmo)$")
HOURLY = re.compile(r"\b(?:per|an|a|each|by\s+the)\s+hour\b|\bhourly\b", re.IGNORECASE)
PAY_UNITS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month"}
UNIT = re.compile(r"\b(hour|day|week|month)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A span ahead of today: "in 10 yrs", "within a decade", "over the next 10 years", "5 years
# from now" (not "after 10 years" in a career, which the sources speak of).
YEARS_AHEAD = re.compile(
    r"\b(?:in|within|over)\s+(?:the\s+)?(?:next\s+|coming\s+)?(\w+)\s+(years?|yrs?|decades?)\b"
    r"|\b(\w+)\s+(years?|yrs?|decades?)\s+from\s+(?:now|today)\b",
    re.IGNORECASE,
)


def years_ahead(period: str) -> str | None:
    """ "10 years from now" for "in 10 yrs" or "10 years from now"; None for any other span."""
    ahead = YEARS_AHEAD.search(period)
    if ahead is None:
        return None
    count = ahead.group(1) or ahead.group(3)
    if count.casefold() in {"next", "coming"}:
        count = "a"  # "over the next decade"
    unit = (ahead.group(2) or ahead.group(4)).casefold().replace("yr", "year")
    return f"{count} {unit} from now"


# Words that carry no question of their own around a qualifier: "what about in Germany?",
# "would that be any different in australia".
# Words of pay, filler in a follow-up on the salary ("and the pay there?"), and the topic
# itself after another one.
PAY_TOPIC = "salary"
PAY_WORDS = frozenset(
    {"salary", "pay", "paid", "wage", "wages", "earn", "earnings", "money", "income", "make"}
)
FILLER = frozenset(
    """
    what whats what's about how and in for the a an is it its it's there then like same but or
    per at of with by if so ok okay also too same thing question salary pay specifically exactly
    just only then fine there generally one ones someone somebody anyone them those that this
    these person people give me show much many again roughly approximately approx around
    ballpark rough ish estimate estimated typically usually average avg guess number numbers
    figure figures amount which right correct accurate tho though thats that's tpm tpms pls
    please plz over here would be any different differ differs vary varies change changes
    similar will does do apply applies true
    """.split()
)
# The place and period the sources' figures are for: asked for alone after an answer ("fine,
# yearly then", "ok the us one"), a follow-up on its topic that needs no note.
COVERED_QUALIFIER = re.compile(
    r"\b(?:per\s+year|a\s+year|yearly|annual(?:ly)?|the\s+us|usa|u\.s\.?|americans?|america"
    r"|united\s+states|usd|us\s+dollars|dollars|in\s+general|generally|overall)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w'’]+")
# Where a sentence or clause of a message ends; the mark stays with the part it ends.
SENTENCE_END = re.compile(r"(?<=[.?!,;])\s+")
# Said of where the asker lives, wherever in a clause: "thats where i live", "where im from".
OF_WHERE_I_LIVE = re.compile(
    r"\bwhere\s+(?:i\s+live|i'?m\s+(?:from|based)|i\s+am\s+(?:from|based)|i\s+work)\b",
    re.IGNORECASE,
)
# "in the uk i mean": the asker putting a word right, asking nothing more.
PUTTING_RIGHT = re.compile(r"\bi\s+mean(?:t)?\b", re.IGNORECASE)
# How a sentence about the asker begins.
SELF_WORDS = frozenset("i im i'm i’m my i've ive i'd".split())


@dataclass(frozen=True)
class Frame:
    """What the latest message asks beyond its topic."""

    place: str | None = None
    period: str | None = None
    seniority: str | None = None
    other_role: str | None = None
    subject: str | None = None
    # The asker's own job, when this message says it.
    asker_role: str | None = None
    # Where the asker said they are, in this message or before.
    asker_place: str | None = None
    # Whether the message likens `other_role` to the job asked about ("same as", "vs").
    compared: bool = False

    @property
    def qualified(self) -> bool:
        return any((self.place, self.period, self.seniority))


def entity_value(latest_message: dict[str, Any], kind: str) -> str | None:
    for found in latest_message.get("entities") or []:
        if found.get("entity") == kind and isinstance(found.get("value"), str):
            return found["value"]
    return None


def likened(latest_message: dict[str, Any]) -> bool:
    """Whether NLU found a job the sources don't describe likened to the one asked about
    (components/role_reading.py gives its `other_role` the entity role `compared`)."""
    found = latest_message.get("entities") or []
    return any(e.get("entity") == OTHER_ROLE and e.get("role") == COMPARED for e in found)


def frame_of(tracker: Tracker, from_message: bool = False) -> Frame:
    """The frame of the latest message: its qualifier slots (or, with `from_message`, its
    entities, for a message whose intent sets no slot), and the other entities."""
    message = tracker.latest_message or {}

    def qualifier(kind: str) -> str | None:
        value = entity_value(message, kind) if from_message else tracker.get_slot(kind)
        return value if isinstance(value, str) and value.strip() else None

    return Frame(
        place=qualifier(PLACE) or place_referred_to(tracker),
        period=qualifier(PERIOD),
        seniority=qualifier(SENIORITY),
        other_role=entity_value(message, OTHER_ROLE),
        subject=entity_value(message, SUBJECT),
        asker_role=entity_value(message, ASKER_ROLE),
        asker_place=text_slot(tracker, ASKER_PLACE),
        compared=likened(message),
    )


# A place pointed back to: "what do they earn over there", "what about salary there per year"
# (not the "there" of "is there demand", which opens a question rather than ends one).
THERE = re.compile(
    r"\b(?:over|out|down|up)\s+there\b|\bin\s+(?:that|this)\s+(?:country|city|place|region)\b"
    r"|\b(?:salary|salaries|pay|earn|make|paid|work|hours|jobs?|demand|outlook)\s+there\b"
    r"|\bthere\W*$",
    re.IGNORECASE,
)


# The asker's own place pointed to: "ok and the working hours, similar over here?", "is it the
# same in my country" (not "UK based here", which says where they are).
HERE = re.compile(
    r"\bover\s+here\b|\bhere\s+(?:too|as\s+well|also)\b"
    r"|\b(?:in|for|to)\s+my\s+(?:country|city|region|part\s+of\s+the\s+world)\b"
    r"|\b(?:same|similar|different|the\s+case)\s+(?:\w+\s+)?here\b",
    re.IGNORECASE,
)


def place_referred_to(tracker: Tracker) -> str | None:
    """The place an earlier message of the conversation named, when the latest points back to
    it with "there" (or, to where the asker said they are, with "over here") and names none."""
    text = (tracker.latest_message or {}).get("text") or ""
    here = bool(HERE.search(text))
    if here and text_slot(tracker, ASKER_PLACE):
        return text_slot(tracker, ASKER_PLACE)
    if not here and not THERE.search(text):
        return None
    users = [event for event in tracker.events if event.get("event") == "user"]
    for event in reversed(users[:-1]):
        for kind in (ASKER_PLACE, PLACE) if here else (PLACE, ASKER_PLACE):
            value = entity_value(event.get("parse_data") or {}, kind)
            if value and value.strip():
                return value
    return None


def text_slot(tracker: Tracker, name: str) -> str | None:
    value = tracker.get_slot(name)
    return value if isinstance(value, str) and value.strip() else None


def cleared(tracker: Tracker) -> list[EventType]:
    """Forget the qualifier slots once answered, so they never reach the next question."""
    return [SlotSet(slot, None) for slot in QUALIFIER_SLOTS if tracker.get_slot(slot) is not None]


def only_qualifiers(text: str, frame: Frame) -> bool:
    """Whether a message says nothing but a qualifier ("what about in Germany?", "per month?"):
    a follow-up on the previous answer's topic."""
    if not frame.qualified and not COVERED_QUALIFIER.search(text):
        return False
    # "and in germany? im in munich": what the asker adds of themselves asks nothing.
    asked = [part for part in SENTENCE_END.split(text) if not says_of_self(part)]
    if not asked:
        # "i want to order chinese takeout": all said of the asker, nothing asked.
        return False
    rest = COVERED_QUALIFIER.sub(" ", PUTTING_RIGHT.sub(" ", " ".join(asked))).casefold()
    for value in (frame.place, frame.period, frame.seniority):
        if value:
            rest = rest.replace(value.casefold(), " ")
    # "what about in the UK, in pounds", "and how much earn in brazil?": a currency beside the
    # place, and words for pay, ask nothing more.
    rest = CURRENCY.sub(" ", rest)
    return all(word in FILLER or word in PAY_WORDS for word in WORD.findall(rest))


def qualified_topic(knowledge: Knowledge, previous: Topic, frame: Frame, text: str = "") -> Topic:
    """The topic a follow-up of qualifiers alone asks: the previous answer's, or pay when it
    names a currency ("how much is that in euros" after what a TPM is: only pay has one), or
    a pay period after a topic that gives no figure per period ("per month?" after whether
    it's worth it, whose answer names the pay)."""
    if PAY_TOPIC not in knowledge.topics:
        return previous
    if frame.place and is_currency(frame.place):
        return knowledge.topics[PAY_TOPIC]
    if PAY_WORDS & set(WORD.findall(text.casefold())) or CURRENCY.search(text):
        # "and how much earn in brazil?" after another topic: the pay, there.
        return knowledge.topics[PAY_TOPIC]
    per_period = previous.key in knowledge.uncovered.figures or previous.key in (
        knowledge.uncovered.given_per
    )
    if frame.period and PAY_UNIT.search(frame.period) and not per_period:
        return knowledge.topics[PAY_TOPIC]
    if frame.period and HOURLY.search(frame.period):
        # "per hour pls" after the hours: no schedule is given by the hour, only pay is.
        return knowledge.topics[PAY_TOPIC]
    return previous


def asks_pay_anew(text: str, topic_key: str | None, previous_key: str | None) -> bool:
    """Whether a follow-up that reads as qualifiers alone names pay after another topic: "and
    pay in pounds?" after the qualifications asks the salary there, not the qualifications."""
    return (
        topic_key == PAY_TOPIC
        and previous_key != PAY_TOPIC
        and bool(PAY_WORDS & set(WORD.findall(text.casefold())))
    )


def says_of_self(sentence: str) -> bool:
    """Whether a sentence of a message only says something of the asker ("im in munich",
    "i live in Berlin")."""
    words = WORD.findall(sentence.casefold())
    if OF_WHERE_I_LIVE.search(sentence) and "?" not in sentence:
        return True
    return bool(words) and words[0] in SELF_WORDS and "?" not in sentence


def period_phrase(period: str) -> str:
    """ "per month", "per hour", or the span of years as said ("after ten years")."""
    folded = " ".join(period.casefold().split())
    if folded in PAY_UNITS:
        return f"per {PAY_UNITS[folded]}"
    unit = UNIT.search(folded)
    if unit and not re.search(r"\b(year|yr|decade)", folded):
        return f"per {unit.group(1).lower()}"
    return folded


def seniority_phrase(level: str, role: Role) -> str:
    """ "for an entry-level TPM": the level before the role's short name; one said after the
    job, as a person ("tpm interns"), after it, in the singular: "for a TPM intern"."""
    level = " ".join(LVL.sub("level", level.casefold()).replace(" level", "-level").split())
    # "director of tpm": the rank said before the job, named as a TPM director.
    level = OF_THE_JOB.sub("", level)
    short = role.called.split(" ", 1)[-1] if role.called.startswith(("a ", "an ")) else role.called
    person = level.removesuffix("s")
    if person in LEVELS_AFTER_THE_JOB:
        return f"for {'an' if short[:1] in 'aeiouAEIOU' else 'a'} {short} {person}"
    article = "an" if level[:1] in "aeiou" else "a"
    return f"for {article} {level} {short}"


def qualifier_phrases(
    frame: Frame, role: Role, figures: bool, given_per: str | None = None
) -> list[str]:
    """What the question asks beyond the sources, each as it follows "no figure": periods only
    where the answer gives figures (a typical day "per month" is no question of its own), and
    not the one they are given for (hours "per day"); a calendar year for any topic."""
    phrases = []
    if frame.place:
        phrases.append(f"for {frame.place.strip()}")
    year = YEAR.search(frame.period or "")
    if frame.period and figures and period_phrase(frame.period) != f"per {given_per}":
        phrases.append(period_phrase(frame.period))
    elif year:
        # "job outlook for tpms in 2030": a year the sources don't speak of, whatever the topic.
        phrases.append(f"for {year.group()}")
    elif frame.period and (ahead := years_ahead(frame.period)):
        # "will tpm still be a thing in 10 years": the sources look no years ahead.
        phrases.append(ahead)
    if frame.seniority:
        phrases.append(seniority_phrase(frame.seniority, role))
    return phrases


def unknown_role_phrase(mention: str) -> str:
    """ "the product manager": a job as the user wrote it, singular, with an article."""
    words = " ".join(mention.split()).casefold()
    words = re.sub(r"^(a|an|the)\s+", "", words)
    if words.endswith("s") and not words.endswith("ss"):
        words = words[:-1]
    return f"the {words}"


def figure_note(knowledge: Knowledge, topic: Topic, qualifier: str) -> str:
    """ "My sources give no figure {qualifier} … What they give are …" for a figures topic."""
    covers = knowledge.uncovered.figures[topic.key].text
    return f"{knowledge.messages['no_figure'].format(qualifier=qualifier)} {covers}"


def scope_note(knowledge: Knowledge, role: Role, topic: Topic, frame: Frame) -> str | None:
    """The sentence that opens an answer whose question asks beyond the sources, or None."""
    messages = knowledge.messages
    notes = []
    step = knowledge.uncovered.mentioned_job(frame.other_role or "")
    # "is the career path the same in ireland, senior then consultant?": a step the answer
    # itself speaks of is no job left undescribed.
    if frame.other_role and topic.answered_by is None and (step is None or step.topic != topic.key):
        notes.append(messages["not_described"].format(role=unknown_role_phrase(frame.other_role)))
    figures = topic.key in knowledge.uncovered.figures
    given_per = knowledge.uncovered.given_per.get(topic.key)
    phrases = qualifier_phrases(frame, role, figures, given_per)
    if figures and frame.asker_place and not frame.place:
        # "What would I earn?" from someone who said they live in India.
        phrases.insert(0, f"for {frame.asker_place}")
    if figures and frame.place and is_currency(frame.place):
        # "whats that in pounds": a conversion asked for, and no figure in that currency.
        covers = knowledge.uncovered.figures[topic.key].text
        currency = frame.place.strip().casefold()
        notes.append(f"{messages['no_conversion'].format(currency=currency)} {covers}")
    elif figures and phrases:
        notes.append(figure_note(knowledge, topic, " or ".join(phrases)))
    elif phrases:
        named = " or ".join(p.removeprefix("for ") for p in phrases)
        notes.append(messages["not_specific"].format(qualifier=named))
    subject = knowledge.uncovered.subjects.get(frame.subject or "")
    if subject is not None:
        notes.append(
            messages["uncovered_subject"].format(subject=subject.called, topic=topic.in_a_sentence)
        )
    return " ".join(notes) or None
