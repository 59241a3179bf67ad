"""Small glue between built messages and Rasa SDK's dispatcher."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Message


def send(dispatcher: CollectingDispatcher, messages: list[Message]) -> None:
    """Send each built message (text, optional buttons, optional response name) in order."""
    for message in messages:
        dispatcher.utter_message(**message)
