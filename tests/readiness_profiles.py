"""Readiness profiles that reach every branch of the result: each education level and kind of
field, experience below and above each threshold, and no quality, one, several and all."""

from __future__ import annotations

import itertools

from actions.readiness import Profile
from knowledge.loader import Knowledge


def profiles(knowledge: Knowledge) -> list[Profile]:
    """Every education level and field kind, experience below and above each threshold, and
    no quality, one, and all of them: the shortest and the longest results."""
    requirements = knowledge.requirements
    skills = list(requirements.skills)
    skill_sets = [frozenset(), frozenset(skills[:1]), frozenset(skills[::2]), frozenset(skills)]
    found = []
    for level, field, it_years, management_years, picked in itertools.product(
        requirements.levels.values(),
        [None, "computer science", "history of art and architecture"],
        [0, 2, 5],
        [0, 4],
        skill_sets,
    ):
        found.append(Profile(level, field, it_years, management_years, picked))
    return found
