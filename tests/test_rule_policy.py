"""components.rule_policy: once the fallback action has answered, the turn ends listening.

Every intent has a rule today, so no conversation reaches this state; the policy is the
guarantee that a future intent without one, or any state no rule covers, gets one fallback
reply instead of ten. Checked with the trained model's own policy on a state no rule covers.
"""

from __future__ import annotations

from rasa.core.agent import Agent
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tests.servers import MODEL

FALLBACK_ACTION = "action_show_topics"


def predicted(agent: Agent, events: list) -> str:
    tracker = DialogueStateTracker.from_events("policy-test", events, slots=agent.domain.slots)
    prediction = agent.processor._predict_next_with_tracker(tracker)
    return agent.domain.action_names_or_texts[prediction.max_confidence_index]


def test_no_rule_then_fallback_then_listening() -> None:
    agent = Agent.load(MODEL)
    question = UserUttered("what does a tpm earn", {"name": "ask_salary", "confidence": 1.0})
    # A state no rule covers: the salary question, then the fallback action instead of the
    # answer. Rasa's RulePolicy would predict the fallback again (and again, ten times).
    events = [ActionExecuted(ACTION_LISTEN_NAME), question, ActionExecuted(FALLBACK_ACTION)]
    assert predicted(agent, events) == ACTION_LISTEN_NAME
    # Where a rule applies, it still decides.
    assert predicted(agent, events[:2]) == "action_answer_topic"
