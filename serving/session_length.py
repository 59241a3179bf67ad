"""A conversation session also ends after a number of turns, not only after a time.

Rasa starts a new session when the previous one has been idle for `session_expiration_time`
(domain.yml). A conversation that never pauses would stay one session for ever, and every
message costs more than the one before: the tracker store reads back, the policy looks over and
the action server is sent the whole session, and the session cache (serving.tracker_store)
holds all of it. So a session also ends once it holds `MAX_SESSION_TURNS` user messages: the
next message starts a new one as an idle conversation's would, carrying the slots over
(`carry_over_slots_to_new_session` in domain.yml), so the role asked about, the last topic and
the conversation's readiness answers stay; the database keeps every event of every session.

A session is never cut while something in it waits for the next message: a readiness check
(a form) under way, or an offer or choice the previous reply made, which "yes" or "no" answers
(actions/short_replies.py reads them from the previous turn).
"""

from __future__ import annotations

from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.message_fields import CHOICE_KEY, OFFER_KEY

# About 8 events a turn: a session's tracker stays under ~200 events, the size a tenth message
# of a conversation sees; `make soak` measures the last message of a long one against it.
MAX_SESSION_TURNS = 25
# Metadata keys of a bot message that the next message may answer.
AWAITING_KEYS = (OFFER_KEY, CHOICE_KEY)


def turns_in_session(tracker: DialogueStateTracker) -> int:
    """The user messages since the conversation's latest session start."""
    turns = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        if isinstance(event, UserUttered):
            turns += 1
    return turns


def awaits_reply(tracker: DialogueStateTracker) -> bool:
    """Whether the session's last reply or a running form waits for what the user says next."""
    if tracker.active_loop_name:
        return True
    last_reply = tracker.get_last_event_for(BotUttered)
    metadata = (last_reply.metadata or {}) if last_reply is not None else {}
    return any(metadata.get(key) for key in AWAITING_KEYS)


def session_is_full(tracker: DialogueStateTracker, max_turns: int = MAX_SESSION_TURNS) -> bool:
    """Whether the session has reached `max_turns` and can end without losing a context."""
    return turns_in_session(tracker) >= max_turns and not awaits_reply(tracker)
