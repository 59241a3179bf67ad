"""Replies the Rasa server itself sends, importable without loading Rasa.

The load tool (benchmarks/load.py) recognises the apology as a failed answer; importing it from
serving.processor would load Rasa and TensorFlow into the load tool for one string.
"""

from __future__ import annotations

ACTION_SERVER_DOWN_REPLY = (
    "Sorry, I can't look that up right now: my knowledge service is not answering. "
    "Please try again in a minute."
)
