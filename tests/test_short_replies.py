"""Short replies and Rasa's commands, unit by unit on real rasa_sdk Trackers.

"yes" and "no" mean what the previous turn offered, and a hesitation ("hmm") is neither; an
answer to the readiness check with no check under way is met with an offer to start it;
"/restart" and "/session_start" greet.
"""

from __future__ import annotations

import asyncio
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, Restarted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.commands import ActionRestart, ActionSessionStart
from actions.replies import menu_buttons
from actions.short_replies import ActionShortReply, readiness_offer
from knowledge.loader import Knowledge
from knowledge.message_fields import CHOICE_KEY, OFFER_KEY
from tests.servers import ROOT
from tests.trackers import in_conversation

DOMAIN: dict[str, Any] = {"session_config": {"carry_over_slots_to_new_session": True}}
CHOICES = [
    {"title": "Who reports to a TPM?", "payload": "/ask_who_reports"},
    {"title": "Whom does a TPM report to?", "payload": "/ask_reports_to"},
    {"title": "Something else", "payload": "/ask_capabilities"},
]


def run(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[Any]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def offer_event(knowledge: Knowledge) -> dict[str, Any]:
    """The offer as Rasa logs it: text and buttons in data, the rest in metadata."""
    offer = readiness_offer(knowledge)
    return {
        "text": offer["text"],
        "data": {"buttons": offer["buttons"]},
        "metadata": {OFFER_KEY: offer[OFFER_KEY]},
    }


def test_a_stray_answer_to_the_check_is_met_with_an_offer_to_start_it(
    knowledge: Knowledge,
) -> None:
    messages, events = run(ActionShortReply(), in_conversation("inform", "5", before=[]))
    [message] = messages
    assert message["text"] == knowledge.messages["offer_readiness"]
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]
    assert message[OFFER_KEY] == "action_readiness_start"
    assert events == []


def test_yes_to_the_offer_starts_the_check(knowledge: Knowledge) -> None:
    tracker = in_conversation("affirm", "yes", before=[offer_event(knowledge)])
    messages, events = run(ActionShortReply(), tracker)
    assert messages == []
    assert events == [FollowupAction("action_readiness_start")]


def test_no_to_the_offer_declines_it(knowledge: Knowledge) -> None:
    messages, events = run(
        ActionShortReply(), in_conversation("deny", "no", before=[offer_event(knowledge)])
    )
    assert [m["text"] for m in messages] == [knowledge.messages["declined_offer"]]
    assert messages[0]["buttons"] == menu_buttons(knowledge)


def test_an_offer_counts_only_in_the_turn_right_after_it(knowledge: Knowledge) -> None:
    """An offer two turns back is gone: the turn in between answered something else."""
    tracker = in_conversation("affirm", "yes", before=[{"text": "An answer.", "data": {}}])
    older = {"event": "user", "text": "5", "parse_data": {"intent": {"name": "inform"}}}
    tracker.events[:0] = [older, {"event": "bot", **offer_event(knowledge)}]
    messages, events = run(ActionShortReply(), tracker)
    assert [m["text"] for m in messages] == [knowledge.messages["affirm_nothing_offered"]]
    assert events == []


def test_yes_to_a_choice_asks_which_one(knowledge: Knowledge) -> None:
    choice = {
        "text": knowledge.messages["did_you_mean"],
        "data": {"buttons": CHOICES},
        "metadata": {CHOICE_KEY: True},
    }
    messages, _ = run(ActionShortReply(), in_conversation("affirm", "yes", before=[choice]))
    [message] = messages
    assert message["text"] == knowledge.messages["pick_one"]
    assert message["buttons"] == CHOICES[:2]


def test_yes_after_plain_buttons_is_not_taken_for_a_choice(knowledge: Knowledge) -> None:
    """Follow-up buttons under an answer are suggestions, not a question to say yes to."""
    answer = {"text": "Sources: …", "data": {"buttons": CHOICES[:2]}, "metadata": {}}
    messages, _ = run(ActionShortReply(), in_conversation("affirm", "ok", before=[answer]))
    assert [m["text"] for m in messages] == [knowledge.messages["affirm_nothing_offered"]]


def test_no_with_nothing_offered(knowledge: Knowledge) -> None:
    messages, _ = run(ActionShortReply(), in_conversation("deny", "nope", before=[]))
    assert [m["text"] for m in messages] == [knowledge.messages["deny_nothing_offered"]]


def test_restart_greets_anew_and_forgets(knowledge: Knowledge) -> None:
    messages, events = run(ActionRestart(), in_conversation("restart", "/restart", before=[]))
    assert [m["text"] for m in messages] == [knowledge.messages["greeting"]]
    assert events == [Restarted()]


def test_a_typed_session_start_greets_and_keeps_the_slots(knowledge: Knowledge) -> None:
    tracker = in_conversation(
        "session_start", "/session_start", before=[], slots={"role": "TPM", "topic": None}
    )
    messages, events = run(ActionSessionStart(), tracker)
    assert [m["text"] for m in messages] == [knowledge.messages["greeting"]]
    assert events[0] == SessionStarted()
    assert SlotSet("role", "TPM") in events
    assert not any(e.get("name") == "topic" for e in events if e.get("event") == "slot")
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"


