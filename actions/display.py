"""How a bot message asks to be shown: a field of the message, never its wording.

An action adds `display` to a message it sends (`dispatcher.utter_message(..., display=...)`).
Rasa keeps the fields it does not know as the bot message's metadata, stores them with the
conversation and hands them to the output channel with the message (serving.rasa_seam lists
that as a behaviour we rely on). A channel that can show the difference does (Slack shows a
footnote as a small grey context line, channels/slack_blocks.py); the others show the text as
any other. Nothing here imports anything, so the Rasa server's channels can read the names
without loading the action server's code.
"""

from __future__ import annotations

DISPLAY_KEY = "display"
# A line that qualifies the message before it, such as the sources an answer rests on.
FOOTNOTE = "footnote"
