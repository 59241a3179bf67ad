"""Replies the Rasa server itself sends, importable without loading Rasa.

The load tool (benchmarks/load.py) recognises the apologies as failed answers; importing them from
serving.processor would load Rasa and TensorFlow into the load tool for two strings.
"""

from __future__ import annotations

ACTION_SERVER_DOWN_REPLY = (
    "Sorry, I can't look that up right now: my knowledge service is not answering. "
    "Please try again in a minute."
)

# When the conversation store fails (serving.store_health). Not in the knowledge file's
# `messages:`, which holds what the assistant says about the career and itself, none of it about
# an outage: like the reply above, this is the server's own.
STORE_DOWN_REPLY = (
    "Sorry, I can't save our conversation right now, so I won't answer until I can. "
    "Please try again in a minute; what we said before is kept."
)
