"""The knowledge file's `requirements` (the readiness check's measure) are grounded in the
sources, keep our own advice apart, and are refused with a clear message when broken."""

from __future__ import annotations

import re

import pytest

from knowledge.loader import Knowledge
from tests.conftest import KnowledgeWriter, refusal_of


def test_requirements_are_grounded_and_invent_no_numbers(knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    assert requirements.role is knowledge.default_role
    assert list(requirements.levels) == ["none", "associate", "bachelor", "master"]
    assert requirements.minimum_level.key == "bachelor"
    # The source says "several years"; the number the check uses is its own, separate field.
    assert "several years" in requirements.associate_route.text
    assert not re.search(r"\d", requirements.associate_route.text)
    assert requirements.several_years_means == 3
    assert requirements.management_minimum_years == 3
    assert "three years" in requirements.management_experience.text
    # Every quality the sources name is asked about: the five key skills of the job-board
    # article's list and the "what makes a good TPM" attributes, and the personal skills.
    assert list(requirements.skills) == [
        "communication",
        "problem_solving",
        "organisation",
        "project_management",
        "leadership",
        "self_motivation",
        "attention_to_detail",
        "abstract_thinking",
        "managerial",
    ]
    named = " ".join(
        quote.text.casefold()
        for skill in requirements.skills.values()
        for quote in skill.requirement.quotes
    )
    for quality in (
        "self-motivation",
        "analytical",
        "communication",
        "problem-solving",
        "leadership",
        "attention to detail",
        "abstract thinking",
        "managerial skills",
        "organizational",
        "time management",
        "project managing",
    ):
        assert quality in named, quality


def test_advice_of_our_own_is_kept_apart_from_what_the_sources_say(
    knowledge: Knowledge,
) -> None:
    """A suggestion is plain text with no quote; the sentences beside it all quote."""
    requirements = knowledge.requirements
    suggestions = [
        skill.requirement.suggestion
        for skill in requirements.skills.values()
        if skill.requirement.suggestion
    ]
    assert suggestions and requirements.management_experience.suggestion
    for suggestion in suggestions:
        assert isinstance(suggestion, str)


@pytest.mark.parametrize(
    ("mutate", "key", "problem"),
    [
        (
            lambda d: d.pop("requirements"),
            "requirements",
            "must be a non-empty mapping",
        ),
        (
            lambda d: d["requirements"]["degree"]["says"][0]["quotes"][0].update(
                job_description="Every business expects a master's degree."
            ),
            "requirements.degree.says[0].quotes[0]",
            "is not a passage of source 'job_description'",
        ),
        (
            lambda d: d["requirements"]["skills"]["communication"]["helps"][0].pop("quotes"),
            "requirements.skills.communication.helps[0].quotes",
            "is missing: every sentence must quote the passage it rests on",
        ),
        (
            lambda d: d["requirements"]["field"]["helps"][0].update(
                quotes=[{"blog": "Computer science degree programs"}]
            ),
            "requirements.field.helps[0].quotes[0]",
            "unknown source 'blog'",
        ),
        (
            lambda d: d["requirements"]["management_experience"]["says"][0].update(
                say="It is useful to have five years of management experience in the IT field."
            ),
            "requirements.management_experience.says[0].say",
            "names the figure 'five', which none of its quotes names",
        ),
        (
            lambda d: d["requirements"]["degree"].update(minimum_level="phd"),
            "requirements.degree.minimum_level",
            "must name one of the education levels (none, associate, bachelor, master), not 'phd'",
        ),
        (
            lambda d: d["requirements"]["associate_route"].update(several_years_means="several"),
            "requirements.associate_route.several_years_means",
            "must be a number of years above 0 and at most 60, not 'several'",
        ),
        (
            lambda d: d["requirements"]["management_experience"].update(minimum_years=0),
            "requirements.management_experience.minimum_years",
            "must be a number of years above 0 and at most 60, not 0",
        ),
        (
            lambda d: d["requirements"].update(role="astronaut"),
            "requirements.role",
            "must name one of the roles, not 'astronaut'",
        ),
        (
            lambda d: d["requirements"]["skills"]["communication"].update(words=[]),
            "requirements.skills.communication.words",
            "must list at least one word",
        ),
        (
            lambda d: d["requirements"]["skills"]["communication"].pop("label"),
            "requirements.skills.communication.label",
            "is missing",
        ),
        (
            lambda d: d["messages"].update(readiness_result_intro="Compared with a {job}:"),
            "messages.readiness_result_intro",
            "uses unknown placeholder {job} (allowed: {role})",
        ),
    ],
    ids=[
        "missing-requirements",
        "invented-requirement-quote",
        "helps-without-quote",
        "unknown-helps-source",
        "figure-not-in-requirement-quote",
        "unknown-education-level",
        "several-is-not-a-number",
        "zero-minimum-years",
        "unknown-requirements-role",
        "skill-without-words",
        "skill-without-label",
        "unknown-placeholder",
    ],
)
def test_broken_requirements_name_file_key_and_problem(
    knowledge_variant: KnowledgeWriter, mutate, key: str, problem: str
) -> None:
    refusal_of(knowledge_variant(mutate), key, problem)
