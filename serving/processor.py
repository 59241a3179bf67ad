"""Rasa's MessageProcessor with two guarantees: every message gets an answer, and no message
costs more than a short one.

- Input is cleaned first (serving.user_input): control characters dropped, overlong text cut
  with a note to the user, an empty message answered without running NLU.
- When the action server cannot be reached, Rasa logs the error and says nothing. Here the user
  gets an apology at once, and the conversation goes on normally once the server is back.

The processor is also where Rasa loads the model, so it settles memory once that is done
(`serving.startup.settle_loaded_model`).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import Action, ActionExecutionRejection, RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from serving.replies import ACTION_SERVER_DOWN_REPLY
from serving.startup import settle_loaded_model
from serving.user_input import EMPTY_MESSAGE_REPLY, clean

logger = logging.getLogger(__name__)


class ApologisingRemoteAction(Action):
    """A custom action (or form) that apologises instead of going silent when the action server
    fails."""

    def __init__(self, remote: Action) -> None:
        self.remote = remote

    def name(self) -> str:
        return self.remote.name()

    async def run(
        self,
        output_channel: OutputChannel,
        nlg: NaturalLanguageGenerator,
        tracker: DialogueStateTracker,
        domain: Domain,
    ) -> list[Event]:
        try:
            return await self.remote.run(output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException:
            logger.exception("Custom action '%s' failed; apologising to the user.", self.name())
            return [BotUttered(ACTION_SERVER_DOWN_REPLY, metadata={"error": "action_server"})]


class CarefulMessageProcessor(MessageProcessor):
    """MessageProcessor that cleans input and never leaves a user without a reply."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rasa's __init__ has loaded the model: nothing long-lived is left to create.
        settle_loaded_model()

    async def handle_message(self, message: UserMessage) -> list[dict[str, Any]] | None:
        cleaned = clean(message.text or "")
        if not cleaned.text:
            await message.output_channel.send_text_message(message.sender_id, EMPTY_MESSAGE_REPLY)
            return getattr(message.output_channel, "messages", None)
        if cleaned.note:
            await message.output_channel.send_text_message(message.sender_id, cleaned.note)
        message.text = cleaned.text
        return await super().handle_message(message)

    async def _run_action(
        self,
        action: Action,
        tracker: DialogueStateTracker,
        output_channel: OutputChannel,
        nlg: NaturalLanguageGenerator,
        prediction: Any,
    ) -> bool:
        # A form calls the action server too (its validation action), so it is guarded the same way.
        if isinstance(action, (RemoteAction, FormAction)):
            action = ApologisingRemoteAction(action)
        return await super()._run_action(action, tracker, output_channel, nlg, prediction)