def test_a_session_started_by_rasa_itself_is_silent() -> None:
    """Rasa runs action_session_start before a new conversation's first message: no greeting."""
    tracker = in_conversation("ask_salary", "what does a tpm earn", before=[])
    tracker.events[:] = tracker.events[:3]
    messages, events = run(ActionSessionStart(), tracker)
    assert messages == []
    assert events[0] == SessionStarted()


def test_say_that_again_repeats_the_previous_turn_with_its_offer(knowledge: Knowledge) -> None:
    offer = offer_event(knowledge)
    messages, events = run(ActionShortReply(), in_conversation("repeat", "again?", before=[offer]))
    [message] = messages
    assert message["text"] == offer["text"]
    assert message["buttons"] == offer["data"]["buttons"]
    assert message[OFFER_KEY] == "action_readiness_start"
    assert events == []


def test_say_that_again_with_nothing_said(knowledge: Knowledge) -> None:
    messages, _ = run(ActionShortReply(), in_conversation("repeat", "repeat that", before=[]))
    assert [m["text"] for m in messages] == [knowledge.messages["nothing_to_repeat"]]


def as_logged(message: dict[str, Any]) -> dict[str, Any]:
    """A message the action sent, as Rasa logs it for the next turn: marks go to metadata."""
    marks = {key: message[key] for key in (OFFER_KEY, CHOICE_KEY) if key in message}
    return {
        "text": message["text"],
        "data": {"buttons": message.get("buttons") or []},
        "metadata": marks,
    }


def test_a_hesitation_is_no_yes_to_the_offer_which_still_stands(knowledge: Knowledge) -> None:
    offer = offer_event(knowledge)
    messages, events = run(ActionShortReply(), in_conversation("hesitate", "hmm", before=[offer]))
    [message] = messages
    assert message["text"] == knowledge.messages["hesitate_offered"]
    assert message["buttons"] == offer["data"]["buttons"]
    assert message[OFFER_KEY] == "action_readiness_start"
    assert events == []
    # "yes" after the hesitation still accepts the offer.
    tracker = in_conversation("affirm", "ok yes", before=[as_logged(message)])
    assert run(ActionShortReply(), tracker) == ([], [FollowupAction("action_readiness_start")])


def test_a_hesitation_after_a_choice_shows_the_same_choice(knowledge: Knowledge) -> None:
    choice = {
        "text": knowledge.messages["did_you_mean"],
        "data": {"buttons": CHOICES},
        "metadata": {CHOICE_KEY: True},
    }
    before = [{"text": "An earlier message.", "data": {}}, choice]
    messages, events = run(ActionShortReply(), in_conversation("hesitate", "not sure", before))
    [message] = messages
    assert message["text"] == knowledge.messages["hesitate_offered"]
    assert message["buttons"] == CHOICES
    assert message[CHOICE_KEY] is True
    assert events == []
    # "yes" after it still asks which one.
    tracker = in_conversation("affirm", "yes", before=[as_logged(message)])
    [again] = run(ActionShortReply(), tracker)[0]
    assert again["text"] == knowledge.messages["pick_one"]
    assert again["buttons"] == CHOICES[:2]


def test_a_hesitation_with_nothing_offered_points_to_the_topics(knowledge: Knowledge) -> None:
    answer = {"text": "Sources: …", "data": {"buttons": CHOICES[:2]}, "metadata": {}}
    for before in ([], [answer]):
        messages, events = run(ActionShortReply(), in_conversation("hesitate", "erm", before))
        [message] = messages
        assert message["text"] == knowledge.messages["hesitate_nothing_offered"]
        assert message["buttons"] == menu_buttons(knowledge)
        assert OFFER_KEY not in message and CHOICE_KEY not in message
        assert events == []


def test_a_hesitation_in_the_readiness_check_is_no_answer(knowledge: Knowledge) -> None:
    """No rush; the check's rule then runs the form, which asks its question again."""
    question = {"text": knowledge.messages["readiness_ask_it_experience_years"], "data": {}}
    tracker = in_conversation("hesitate", "let me think", before=[question])
    tracker.active_loop = {"name": "readiness_form"}
    messages, events = run(ActionShortReply(), tracker)
    assert [m["text"] for m in messages] == [knowledge.messages["hesitate_in_check"]]
    assert messages[0]["buttons"] == []
    assert events == []


def test_a_hesitation_fills_no_slot() -> None:
    """Neither the role nor an answer of the readiness check: every mapping that reads a
    message's text or entities either leaves hesitations out or takes only its own intent."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert "hesitate" in domain["intents"]
    for name, slot in domain["slots"].items():
        for mapping in slot.get("mappings") or []:
            if mapping["type"] not in ("from_text", "from_entity"):
                continue
            where = f"slot {name}, {mapping['type']}"
            if "not_intent" in mapping:
                assert "hesitate" in mapping["not_intent"], where
            else:
                assert "hesitate" not in (mapping.get("intent") or []), where
                assert mapping.get("intent"), where
