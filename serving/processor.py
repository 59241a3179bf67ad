"""Rasa's MessageProcessor with two guarantees: every message gets an answer, and no message
costs more than a short one; and a message that asks two questions gets both answers.

- Input is cleaned first (serving.user_input): control characters dropped, overlong text cut
  with a note to the user, an empty message answered without running NLU.
- When the action server cannot be reached, Rasa logs the error and says nothing. Here the user
  gets an apology at once, and the conversation goes on normally once the server is back.
- When the conversation store fails (serving.store_health), the user gets an apology instead of
  an answer that would be forgotten: the answer is held back until the turn is stored, and
  dropped if it cannot be. Once the database is back the conversation goes on from what it holds.

- A session also ends after a number of turns (serving.session_length), so a conversation that
  never pauses costs no more per message than a short one.

The processor is also where Rasa loads the model, so it settles memory once that is done
(`serving.startup.settle_loaded_model`).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import (
    Action,
    ActionExecutionRejection,
    ActionSessionStart,
    RemoteAction,
)
from rasa.core.actions.forms import FormAction
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from serving.apologies import ACTION_SERVER_DOWN_REPLY, STORE_DOWN_REPLY
from serving.multi_questions import question_parts
from serving.session_length import session_is_full
from serving.startup import settle_loaded_model
from serving.store_health import SERVING, TrackerStoreUnavailable
from serving.user_input import EMPTY_MESSAGE_REPLY, clean

logger = logging.getLogger(__name__)
# A job the sources don't describe, named beside one they do (components/role_reading.py).
OTHER_ROLE = "other_role"
# Entities of components/question_frame.py after which an answer has a note or an offer more.
NOTE_ENTITIES = {"place", "period", "seniority", "subject", OTHER_ROLE, "asker_role"}
# Intents whose answer opens with a note whatever the message names: a subject the sources
# don't speak of, named by no lookup, is said so before the nearest topic.
NOTE_INTENTS = {"ask_uncovered"}
# The readiness check starts with its introduction and first question: beside another answer,
# that would be more than four messages ("would tpm fit me and what does it pay").
WHOLE_INTENTS = {"ask_readiness"}
ASKER_PLACE_SLOT = "asker_place"
# The questions of the knowledge file are intents named `ask_<topic>`; so are the questions
# about the assistant ("ask_capabilities", "ask_sources"), which may be asked together with one.
QUESTION_INTENT_PREFIX = "ask_"


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
            if self.name() == ACTION_SESSION_START_NAME:
                # Our action_session_start (actions/commands.py) only adds a greeting to Rasa's:
                # without the action server the session still starts, silently, and the apology
                # comes once, from the action that answers the message.
                logger.warning("action_session_start failed; starting the session with Rasa's.")
                return await ActionSessionStart().run(output_channel, nlg, tracker, domain)
            logger.exception("Custom action '%s' failed; apologising to the user.", self.name())
            return [BotUttered(ACTION_SERVER_DOWN_REPLY, metadata={"error": "action_server"})]


class HeldBackOutputChannel(OutputChannel):
    """The turn's bot messages, kept until the turn is stored and then sent on `channel`.

    Rasa sends each message as its action runs and stores the turn afterwards; a user who saw
    the answer of a turn that was then not stored would find it gone, with what it set (the
    role being discussed, the readiness check's answers), after the next restart.
    """

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.pending: list[tuple[str, dict[str, Any]]] = []

    def name(self) -> str:
        # Responses may differ per channel (domain `channel:` variations).
        return self.channel.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.pending.append((recipient_id, message))

    async def flush(self) -> None:
        for recipient_id, message in self.pending:
            await self.channel.send_response(recipient_id, message)
        self.pending.clear()


class CarefulMessageProcessor(MessageProcessor):
    """MessageProcessor that cleans input and never leaves a user without a reply."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rasa's __init__ has loaded the model: nothing long-lived is left to create.
        settle_loaded_model()
        SERVING.serving_with(self.tracker_store)

    async def handle_message(self, message: UserMessage) -> list[dict[str, Any]] | None:
        cleaned = clean(message.text or "")
        if not cleaned.text:
            await message.output_channel.send_text_message(message.sender_id, EMPTY_MESSAGE_REPLY)
            return getattr(message.output_channel, "messages", None)
        if cleaned.note:
            await message.output_channel.send_text_message(message.sender_id, cleaned.note)
        message.text = cleaned.text
        try:
            for question in await self.separate_questions(message):
                await self.answer_and_store(self.part_of(message, question))
        except TrackerStoreUnavailable:
            # Logged once per conversation by the store (serving.store_health).
            await message.output_channel.send_text_message(message.sender_id, STORE_DOWN_REPLY)
        if isinstance(message.output_channel, CollectingOutputChannel):
            return message.output_channel.messages
        return None

    async def answer_and_store(self, message: UserMessage) -> None:
        """Rasa's handling of one message, its replies sent only once the turn is stored."""
        channel = message.output_channel
        held = HeldBackOutputChannel(channel)
        message.output_channel = held
        try:
            await super().handle_message(message)
        finally:
            message.output_channel = channel
        await held.flush()

    async def separate_questions(self, message: UserMessage) -> list[str]:
        """The message's questions, answered one after the other (serving.multi_questions);
        one, unless it asks two things of different topics outside the readiness check."""
        parts = question_parts(message.text or "")
        if len(parts) == 1:
            return parts
        tracker = await self.get_tracker(message.sender_id)
        if tracker.active_loop_name:
            # The check asks its question again after each answer: twice in one reply.
            return [message.text or ""]
        if tracker.get_slot(ASKER_PLACE_SLOT):
            # Pay is then answered with a note on the asker's place: two answers would be five
            # messages.
            return [message.text or ""]
        whole = await self.parse_message(message, tracker)
        if OTHER_ROLE in {e.get("entity") for e in whole.get("entities") or []}:
            # "whats a release manager and is it like a tpm": one question setting a job the
            # sources don't describe beside one they do, which neither half says alone.
            return [message.text or ""]
        intents = []
        for part in parts:
            parsed = await self.parse_message(self.part_of(message, part), tracker)
            intents.append((parsed.get("intent") or {}).get("name") or "")
            if intents[-1] in NOTE_INTENTS | WHOLE_INTENTS or NOTE_ENTITIES & {
                e.get("entity") for e in parsed.get("entities") or []
            }:
                # An answer that opens with what the sources leave out ("no figure for the UK")
                # or ends with an offer is three messages: the message is answered as one.
                return [message.text or ""]
        questions = all(intent.startswith(QUESTION_INTENT_PREFIX) for intent in intents)
        return parts if questions and len(set(intents)) == len(intents) else [message.text or ""]

    @staticmethod
    def part_of(message: UserMessage, text: str) -> UserMessage:
        """`message` with only `text`: same sender, channel and metadata."""
        if text == message.text:
            return message
        return UserMessage(
            text,
            message.output_channel,
            message.sender_id,
            input_channel=message.input_channel,
            metadata=message.metadata,
        )

    def _has_session_expired(self, tracker: DialogueStateTracker) -> bool:
        """Rasa's idle timeout, or a session long enough to start afresh."""
        if super()._has_session_expired(tracker):
            return True
        sessions_on = self.domain.session_config.are_sessions_enabled()
        return sessions_on and session_is_full(tracker)

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
