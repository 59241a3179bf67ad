"""The readiness check ("Am I ready to be a TPM?"): a Rasa form and the actions around it.

- `action_readiness_start` opens the check with a clean slate (answers of an earlier check that
  was left half-way must not skip questions now), but for a degree the message that started it
  names ("I have a bachelors in IT, am i ready?"), which is not asked again;
- `action_ask_<slot>` ask each question, with buttons where there are set answers;
- `validate_readiness_form` reads every answer with actions.form_input and refuses, with an
  example of a valid answer, what it cannot read. Button payloads and typed `/inform{...}` go
  through the same parsers as text: no value is taken on trust;
- `action_readiness_result` compares the answers with the knowledge file's requirements
  (actions.readiness) and forgets them; `action_readiness_stopped` leaves politely.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.dispatching import send
from actions.follow_up_reading import OFF_TOPIC_INTENT, follow_up_topic, leans_on_answer
from actions.form_input import (
    DONE,
    NO_SKILLS,
    SkillsAnswer,
    degree_told,
    looks_like_question,
    opens_as_question,
    parse_education,
    parse_field,
    parse_skill_picks,
    parse_skills_text,
    parse_years,
)
from actions.readiness import Profile, assess, result_messages
from actions.replies import menu_buttons
from actions.scope_notes import ASKER_ROLE, frame_of, only_qualifiers, qualified_topic
from actions.slot_names import ROLE_SLOT
from actions.topic_answers import answer_topic, asker_phrase
from knowledge.loader import Knowledge, get_knowledge

LEVEL = "education_level"
FIELD = "education_field"
IT_YEARS = "it_experience_years"
MANAGEMENT_YEARS = "management_experience_years"
SKILLS = "skills"
# What the check weighs first, and the topic a place or period asked during it qualifies.
CHECK_TOPIC = "education"
# The skills clicked so far, before "Done".
PICKED = "skills_picked"
# An off-topic message of this many words is a request ("play some music"), not an answer.
MIN_REQUEST_WORDS = 3
FORM_SLOTS = (LEVEL, FIELD, IT_YEARS, MANAGEMENT_YEARS, SKILLS)
# The topic each question of the check asks about, which a follow-up of it asks too.
STEP_TOPICS = {
    LEVEL: "education",
    FIELD: "education",
    IT_YEARS: "experience",
    MANAGEMENT_YEARS: "experience",
    SKILLS: "skills",
}


def inform_payload(slot: str, value: str) -> str:
    """A button payload that answers `slot` with `value`, e.g. /inform{"skills":"leadership"}."""
    return "/inform" + json.dumps({slot: value}, separators=(",", ":"))


def forget_answers() -> list[EventType]:
    """Events that empty every answer of the check, so the next check starts from scratch."""
    return [SlotSet(slot, None) for slot in (*FORM_SLOTS, PICKED)]


def say_retry(dispatcher: CollectingDispatcher, tracker: Tracker, retry_key: str) -> None:
    """Ask again for an answer the check could not read. A question NLU could not place ("what
    does a senior tpm do differently") is no wrong answer: it is told it was not understood as a
    question, not that the asker's education was. A place or period alone, or a short question
    that follows up the check's own ("how long would all that take"), is answered; an
    off-topic request is declined as one. The form then asks its question again."""
    knowledge = get_knowledge()
    text = tracker.latest_message.get("text")
    frame = frame_of(tracker, from_message=True)
    if frame.qualified and only_qualifiers(str(text or ""), frame):
        # "what about in australia?" during the check: what it takes to become a TPM, asked for
        # a place or period, which the answer says the sources don't speak of.
        topic = qualified_topic(knowledge, knowledge.topics[CHECK_TOPIC], frame)
        answer_topic(dispatcher, knowledge, topic, tracker.get_slot(ROLE_SLOT), frame)
        return
    if looks_like_question(text) and leans_on_answer(tracker.latest_message):
        # "how long would all that take" at the years question: a follow-up of what the check
        # is asking about, though NLU, reading it alone, could not place it.
        step = knowledge.topics[STEP_TOPICS.get(str(tracker.get_slot(REQUESTED_SLOT)), CHECK_TOPIC)]
        topic = follow_up_topic(knowledge, tracker.latest_message, step, frame)
        answer_topic(dispatcher, knowledge, topic, tracker.get_slot(ROLE_SLOT), frame)
        return
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    asks = looks_like_question(text) or len(str(text or "").split()) >= MIN_REQUEST_WORDS
    if intent == OFF_TOPIC_INTENT and asks:
        # "what time is it", "book me a flight to rome" during the check: declined as
        # off-topic, not taken for a question the assistant failed to understand; "banana" is
        # a wrong answer, asked again with an example.
        key = "readiness_off_topic"
    else:
        key = "readiness_unplaced_question" if looks_like_question(text) else retry_key
    dispatcher.utter_message(text=knowledge.messages[key])


def lowest_level_key(knowledge: Knowledge) -> str:
    """The education level that means "no degree": the first (lowest) one."""
    return min(knowledge.requirements.levels.values(), key=lambda level: level.rank).key


class ActionReadinessStart(Action):
    """Open the check: say what it is, forget earlier answers, keep the subject on its role."""

    def name(self) -> str:
        return "action_readiness_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        role = knowledge.requirements.role
        events = forget_answers()
        text = knowledge.messages["readiness_intro"]
        named = [
            str(entity.get("value"))
            for entity in tracker.latest_message.get("entities") or []
            if entity.get("entity") == ROLE_SLOT
        ]
        if named:
            if any(knowledge.find_role(mention) is not role for mention in named):
                other = knowledge.messages["readiness_other_role"].format(role=role.name)
                text = f"{other} {text}"
            # The check is about its role, so questions in between are about it too.
            events.append(SlotSet(ROLE_SLOT, role.aliases[0]))
        said = str(tracker.latest_message.get("text") or "")
        degree = None if said.startswith("/") else degree_told(said, knowledge.requirements.levels)
        if degree is not None:
            # "I have a bachelors in IT and 2 years as a team lead, am i ready?": what was
            # said is not asked again.
            events.append(SlotSet(LEVEL, degree.key))
            known = knowledge.messages["readiness_known_education"].format(level=degree.called)
            text = f"{text} {known}"
        asker = tracker.get_slot(ASKER_ROLE)
        if isinstance(asker, str) and asker and knowledge.find_role(asker) is not role:
            phrase = asker_phrase(knowledge, asker)
            dispatcher.utter_message(
                text=knowledge.messages["readiness_asker"].format(asker=phrase)
            )
        dispatcher.utter_message(text=text)
        return events


class _AskAction(Action, ABC):
    """Ask one question of the form; the wording is the knowledge file's.

    Abstract (each subclass names its slot), so the action server registers only the subclasses.
    """

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this action asks for; Rasa finds the action by its name."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def buttons(self, knowledge: Knowledge, tracker: Tracker) -> list[dict[str, str]]:
        return []

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        text = knowledge.messages[f"readiness_ask_{self.slot}"]
        dispatcher.utter_message(text=text, buttons=self.buttons(knowledge, tracker))
        return []


class ActionAskEducationLevel(_AskAction):
    slot = LEVEL

    def buttons(self, knowledge: Knowledge, tracker: Tracker) -> list[dict[str, str]]:
        return [
            {"title": level.label, "payload": inform_payload(LEVEL, level.key)}
            for level in knowledge.requirements.levels.values()
        ]


class ActionAskEducationField(_AskAction):
    slot = FIELD


class ActionAskItExperienceYears(_AskAction):
    slot = IT_YEARS


class ActionAskManagementExperienceYears(_AskAction):
    slot = MANAGEMENT_YEARS


class ActionAskSkills(_AskAction):
    """The skills question: one button per skill not picked yet, and how to finish."""

    slot = SKILLS

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        skills = knowledge.requirements.skills
        picked = [key for key in skills if key in (tracker.get_slot(PICKED) or [])]
        buttons = [
            {"title": skill.label, "payload": inform_payload(SKILLS, key)}
            for key, skill in skills.items()
            if key not in picked
        ]
        if picked:
            labels = ", ".join(skills[key].label for key in picked)
            text = knowledge.messages["readiness_skills_so_far"].format(skills=labels)
            finish, value = knowledge.messages["readiness_done"], DONE
        else:
            text = knowledge.messages["readiness_ask_skills"]
            finish, value = knowledge.messages["readiness_no_skills"], NO_SKILLS
        buttons.append({"title": finish, "payload": inform_payload(SKILLS, value)})
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ValidateReadinessForm(FormValidationAction):
    """Read and check every answer; refuse what can't be read, with an example to follow."""

    def name(self) -> str:
        return "validate_readiness_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        # Without a degree there is no field of study to ask about.
        if tracker.get_slot(LEVEL) == lowest_level_key(get_knowledge()):
            return [slot for slot in domain_slots if slot != FIELD]
        return domain_slots

    # Each validate_<slot> first lets an empty value through unremarked: Rasa also hands over
    # the slots action_readiness_start emptied in the same turn, and no answer is no wrong one.

    def validate_education_level(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {LEVEL: None}
        knowledge = get_knowledge()
        level, field = parse_education(value, knowledge.requirements.levels)
        if level is None:
            say_retry(dispatcher, tracker, "readiness_retry_education_level")
            return {LEVEL: None}
        answers: dict[str, Any] = {LEVEL: level.key}
        # "bachelor's in computer science" answers the next question too.
        if field is not None and level.key != lowest_level_key(knowledge):
            answers[FIELD] = field
        return answers

    async def validate_education_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {FIELD: None}
        knowledge = get_knowledge()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = tracker.latest_message.get("text")
        topic = knowledge.topic_for_intent(intent)
        if topic is not None and looks_like_question(text):
            # Topic intents fill this slot (domain.yml), so a real question arrives here: answer
            # it as the rules would elsewhere in the form; the field is asked for again.
            # About the role this message names, else the check's own: the check is about it.
            named = next(tracker.get_latest_entity_values(ROLE_SLOT), None)
            mention = named or knowledge.requirements.role.aliases[0]
            events = answer_topic(dispatcher, knowledge, topic, mention)
            role = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
            return {FIELD: None, **role}
        if opens_as_question(text):
            # An answer is a field ("marketing", "computer science?"), not a question NLU could
            # not place ("what does a senior tpm do differently"), which any text would pass as.
            say_retry(dispatcher, tracker, "readiness_retry_education_field")
            return {FIELD: None}
        field = parse_field(value)
        if field is None:
            say_retry(dispatcher, tracker, "readiness_retry_education_field")
        return {FIELD: field}

    def validate_it_experience_years(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {IT_YEARS: self._years(value, dispatcher, tracker)}

    def validate_management_experience_years(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {MANAGEMENT_YEARS: self._years(value, dispatcher, tracker)}

    @staticmethod
    def _years(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> float | None:
        if value is None:
            return None
        years = parse_years(value)
        if years.value is None:
            say_retry(dispatcher, tracker, "readiness_retry_years")
        return years.value

    def validate_skills(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {SKILLS: None}
        knowledge = get_knowledge()
        skills = knowledge.requirements.skills
        clicked = list(tracker.get_latest_entity_values(SKILLS))
        answer: SkillsAnswer = (
            parse_skill_picks(clicked, skills) if clicked else parse_skills_text(value, skills)
        )
        picked = set(tracker.get_slot(PICKED) or []) & set(skills)
        if not answer.understood:
            say_retry(dispatcher, tracker, "readiness_retry_skills")
            return {SKILLS: None}
        picked |= answer.picked
        ordered = [key for key in skills if key in picked]
        if answer.complete:
            return {SKILLS: ordered, PICKED: None}
        return {SKILLS: None, PICKED: ordered}


def profile_from(tracker: Tracker, knowledge: Knowledge) -> Profile | None:
    """The validated answers as a Profile; None if any is missing (the form did not finish)."""
    levels = knowledge.requirements.levels
    level, _ = parse_education(tracker.get_slot(LEVEL), levels)
    it_years = parse_years(tracker.get_slot(IT_YEARS)).value
    management_years = parse_years(tracker.get_slot(MANAGEMENT_YEARS)).value
    skills = tracker.get_slot(SKILLS)
    if level is None or it_years is None or management_years is None or skills is None:
        return None
    field = tracker.get_slot(FIELD)
    return Profile(
        level=level,
        field=parse_field(field) if field is not None else None,
        it_years=it_years,
        management_years=management_years,
        skills=frozenset(key for key in skills if key in knowledge.requirements.skills),
    )


class ActionReadinessResult(Action):
    """Say how the person compares with the requirements, then forget the answers."""

    def name(self) -> str:
        return "action_readiness_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        profile = profile_from(tracker, knowledge)
        if profile is None:
            dispatcher.utter_message(
                text=knowledge.messages["fallback"], buttons=menu_buttons(knowledge)
            )
        else:
            send(dispatcher, result_messages(knowledge, assess(profile, knowledge)))
        return forget_answers()


class ActionReadinessStopped(Action):
    """Leave the check politely, forgetting the answers given so far."""

    def name(self) -> str:
        return "action_readiness_stopped"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        dispatcher.utter_message(
            text=knowledge.messages["readiness_stopped"], buttons=menu_buttons(knowledge)
        )
        return forget_answers()
