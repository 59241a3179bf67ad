"""Marks of a bot message that the person's next message may answer.

Kept as a field of the message, like actions/display.py's: Rasa stores it as the bot message's
metadata, so the next turn can read what the previous one asked. A message marked CHOICE_KEY
asks the person to choose between its buttons ("did you mean"); one marked OFFER_KEY offers a
single thing and names the action that "yes" runs. actions/short_replies.py reads them, and the
Rasa server never ends a session while one waits for its answer (serving/session_length.py).
Nothing here imports anything, so the Rasa server can read the names without loading the
action server's code.
"""

from __future__ import annotations

CHOICE_KEY = "choice"
OFFER_KEY = "offer"
