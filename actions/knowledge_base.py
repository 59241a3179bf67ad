"""The whole knowledge file as typed data: roles, topics, messages, requirements.

Apart from actions/knowledge_model.py, whose parts (sources, quotes, answers, roles) the
requirements of the readiness check are built from too: each module imports the one before it,
none the one after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from actions.knowledge_model import Role, Source, Topic
from actions.requirements import Requirements
from actions.role_names import closest_role, normalise_role_mention
from actions.special_topics import SpecialTopics
from actions.uncovered_knowledge import Uncovered


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge file."""

    path: Path
    sources: dict[str, Source]
    topics: dict[str, Topic]
    roles: dict[str, Role]
    default_role: Role
    # Topics offered as buttons when a conversation starts or a question is out of scope.
    menu: tuple[str, ...]
    # The assistant's own framing sentences, by purpose (actions.knowledge.MESSAGE_KEYS).
    messages: dict[str, str]
    # What it takes to become the role, for the readiness check.
    requirements: Requirements
    # The topics particular replies offer (actions/special_topics.py).
    special_topics: SpecialTopics
    # What the sources leave out, and what to give instead (actions/uncovered_knowledge.py).
    uncovered: Uncovered
    # The messages that are the assistant's own reading, not the sources', and the words that
    # label them so wherever they are said.
    own_readings: tuple[str, ...] = ()
    own_reading_labels: tuple[str, ...] = ()

    def find_role(self, mention: str | None) -> Role | None:
        """The role a user's wording refers to, by key, name or alias; None when unknown.

        An empty mention means the conversation named no role, which is the default role.
        """
        if mention is None or not mention.strip():
            return self.default_role
        wanted = normalise_role_mention(mention)
        names = {
            normalise_role_mention(name): role
            for role in self.roles.values()
            for name in (role.key.replace("_", " "), role.name, *role.aliases)
        }
        # "tech PMs" is "tech PM": a plural is the role too.
        singular = re.sub(r"(?<=\w\w)s$", "", wanted)
        for form in (wanted, singular):
            if form in names:
                return names[form]
        return closest_role(wanted, names) or closest_role(singular, names)

    def topic_for_intent(self, intent: str | None) -> Topic | None:
        """The topic an intent asks about, or None when the intent is not a topic question."""
        if not intent or not intent.startswith("ask_"):
            return None
        return self.topics.get(intent[len("ask_") :])
