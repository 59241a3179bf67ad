"""The readiness check without a server: the answer parsers, the validation action and the
result, built from real Trackers, the real domain and the real knowledge file."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.form_input import (
    FIELD_SKIPPED,
    MAX_YEARS,
    parse_education,
    parse_years,
)
from actions.readiness_form import (
    ActionAskEducationLevel,
    ActionAskSkills,
    ActionReadinessResult,
    ActionReadinessStart,
    ValidateReadinessForm,
    inform_payload,
)
from knowledge.loader import Knowledge
from tests.servers import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
FORM_SLOTS = DOMAIN["forms"]["readiness_form"]["required_slots"]


# --- the number parser -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "years"),
    [
        ("five", 5),
        ("5", 5),
        ("5 years", 5),
        ("about 3", 3),
        ("none", 0),
        ("I have none", 0),
        ("no experience", 0),
        ("zero", 0),
        ("twenty-five years", 25),
        ("a couple of years", 2),
        ("18 months", 1.5),
        ("3 and a half years", 3.5),
        ("3-4 years", 3),
        ("~7", 7),
        ("60", 60),
        (4, 4),
        (2.5, 2.5),
    ],
)
def test_years_are_read_from_words_and_figures(answer: Any, years: float) -> None:
    assert parse_years(answer).value == years


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("banana", "not_a_number"),
        ("no idea", "not_a_number"),
        ("5 years IT, 2 management", "not_a_number"),
        ("-3", "negative"),
        ("minus 2", "negative"),
        ("negative five", "negative"),
        (str(MAX_YEARS + 1), "too_many"),
        ("999 years", "too_many"),
        (999, "too_many"),
        (-1, "negative"),
        (True, "not_a_number"),
        (float("nan"), "not_a_number"),
        ({"years": 3}, "not_a_number"),
    ],
)
def test_unreadable_negative_and_absurd_years_are_refused(answer: Any, problem: str) -> None:
    years = parse_years(answer)
    assert years.value is None
    assert years.problem == problem


def test_education_reads_the_highest_level_and_the_field(knowledge: Knowledge) -> None:
    levels = knowledge.requirements.levels
    level, field = parse_education("Bachelor's in Computer Science", levels)
    assert (level.key, field) == ("bachelor", "Computer Science")
    assert parse_education("a BA and an MBA", levels)[0].key == "master"
    assert parse_education("as far as I know, none", levels)[0].key == "none"
    assert parse_education("I'm in my last year of a bachelor's", levels) == (
        levels["bachelor"],
        None,
    )
    assert parse_education("banana", levels) == (None, None)


def test_education_tolerates_a_slip_in_a_long_degree_word(knowledge: Knowledge) -> None:
    levels = knowledge.requirements.levels
    assert parse_education("bachlors in comp sci", levels) == (levels["bachelor"], "comp sci")
    assert parse_education("undergradute", levels)[0].key == "bachelor"
    assert parse_education("assosiate degree", levels)[0].key == "associate"
    # Short words must be exact: "matters" is not "masters".
    assert parse_education("it matters", levels) == (None, None)


# --- the validation action ---------------------------------------------------------------


def form_tracker(
    requested: str,
    value: Any,
    text: str,
    *,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    """The tracker Rasa hands the validation action: the answer extracted into `requested`."""
    all_slots = {slot: None for slot in (*FORM_SLOTS, "skills_picked", "role")}
    all_slots.update(slots or {}, requested_slot=requested, **{requested: value})
    message = {
        "text": text,
        "intent": {"name": "inform", "confidence": 0.99},
        "entities": entities or [],
    }
    return Tracker(
        sender_id="unit-test",
        slots=all_slots,
        latest_message=message,
        events=[
            {"event": "user", "text": text, "parse_data": message, "timestamp": 1.0},
            {"event": "action", "name": "readiness_form"},
            {"event": "slot", "name": requested, "value": value},
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": "readiness_form"},
        latest_action_name="readiness_form",
    )


def run(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def validated(
    requested: str, value: Any, text: str | None = None, **options: Any
) -> tuple[list[str], dict[str, Any]]:
    """The messages said and the slots set when `value` answers `requested`."""
    text = text if text is not None else str(value)
    messages, events = run(ValidateReadinessForm(), form_tracker(requested, value, text, **options))
    slots = {event["name"]: event["value"] for event in events if event["event"] == "slot"}
    return [message["text"] for message in messages], slots


def entity(name: str, value: Any) -> dict[str, Any]:
    return {"entity": name, "value": value}


@pytest.mark.parametrize("slot", ["it_experience_years", "management_experience_years"])
@pytest.mark.parametrize(("answer", "years"), [("five", 5), ("5 years", 5), ("about 3", 3)])
def test_years_answers_are_accepted(slot: str, answer: str, years: float) -> None:
    said, slots = validated(slot, answer)
    assert said == []
    assert slots[slot] == years


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_an_emptied_slot_is_no_wrong_answer(slot: str) -> None:
    """Starting the check empties the slots in the same turn; that must not say "Sorry"."""
    said, slots = validated(slot, None, "am I ready?")
    assert said == []
    assert slots[slot] is None


def test_none_means_zero_years() -> None:
    said, slots = validated("management_experience_years", "none")
    assert said == [] and slots["management_experience_years"] == 0


@pytest.mark.parametrize("slot", ["it_experience_years", "management_experience_years"])
@pytest.mark.parametrize("answer", ["banana", "-3", "61", "200 years", "a few"])
def test_bad_years_are_asked_again_with_an_example(
    knowledge: Knowledge, slot: str, answer: str
) -> None:
    said, slots = validated(slot, answer)
    assert slots[slot] is None
    assert said == [knowledge.messages["readiness_retry_years"]]
    assert "for example “5”, “about 3” or “none”" in said[0]
    assert "0 to 60" in said[0] and MAX_YEARS == 60


def test_a_typed_payload_with_an_absurd_number_is_refused(knowledge: Knowledge) -> None:
    payload = '/inform{"it_experience_years": 999}'
    said, slots = validated(
        "it_experience_years", 999, payload, entities=[entity("it_experience_years", 999)]
    )
    assert slots["it_experience_years"] is None
    assert said == [knowledge.messages["readiness_retry_years"]]


def test_a_typed_education_answer_also_answers_the_field() -> None:
    said, slots = validated("education_level", "I have a bachelor's in information technology")
    assert said == []
    assert slots["education_level"] == "bachelor"
    assert slots["education_field"] == "information technology"
    # Both are answered: Rasa asks the next question the form has no answer for.
    assert "requested_slot" not in slots


@pytest.mark.parametrize("payload_value", ["master", "associate", "none", "bachelor"])
def test_education_buttons_are_accepted(payload_value: str) -> None:
    text = inform_payload("education_level", payload_value)
    said, slots = validated(
        "education_level", payload_value, text, entities=[entity("education_level", payload_value)]
    )
    assert said == [] and slots["education_level"] == payload_value


@pytest.mark.parametrize("value", ["banana", "astronaut", "<b>boss</b>", 42, ""])
def test_an_unknown_education_is_asked_again(knowledge: Knowledge, value: Any) -> None:
    said, slots = validated("education_level", value, entities=[entity("education_level", value)])
    assert slots["education_level"] is None
    assert said == [knowledge.messages["readiness_retry_education_level"]]


def test_without_a_degree_the_field_is_not_asked() -> None:
    _, slots = validated("education_level", "no degree")
    assert slots["education_level"] == "none"
    assert slots["requested_slot"] == "it_experience_years"


@pytest.mark.parametrize(("answer", "field"), [("skip", FIELD_SKIPPED), ("Marketing", "Marketing")])
def test_field_answers(answer: str, field: str) -> None:
    said, slots = validated("education_field", answer, slots={"education_level": "bachelor"})
    assert said == [] and slots["education_field"] == field


@pytest.mark.parametrize("answer", ["/ask_salary", "12345", "x" * 200])
def test_a_field_that_is_not_one_is_asked_again(knowledge: Knowledge, answer: str) -> None:
    said, slots = validated("education_field", answer, slots={"education_level": "bachelor"})
    assert slots["education_field"] is None
    assert said == [knowledge.messages["readiness_retry_education_field"]]


def test_a_question_at_the_field_prompt_is_answered_not_taken_as_a_field(
    knowledge: Knowledge,
) -> None:
    """Topic intents may fill the field (a field reads like a topic); a question does not."""
    text = "what degree do I need?"
    tracker = form_tracker("education_field", text, text, slots={"education_level": "bachelor"})
    tracker.latest_message["intent"] = {"name": "ask_education", "confidence": 0.97}
    messages, events = run(ValidateReadinessForm(), tracker)
    assert messages[0]["text"] == knowledge.default_role.answers["education"].text
    assert {"event": "slot", "name": "education_field", "value": None} in [
        {key: event[key] for key in ("event", "name", "value")} for event in events
    ]
    # A field named like a topic is still a field.
    tracker = form_tracker("education_field", "civil engineering", "civil engineering")
    tracker.latest_message["intent"] = {"name": "ask_education", "confidence": 0.88}
    messages, events = run(ValidateReadinessForm(), tracker)
    assert messages == []
    assert any(e["name"] == "education_field" and e["value"] == "civil engineering" for e in events)


UNPLACED_QUESTION = "what does a senior tpm do differently"


@pytest.mark.parametrize(
    ("slot", "slots"),
    [
        ("education_level", {}),
        ("education_field", {"education_level": "bachelor"}),
        ("it_experience_years", {}),
        ("management_experience_years", {}),
        ("skills", {}),
    ],
)
def test_a_question_nlu_could_not_place_is_not_taken_for_a_wrong_answer(
    knowledge: Knowledge, slot: str, slots: dict[str, Any]
) -> None:
    """Not "Sorry, I didn't get your education": the asker asked something, and any text would
    otherwise pass as a field of study."""
    said, found = validated(slot, UNPLACED_QUESTION, slots=slots)
    assert said == [knowledge.messages["readiness_unplaced_question"]]
    assert found[slot] is None


def test_a_field_ending_in_a_question_mark_is_still_a_field() -> None:
    said, slots = validated(
        "education_field", "computer science?", slots={"education_level": "bachelor"}
    )
    assert said == [] and slots["education_field"] == "computer science"


def click(skill: str, picked: list[str] | None = None) -> tuple[list[str], dict[str, Any]]:
    text = inform_payload("skills", skill)
    return validated(
        "skills", [skill], text, slots={"skills_picked": picked}, entities=[entity("skills", skill)]
    )


def test_clicked_skills_add_up_until_done() -> None:
    said, slots = click("communication")
    assert said == []
    assert slots["skills"] is None and slots["skills_picked"] == ["communication"]
    _, slots = click("leadership", ["communication"])
    assert slots["skills"] is None and slots["skills_picked"] == ["communication", "leadership"]
    _, slots = click("done", ["communication", "leadership"])
    assert slots["skills"] == ["communication", "leadership"]
    assert slots["skills_picked"] is None


def test_a_typed_list_of_skills_is_the_whole_answer() -> None:
    said, slots = validated("skills", ["I'm good at time management and communication"])
    assert said == []
    assert slots["skills"] == ["communication", "organisation"]


def test_none_of_the_skills_is_an_answer() -> None:
    _, slots = click("none")
    assert slots["skills"] == []


@pytest.mark.parametrize("answer", ["banana", "juggling"])
def test_unknown_skills_are_asked_again(knowledge: Knowledge, answer: str) -> None:
    said, slots = validated("skills", [answer])
    assert slots["skills"] is None
    assert said == [knowledge.messages["readiness_retry_skills"]]
    said, slots = click("hacking", ["communication"])
    assert slots["skills"] is None
    assert said == [knowledge.messages["readiness_retry_skills"]]


# --- the questions -----------------------------------------------------------------------


def test_education_question_offers_every_level_as_a_button(knowledge: Knowledge) -> None:
    messages, _ = run(ActionAskEducationLevel(), form_tracker("education_level", None, "x"))
    assert messages[0]["text"] == knowledge.messages["readiness_ask_education_level"]
    payloads = [json.loads(b["payload"][len("/inform") :]) for b in messages[0]["buttons"]]
    assert payloads == [{"education_level": key} for key in knowledge.requirements.levels]


def test_skills_question_shows_what_is_picked_and_the_rest(knowledge: Knowledge) -> None:
    tracker = form_tracker("skills", None, "x", slots={"skills_picked": ["leadership"]})
    messages, _ = run(ActionAskSkills(), tracker)
    assert messages[0]["text"].startswith("So far: Leadership.")
    titles = [button["title"] for button in messages[0]["buttons"]]
    assert "Leadership" not in titles and "Communication" in titles
    assert titles[-1] == knowledge.messages["readiness_done"]


def test_start_forgets_earlier_answers_and_keeps_to_the_requirements_role(
    knowledge: Knowledge,
) -> None:
    tracker = form_tracker(
        "education_level",
        "bachelor",
        "am I ready to be a project coordinator?",
        entities=[entity("role", "project coordinator")],
    )
    messages, events = run(ActionReadinessStart(), tracker)
    assert messages[0]["text"].startswith("My sources list requirements only for the Technical")
    assert SlotSet("education_level", None) in events
    assert SlotSet("role", "technical project manager") in events


# --- the result --------------------------------------------------------------------------


def test_result_action_forgets_the_answers(knowledge: Knowledge) -> None:
    slots = {
        "education_level": "bachelor",
        "education_field": "skip",
        "it_experience_years": 2.0,
        "management_experience_years": 0.0,
        "skills": ["leadership"],
    }
    tracker = form_tracker("skills", ["leadership"], "done", slots=slots)
    messages, events = run(ActionReadinessResult(), tracker)
    assert messages[0]["text"].startswith("How your answers compare")
    assert messages[-1]["text"].startswith(("Source: ", "Sources: "))
    assert {event["name"] for event in events if event["value"] is None} >= set(FORM_SLOTS)


def test_a_place_asked_during_the_check_gets_what_it_takes_there(knowledge: Knowledge) -> None:
    """ "what about in australia?": what it takes, with what the sources leave out."""
    place = [entity("place", "Australia")]
    said, found = validated("education_level", "what about in australia", entities=place)
    education = knowledge.default_role.answers["education"].text
    assert said[0].startswith("My sources don't speak of Australia")
    assert said[1].startswith(" ".join(education.split()[:5])) and not found["education_level"]
