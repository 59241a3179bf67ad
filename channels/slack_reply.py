"""How the assistant's messages reach Slack: Rasa's output channel, posting Block Kit.

Rasa hands an output channel each message of a turn (text, buttons, images, attachments,
custom JSON); this one turns them into Block Kit (channels/slack_blocks.py) and posts them with
chat.postMessage to the Slack channel and thread the message came from. It is apart from the
input channel (channels/slack.py), which only decides what to answer and where, so the posting
can be read, and tested with a recording client, on its own.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel
from slack_sdk.web.async_client import AsyncWebClient

from channels import slack_blocks


class SlackReply(OutputChannel):
    """Posts the assistant's messages to one Slack channel (and thread) as Block Kit.

    Buffered (as for a user's message): the turn's messages are collected and `flush` posts them
    as one Slack message, so an answer, its sources and its buttons arrive together. Unbuffered
    (as Rasa's server API uses `get_output_channel`): each message is posted when sent.
    """

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        base_url: str | None = None,
        buffered: bool = False,
    ) -> None:
        super().__init__()
        self.slack_channel = slack_channel
        self.thread_id = thread_id
        self.client = AsyncWebClient(token, base_url=base_url or AsyncWebClient.BASE_URL)
        self.buffered = buffered
        self._pending: list[tuple[str, list[slack_blocks.Block], str]] = []

    async def _add(self, recipient_id: str, blocks: list[slack_blocks.Block], text: str) -> None:
        self._pending.append((self.slack_channel or recipient_id, blocks, text))
        if not self.buffered:
            await self.flush()

    async def flush(self) -> None:
        """Post what is pending, as few Slack messages as Block Kit's limits allow."""
        pending, self._pending = self._pending, []
        for post in slack_blocks.posts(pending):
            await self.post_message(
                post.channel,
                text=post.text,
                blocks=post.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )

    async def post_message(self, channel: str, **kwargs: Any) -> None:
        """chat.postMessage to `channel`, in this reply's thread if it has one."""
        if self.thread_id:
            kwargs["thread_ts"] = self.thread_id
        await self.client.chat_postMessage(channel=channel, **kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        display = slack_blocks.display_of(kwargs)
        await self._add(recipient_id, slack_blocks.text_blocks(text, display), text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        blocks = slack_blocks.text_blocks(text, slack_blocks.display_of(kwargs))
        await self._add(recipient_id, blocks + slack_blocks.button_blocks(buttons), text)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._add(recipient_id, slack_blocks.image_blocks(image), image)

    async def send_attachment(  # type: ignore[override]
        self, recipient_id: str, attachment: dict[str, Any], **kwargs: Any
    ) -> None:
        """A Slack attachment (Rasa passes it on as it is), after what is pending."""
        await self.flush()
        await self.post_message(self.slack_channel or recipient_id, attachments=[attachment])

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """A custom message is Slack's own chat.postMessage arguments, posted as they are."""
        await self.flush()
        message = dict(json_message)
        channel = message.pop("channel", None) or self.slack_channel or recipient_id
        await self.post_message(channel, **message)
