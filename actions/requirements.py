"""The `requirements` section of the knowledge file: what it takes to become the role.

The readiness check compares a person with these, so they live in the knowledge file next to
the facts, quoted from the same sources and checked the same way: a requirement or a next step
whose quote is not in its source stops the action server like a broken fact does. Numbers the
check compares with (the minimum years, our reading of "several years") are fields of their
own, so no threshold hides in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from actions.knowledge import Fact, KnowledgeError, Role, Source

# The requirements every knowledge file must state, in the order a result lists them.
SINGLE_REQUIREMENTS = (
    "degree",
    "associate_route",
    "field",
    "it_experience",
    "management_experience",
    "graduate_study",
)


class _Checks(Protocol):
    """The knowledge file validator's helpers (actions.knowledge._Validator)."""

    def fail(self, key: str, problem: str) -> KnowledgeError: ...

    def mapping(self, value: Any, key: str) -> dict[str, Any]: ...

    def text(self, parent: dict[str, Any], field: str, key: str) -> str: ...

    def text_list(self, parent: dict[str, Any], field: str, key: str) -> tuple[str, ...]: ...

    def fact(self, where: str, value: Any, sources: dict[str, Source]) -> Fact: ...


@dataclass(frozen=True)
class EducationLevel:
    """One answer to "what is your highest education?"; a higher rank is more education."""

    key: str
    rank: int
    label: str
    called: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Requirement:
    """What the sources expect (a quoted fact) and what to do when it is not met yet."""

    key: str
    label: str
    fact: Fact
    next_step: Fact

    @property
    def text(self) -> str:
        return self.fact.text


@dataclass(frozen=True)
class Skill:
    """A key skill: the requirement, and the words people use for it."""

    requirement: Requirement
    words: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.requirement.key

    @property
    def label(self) -> str:
        return self.requirement.label


@dataclass(frozen=True)
class Requirements:
    """Everything the readiness check compares with, validated."""

    role: Role
    levels: dict[str, EducationLevel]
    degree: Requirement
    minimum_level: EducationLevel
    associate_route: Requirement
    associate_level: EducationLevel
    several_years_means: float
    field: Requirement
    field_words: tuple[str, ...]
    it_experience: Requirement
    it_minimum_years: float
    management_experience: Requirement
    management_minimum_years: float
    skills: dict[str, Skill]
    graduate_study: Requirement
    graduate_level: EducationLevel


def parse_requirements(
    checks: _Checks, value: Any, sources: dict[str, Source], roles: dict[str, Role]
) -> Requirements:
    """Turn the `requirements` mapping into typed requirements, or raise KnowledgeError."""
    entry = checks.mapping(value, "requirements")
    role_key = entry.get("role")
    if role_key not in roles:
        raise checks.fail("requirements.role", f"must name one of the roles, not '{role_key}'")
    levels = _levels(checks, entry.get("education_levels"))
    for key in SINGLE_REQUIREMENTS:
        checks.mapping(entry.get(key), f"requirements.{key}")
    parsed = {
        key: _requirement(checks, f"requirements.{key}", key, entry[key], sources)
        for key in SINGLE_REQUIREMENTS
    }
    raw_skills = checks.mapping(entry.get("skills"), "requirements.skills")
    skills = {
        key: Skill(
            _requirement(checks, f"requirements.skills.{key}", key, raw, sources),
            _words(checks, raw, f"requirements.skills.{key}"),
        )
        for key, raw in raw_skills.items()
    }
    return Requirements(
        role=roles[role_key],
        levels=levels,
        degree=parsed["degree"],
        minimum_level=_level_ref(checks, entry["degree"], "minimum_level", "degree", levels),
        associate_route=parsed["associate_route"],
        associate_level=_level_ref(
            checks, entry["associate_route"], "level", "associate_route", levels
        ),
        several_years_means=_years(
            checks, entry["associate_route"], "several_years_means", "associate_route"
        ),
        field=parsed["field"],
        field_words=_words(checks, entry["field"], "requirements.field"),
        it_experience=parsed["it_experience"],
        it_minimum_years=_years(checks, entry["it_experience"], "minimum_years", "it_experience"),
        management_experience=parsed["management_experience"],
        management_minimum_years=_years(
            checks, entry["management_experience"], "minimum_years", "management_experience"
        ),
        skills=skills,
        graduate_study=parsed["graduate_study"],
        graduate_level=_level_ref(
            checks, entry["graduate_study"], "level", "graduate_study", levels
        ),
    )


def _levels(checks: _Checks, value: Any) -> dict[str, EducationLevel]:
    where = "requirements.education_levels"
    entries = checks.mapping(value, where)
    if len(entries) < 2:
        raise checks.fail(where, "must list at least two levels, lowest first")
    return {
        key: EducationLevel(
            key=key,
            rank=rank,
            label=checks.text(checks.mapping(raw, f"{where}.{key}"), "label", f"{where}.{key}"),
            called=checks.text(raw, "called", f"{where}.{key}"),
            words=_words(checks, raw, f"{where}.{key}"),
        )
        for rank, (key, raw) in enumerate(entries.items())
    }


def _requirement(
    checks: _Checks, where: str, key: str, value: Any, sources: dict[str, Source]
) -> Requirement:
    entry = checks.mapping(value, where)
    return Requirement(
        key=key,
        label=checks.text(entry, "label", where),
        fact=checks.fact(where, entry, sources),
        next_step=checks.fact(f"{where}.next_step", entry.get("next_step"), sources),
    )


def _words(checks: _Checks, entry: dict[str, Any], where: str) -> tuple[str, ...]:
    words = checks.text_list(entry, "words", where)
    if not words:
        raise checks.fail(f"{where}.words", "must list at least one word")
    return words


def _level_ref(
    checks: _Checks,
    entry: dict[str, Any],
    field: str,
    requirement: str,
    levels: dict[str, EducationLevel],
) -> EducationLevel:
    key = entry.get(field)
    if key not in levels:
        known = ", ".join(levels)
        raise checks.fail(
            f"requirements.{requirement}.{field}",
            f"must name one of the education levels ({known}), not '{key}'",
        )
    return levels[key]


def _years(checks: _Checks, entry: dict[str, Any], field: str, requirement: str) -> float:
    value = entry.get(field)
    # bool is an int in Python; `true` is not a number of years.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 60:
        raise checks.fail(
            f"requirements.{requirement}.{field}",
            f"must be a number of years above 0 and at most 60, not {value!r}",
        )
    return float(value)
