"""The knowledge file's `uncovered` section: what the sources leave out, in the file's words.

A question may ask beyond what the sources cover: pay in another country or per month, a
seniority they give no figure for, a subject they never speak of ("is it stressful?"), or a
service the assistant doesn't offer ("look over my CV"). The reply says so plainly, then gives
what they do cover. What it says about the sources lives here, not in code:

- `figures`: per topic whose answer gives figures, a sentence with quotes saying what those
  figures are ("yearly averages for the United States");
- `given_per`: per such topic, the period its figures are given for (hours "day"): asked for
  that period, the answer is no figure the sources leave out;
- `subjects`: each subject NLU names (data/nlu/uncovered.yml), how to call it and the topics
  nearest it, whose answer follows;
- `services`: each service NLU names, worded to follow "I can't";
- `after_service`: the topics offered after declining a service (with the readiness check);
- `service_topics`: the topic a service asked for is about, answered after declining it
  ("calculate my take-home pay": what the sources say of pay);
- `mentioned`: jobs the sources name only in passing (the system administrator a TPM "might
  assume the role of", the consultant after ten years), each with its names and what the
  sources do say of it, so "what does a programmer do?" gets that instead of "I don't know".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from knowledge.records import Part
from knowledge.role_names import normalise_role_mention

SECTION = "uncovered"


@dataclass(frozen=True)
class Subject:
    """A subject the sources don't speak of: how to call it, and what they say nearest to it."""

    called: str
    near: tuple[str, ...]


@dataclass(frozen=True)
class Mentioned:
    """A job the sources name only in passing: how to call it, and what they say of it."""

    called: str
    names: tuple[str, ...]
    says: Part
    # The topic whose answer holds what they say of it, given whole when it is asked about
    # (the consultant, a step of the career); None for a job they name in a list.
    topic: str | None = None

    @cached_property
    def folded(self) -> frozenset[str]:
        """Its names as mentions are folded, worked out once."""
        return frozenset(normalise_role_mention(name) for name in self.names)


@dataclass(frozen=True)
class Uncovered:
    """What the sources leave out, and what to give instead."""

    figures: dict[str, Part]
    subjects: dict[str, Subject]
    services: dict[str, str]
    after_service: tuple[str, ...]
    mentioned: dict[str, Mentioned]
    given_per: dict[str, str]
    service_topics: dict[str, str]

    def mentioned_job(self, mention: str) -> Mentioned | None:
        """The job a mention names exactly (case, articles and a plural folded), or None:
        "data analyst" is not the analyst the sources mention."""
        wanted = normalise_role_mention(mention)
        singular = wanted.removesuffix("s")
        return next(
            (job for job in self.mentioned.values() if {wanted, singular} & job.folded), None
        )


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
        if set(entry) != {"called", "near"}:
            # `{called: a, b or c, near: …}` in YAML's flow style cuts `called` at the comma
            # and makes "b or c" a key of its own: quote a name with a comma.
            extra = ", ".join(sorted(str(key) for key in set(entry) - {"called", "near"}))
            raise fail(
                where,
                f"has keys other than `called` and `near` ({extra}): quote a "
                "`called` that holds a comma",
            )
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
    mentioned = {}
    for name, entry in (value.get("mentioned") or {}).items():
        where = f"{SECTION}.mentioned.{name}"
        if not isinstance(entry, dict) or not isinstance(entry.get("called"), str):
            raise fail(where, "must have `called` (text), `names` and `says` (quoted sentences)")
        names = entry.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise fail(f"{where}.names", "must be a non-empty list of names")
        says = part(entry.get("says"), f"{where}.says")
        topic = entry.get("topic")
        if topic is not None and topic not in default_role_topics:
            raise fail(f"{where}.topic", f"names unknown topic '{topic}'")
        mentioned[str(name)] = Mentioned(entry["called"].strip(), tuple(names), says, topic)
    given_per = value.get("given_per") or {}
    if not isinstance(given_per, dict) or any(
        topic not in figures or not isinstance(unit, str) for topic, unit in given_per.items()
    ):
        raise fail(f"{SECTION}.given_per", "must map topics of `figures` to a period (“day”)")
    service_topics = value.get("service_topics") or {}
    where = f"{SECTION}.service_topics"
    if not isinstance(service_topics, dict):
        raise fail(where, "must map services to the topic each is about")
    for service, topic in service_topics.items():
        if service not in services:
            raise fail(f"{where}.{service}", "is not one of `services`")
        if topic not in default_role_topics:
            raise fail(f"{where}.{service}", f"names unknown topic '{topic}'")
    return Uncovered(
        figures, subjects, services, after_service, mentioned, given_per, dict(service_topics)
    )
