"""The `special_topics` section of the knowledge file: topics the replies offer in set places.

A few replies need particular topics: the question a role-only follow-up asks when nothing was
asked before it, the buttons after an unknown role or a readiness result. Their keys live in the
knowledge file rather than in Python, so a topic that is renamed or removed there is refused when
the action server starts (naming the file, the key and the problem), not found missing when a
user happens to reach that reply.

Kept free of the knowledge model's types: it checks plain topic keys, so it imports nothing from
the rest of the package.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

SECTION = "special_topics"
# Each place that needs topics: True when it takes a list of topics, False for exactly one.
PLACES: dict[str, bool] = {
    "role_only_question": False,
    "after_unknown_role": True,
    "when_few_follow_ups": False,
    "after_readiness_result": True,
    "after_asker_role": True,
    "reaching_a_level": True,
    "what_a_job_is": True,
    "weighing": False,
}


@dataclass(frozen=True)
class SpecialTopics:
    """The topic keys each place offers; all are topics the default role answers."""

    # "and a project coordinator?" with no question before it asks about this topic.
    role_only_question: str
    # Offered (about the default role) after "I don't know the role ...".
    after_unknown_role: tuple[str, ...]
    # Offered about the default role when a role has fewer than two follow-ups of its own.
    when_few_follow_ups: str
    # Offered after the readiness check's result: where its requirements are explained in full.
    after_readiness_result: tuple[str, ...]
    # Answers after which someone who said what they do now is offered the readiness check.
    after_asker_role: tuple[str, ...]
    # What it takes to reach a job: for a level the sources name only as a promotion, what
    # they say of reaching it answers these, not what every TPM needs.
    reaching_a_level: tuple[str, ...]
    # What a job is: asked of the TPM likened to a job the sources don't describe ("is
    # a tpm the same as a program manager"), a comparison they can't make, so said to be one.
    what_a_job_is: tuple[str, ...]
    # Whether the career is worth it, drawn from several others: an unclear message leaning to
    # it is answered with it, and a subject's question never reads as it unless near it.
    weighing: str


def parse_special_topics(
    value: Any,
    default_role_topics: Collection[str],
    all_topics: Collection[str],
    fail: Callable[[str, str], Exception],
) -> SpecialTopics:
    """Check every place names topics the default role answers; raise `fail(key, problem)`."""
    if not isinstance(value, dict) or not value:
        raise fail(SECTION, "must be a non-empty mapping")
    unknown_places = sorted(set(value) - set(PLACES))
    if unknown_places:
        known = ", ".join(PLACES)
        raise fail(f"{SECTION}.{unknown_places[0]}", f"is not a known place (known: {known})")
    parsed: dict[str, str | tuple[str, ...]] = {}
    for place, takes_list in PLACES.items():
        key = f"{SECTION}.{place}"
        if place not in value:
            raise fail(key, "is missing")
        raw = value[place]
        if takes_list:
            if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
                raise fail(key, "must be a non-empty list of topic keys")
            named = tuple(raw)
        else:
            if not isinstance(raw, str):
                raise fail(key, "must be one topic key")
            named = (raw,)
        for topic in named:
            if topic not in all_topics:
                raise fail(key, f"names unknown topic '{topic}'")
            if topic not in default_role_topics:
                raise fail(key, f"'{topic}' is not a topic the default role answers")
        parsed[place] = named if takes_list else named[0]
    return SpecialTopics(**parsed)  # type: ignore[arg-type]
