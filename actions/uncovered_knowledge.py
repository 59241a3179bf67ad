"""The knowledge file's `uncovered` section: what the sources leave out, in the file's words.

A question may ask beyond what the sources cover: pay in another country or per month, a
seniority they give no figure for, a subject they never speak of ("is it stressful?"), or a
service the assistant doesn't offer ("look over my CV"). The reply says so plainly, then gives
what they do cover. What it says about the sources lives here, not in code:

- `figures`: per topic whose answer gives figures, a sentence with quotes saying what those
  figures are ("yearly averages for the United States");
- `subjects`: each subject NLU names (data/nlu/uncovered.yml), how to call it and the topics
  nearest it, whose answer follows;
- `services`: each service NLU names, worded to follow "I can't";
- `after_service`: the topics offered after declining a service (with the readiness check).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from actions.knowledge_model import Part

SECTION = "uncovered"


@dataclass(frozen=True)
class Subject:
    """A subject the sources don't speak of: how to call it, and what they say nearest to it."""

    called: str
    near: tuple[str, ...]


@dataclass(frozen=True)
class Uncovered:
    """What the sources leave out, and what to give instead."""

    figures: dict[str, Part]
    subjects: dict[str, Subject]
    services: dict[str, str]
    after_service: tuple[str, ...]


def topic_keys(
    value: Any, key: str, topics: Collection[str], fail: Callable[[str, str], Exception]
) -> tuple[str, ...]:
    """A non-empty list of known topic keys."""
    if not isinstance(value, list) or not value or not all(isinstance(t, str) for t in value):
        raise fail(key, "must be a non-empty list of topic keys")
    for topic in value:
        if topic not in topics:
            raise fail(key, f"names unknown topic '{topic}'")
    return tuple(value)


def parse_uncovered(
    value: Any,
    default_role_topics: Collection[str],
    part: Callable[[Any, str], Part],
    fail: Callable[[str, str], Exception],
) -> Uncovered:
    """Check the section; `part` reads a list of quoted sentences as answers' parts are read."""
    if not isinstance(value, dict):
        raise fail(SECTION, "must be a mapping with figures, subjects, services, after_service")
    for field in ("figures", "subjects", "services"):
        if not isinstance(value.get(field), dict) or not value[field]:
            raise fail(f"{SECTION}.{field}", "must be a non-empty mapping")
    figures = {}
    for topic, sentences in value["figures"].items():
        if topic not in default_role_topics:
            raise fail(f"{SECTION}.figures.{topic}", "is not a topic the default role answers")
        figures[topic] = part(sentences, f"{SECTION}.figures.{topic}")
    subjects = {}
    for name, entry in value["subjects"].items():
        where = f"{SECTION}.subjects.{name}"
        if not isinstance(entry, dict) or not isinstance(entry.get("called"), str):
            raise fail(where, "must have `called` (text) and `near` (topic keys)")
        near = topic_keys(entry.get("near"), f"{where}.near", default_role_topics, fail)
        subjects[str(name)] = Subject(entry["called"].strip(), near)
    services = {}
    for name, called in value["services"].items():
        if not isinstance(called, str) or not called.strip():
            raise fail(f"{SECTION}.services.{name}", "must be the service, worded after “I can't”")
        services[str(name)] = called.strip()
    after_service = topic_keys(
        value.get("after_service"), f"{SECTION}.after_service", default_role_topics, fail
    )
    return Uncovered(figures, subjects, services, after_service)
