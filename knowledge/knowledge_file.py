"""`Knowledge`: one loaded file, and the questions the actions ask of it.

Which role a name means, which topic a key is, what a message says: the lookups over the whole
file live here, the records it holds in knowledge/records.py (the readiness check's
requirements are built from those records too, so they cannot live here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.records import Role, Source, Topic
from knowledge.requirements import Requirements
from knowledge.role_names import closest_role, normalise_role_mention
from knowledge.special_topics import SpecialTopics
from knowledge.uncovered_section import Uncovered


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
    # The assistant's own framing sentences, by purpose (knowledge.message_keys.MESSAGE_KEYS).
    messages: dict[str, str]
    # What it takes to become the role, for the readiness check.
    requirements: Requirements
    # The topics particular replies offer (knowledge/special_topics.py).
    special_topics: SpecialTopics
    # What the sources leave out, and what to give instead (knowledge/uncovered_section.py).
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
