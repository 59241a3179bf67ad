"""Read the knowledge file's `requirements` section into actions.requirements' typed data.

A requirement is checked like an answer: each sentence must quote a passage of its source and
name no figure, role or quality its quotes don't. A broken requirement stops the action server
like a broken answer does.
"""

from __future__ import annotations

from typing import Any

from actions.knowledge_checks import Checks
from actions.knowledge_model import Role
from actions.requirements import EducationLevel, Requirement, Requirements, Skill

# The requirements every knowledge file must state, in the order a result lists them.
SINGLE_REQUIREMENTS = (
    "degree",
    "associate_route",
    "field",
    "it_experience",
    "management_experience",
    "graduate_study",
)


def parse_requirements(checks: Checks, value: Any, roles: dict[str, Role]) -> Requirements:
    """Turn the `requirements` mapping into typed requirements, or raise KnowledgeError."""
    entry = checks.mapping(value, "requirements")
    role_key = entry.get("role")
    if role_key not in roles:
        raise checks.fail("requirements.role", f"must name one of the roles, not '{role_key}'")
    levels = _levels(checks, entry.get("education_levels"))
    for key in SINGLE_REQUIREMENTS:
        checks.mapping(entry.get(key), f"requirements.{key}")
    parsed = {
        key: _requirement(checks, f"requirements.{key}", key, entry[key])
        for key in SINGLE_REQUIREMENTS
    }
    raw_skills = checks.mapping(entry.get("skills"), "requirements.skills")
    skills = {
        key: Skill(
            _requirement(checks, f"requirements.skills.{key}", key, raw),
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


def _levels(checks: Checks, value: Any) -> dict[str, EducationLevel]:
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


def _requirement(checks: Checks, where: str, key: str, value: Any) -> Requirement:
    entry = checks.mapping(value, where)
    says = checks.sentences(entry.get("says"), f"{where}.says")
    helps = checks.sentences(entry["helps"], f"{where}.helps") if "helps" in entry else ()
    suggestion = checks.text(entry, "suggestion", where) if "suggestion" in entry else None
    return Requirement(
        key=key,
        label=checks.text(entry, "label", where),
        says=says,
        helps=helps,
        suggestion=suggestion,
    )


def _words(checks: Checks, entry: dict[str, Any], where: str) -> tuple[str, ...]:
    words = checks.text_list(entry, "words", where)
    if not words:
        raise checks.fail(f"{where}.words", "must list at least one word")
    return words


def _level_ref(
    checks: Checks,
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


def _years(checks: Checks, entry: dict[str, Any], field: str, requirement: str) -> float:
    value = entry.get(field)
    # bool is an int in Python; `true` is not a number of years.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 60:
        raise checks.fail(
            f"requirements.{requirement}.{field}",
            f"must be a number of years above 0 and at most 60, not {value!r}",
        )
    return float(value)
