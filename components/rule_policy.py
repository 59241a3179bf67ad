"""Rasa's RulePolicy, with every turn ending in listening, whatever the message was.

When no rule fits a message, RulePolicy predicts the core fallback action (config.yml,
`core_fallback_action_name`). Rasa's own fallback action, `action_default_fallback`, reverts the
user's message, so the next prediction sees the turn before it and listens. Ours,
`action_show_topics`, keeps the message (its role, its unanswered-question record and the
context a "yes" refers to stay in the conversation), so RulePolicy finds no rule again, predicts
the fallback again, and so on until Rasa's processor stops at ten actions for one message: ten
identical replies, then a conversation whose every next turn starts in that state.

This policy closes the turn instead: once the fallback action has answered a message for which
no rule applies, it predicts `action_listen`. Rules still win whenever one applies, so a rule that
continues after `action_show_topics` (none does today) would keep working.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

# A rule's prediction has this confidence; the fallback predicted for "no rule" has the lower
# `core_fallback_threshold`.
RULE_CONFIDENCE = 1.0


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ListeningRulePolicy(RulePolicy):
    """RulePolicy that listens after its core fallback action instead of predicting it again."""

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        prediction = super().predict_action_probabilities(
            tracker, domain, rule_only_data=rule_only_data, **kwargs
        )
        fallback_name = self.config["core_fallback_action_name"]
        no_rule = (
            prediction.max_confidence_index == domain.index_for_action(fallback_name)
            and prediction.max_confidence < RULE_CONFIDENCE
        )
        if no_rule and tracker.latest_action_name == fallback_name:
            return listen_prediction(domain, self.__class__.__name__, self.priority)
        return prediction


def listen_prediction(domain: Domain, policy_name: str, priority: int) -> PolicyPrediction:
    """A certain prediction of `action_listen`: the turn is over."""
    probabilities = [0.0] * domain.num_actions
    probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = RULE_CONFIDENCE
    return PolicyPrediction(probabilities, policy_name, priority)
