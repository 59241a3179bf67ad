"""Fields of a bot message beside its text: how it asks to be shown, and what it waits for.

An action adds them to a message it sends (`dispatcher.utter_message(..., display=...)`; rasa_sdk
keeps keyword arguments beyond Rasa's message fields). Rasa keeps the fields it does not know as
the bot message's metadata, stores them with the conversation and hands them to the output
channel with the message (serving.rasa_seam lists that as a behaviour we rely on).

- `display`: a channel that can show the difference does (Slack shows a footnote as a small grey
  context line, channels/slack_blocks.py); the others show the text as any other.
- `unanswered`: the record of a message that could not be answered (actions/unanswered.py
  writes it, `make unanswered`, scripts/list_unanswered.py, reads it from the tracker store).
- `choice` / `offer`: the person's next message may answer them. A message marked CHOICE_KEY asks
  the person to choose between its buttons ("did you mean"); one marked OFFER_KEY offers a single
  thing and names the action that "yes" runs. actions/short_replies.py reads them, and the Rasa
  server never ends a session while one waits for its answer (serving/session_length.py).

Nothing here imports anything: the Rasa server's channels and processor, and the scripts, read
the names without loading the action server's code.
"""

from __future__ import annotations

DISPLAY_KEY = "display"
# A line that qualifies the message before it, such as the sources an answer rests on.
FOOTNOTE = "footnote"

CHOICE_KEY = "choice"
OFFER_KEY = "offer"

UNANSWERED_KEY = "unanswered"
