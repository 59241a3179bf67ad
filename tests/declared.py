"""The topics and roles the knowledge file declares, for parametrising tests.

Tests take these lists from the file, never from a copy of their own, so a topic or a role added
there is tested without touching the tests.
"""

from __future__ import annotations

from knowledge.loader import DEFAULT_KNOWLEDGE_FILE, load_knowledge

KNOWLEDGE = load_knowledge(DEFAULT_KNOWLEDGE_FILE)
TOPICS = list(KNOWLEDGE.topics)
ROLES = list(KNOWLEDGE.roles)
DEFAULT_ROLE_TOPICS = list(KNOWLEDGE.default_role.answers)
# Every (role, topic) the sources cover.
ANSWERED = [(role.key, topic) for role in KNOWLEDGE.roles.values() for topic in role.answers]
