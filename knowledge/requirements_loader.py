"""Read the knowledge file's `requirements` section into knowledge.requirements' typed data.

A requirement is checked like an answer: each sentence must quote a passage of its source and
name no figure, role or quality its quotes don't. A broken requirement stops the action server
like a broken answer does.
"""

from __future__ import annotations

from typing import Any

from knowledge.checks import Checks
from knowledge.records import Role
from knowledge.requirements import EducationLevel, Requirement, Requirements, Skill

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
    weights = _weights(checks, entry.get("weights"))
    for key in SINGLE_REQUIREMENTS:
        checks.mapping(entry.get(key), f"requirements.{key}")
    parsed = {
        key: _requirement(checks, f"requirements.{key}", key, entry[key], weights)
        for key in SINGLE_REQUIREMENTS
    }
    raw_skills = checks.mapping(entry.get("skills"), "requirements.skills")
    skills = {
        key: Skill(
            skill := _requirement(checks, f"requirements.skills.{key}", key, raw, weights),
            tuple(
                dict.fromkeys(
                    (*_words(checks, raw, f"requirements.skills.{key}"), *label_words(skill.label))
                )
            ),
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
        management_experience=parsed["management_experience"],
        management_minimum_years=_years(
            checks, entry["management_experience"], "minimum_years", "management_experience"
        ),
        skills=skills,
        graduate_study=parsed["graduate_study"],
        graduate_level=_level_ref(
            checks, entry["graduate_study"], "level", "graduate_study", levels
        ),
        weights=weights,
    )


def label_words(label: str) -> tuple[str, ...]:
    """How people type a quality the result calls `label`: the label itself and each of its
    halves, the shared last word kept ("Analytical and abstract thinking" gives "analytical
    thinking" and "abstract thinking"), so typing a label never reads as not having it."""
    halves = [half.strip() for half in label.casefold().split(" and ")]
    last = halves[-1].split()
    words = [label.casefold(), *halves]
    if len(halves) > 1 and len(last) > 1:
        words += [f"{half} {last[-1]}" for half in halves[:-1] if " " not in half]
    return tuple(dict.fromkeys(words))


def _weights(checks: Checks, value: Any) -> dict[str, tuple[str, ...]]:
    where = "requirements.weights"
    entries = checks.mapping(value, where)
    if not entries:
        raise checks.fail(where, "must name at least one weight and its words")
    return {key: _words(checks, {"words": raw}, f"{where}.{key}") for key, raw in entries.items()}


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


def _requirement(
    checks: Checks, where: str, key: str, value: Any, weights: dict[str, tuple[str, ...]]
) -> Requirement:
    entry = checks.mapping(value, where)
    says = checks.sentences(entry.get("says"), f"{where}.says")
    helps = checks.sentences(entry["helps"], f"{where}.helps") if "helps" in entry else ()
    weight = entry.get("weight")
    if weight is not None and weight not in weights:
        known = ", ".join(weights)
        raise checks.fail(f"{where}.weight", f"must be one of {known}, not {weight!r}")
    sentences = (*says, *helps)
    quoted = " ".join(quote.text for sentence in sentences for quote in sentence.quotes).casefold()
    if weight is not None and not any(word.casefold() in quoted for word in weights[weight]):
        words = ", ".join(weights[weight])
        raise checks.fail(f"{where}.weight", f"'{weight}' needs a quote saying one of: {words}")
    suggestion = checks.text(entry, "suggestion", where) if "suggestion" in entry else None
    return Requirement(
        key=key,
        label=checks.text(entry, "label", where),
        says=says,
        helps=helps,
        suggestion=suggestion,
        weight=weight,
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
