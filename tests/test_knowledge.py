"""The knowledge file loads, is grounded in its sources, and is refused with a clear message
when broken."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actions.knowledge import Knowledge, KnowledgeError, load_knowledge
from tests.conftest import KnowledgeWriter
from tests.servers import ROOT

FIGURE = re.compile(r"\$?\d[\d,]*(?:\.\d+)?")


def test_real_file_loads_with_every_topic_for_the_default_role(knowledge: Knowledge) -> None:
    default = knowledge.default_role
    assert default.key == "technical_project_manager"
    missing = set(knowledge.topics) - set(default.answers) - {"reports_to"}
    assert not missing, f"TPM topics without an answer: {missing}"
    assert {
        "project_coordinator",
        "project_scheduler",
        "assistant_project_manager",
        "senior_technical_project_manager",
    } <= set(knowledge.roles)


def test_every_figure_of_a_fact_appears_in_its_answer(knowledge: Knowledge) -> None:
    for role in knowledge.roles.values():
        for topic, answer in role.answers.items():
            for fact in answer.facts:
                for figure in FIGURE.findall(fact.text):
                    assert figure in answer.text, f"{role.key}.{topic}: {figure} not in answer"


def test_salary_always_gives_both_figures_with_their_sources(knowledge: Knowledge) -> None:
    salary = knowledge.default_role.answers["salary"]
    assert "$99,910" in salary.text and "$88,000" in salary.text
    assert "35 percent" in salary.text and "Bureau of Labor Statistics" in salary.text
    assert {source.key for source in salary.sources} == {"job_description", "career_profile"}


def test_daily_duties_merge_both_sources(knowledge: Knowledge) -> None:
    daily = knowledge.default_role.answers["daily_duties"]
    assert {source.key for source in daily.sources} == {"job_description", "career_profile"}


def test_role_mentions_resolve_by_alias(knowledge: Knowledge) -> None:
    assert knowledge.find_role(None) is knowledge.default_role
    assert knowledge.find_role("Technical PMs").key == "technical_project_manager"
    assert knowledge.find_role("the TPM’s").key == "technical_project_manager"
    assert knowledge.find_role("Project Coordinators").key == "project_coordinator"
    assert knowledge.find_role("APM").key == "assistant_project_manager"
    assert knowledge.find_role("data scientist") is None


def error_for(path: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    return caught.value


def test_bad_yaml_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "roles.yml"
    path.write_text("roles:\n  tpm: [unclosed\n", encoding="utf-8")
    error = error_for(path)
    assert str(path) in str(error)
    assert "not valid YAML at line" in str(error)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    error = error_for(tmp_path / "absent.yml")
    assert "cannot be read" in str(error)


@pytest.mark.parametrize(
    ("mutate", "key", "problem"),
    [
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"]["salary"].pop("answer"),
            "roles.technical_project_manager.topics.salary.answer",
            "is missing",
        ),
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"]["salary"].update(
                answer="   "
            ),
            "roles.technical_project_manager.topics.salary.answer",
            "must be a non-empty text",
        ),
        (
            lambda d: d["roles"]["project_coordinator"]["topics"]["overview"]["facts"][0].update(
                source="wikipedia"
            ),
            "roles.project_coordinator.topics.overview.facts[0].source",
            "unknown source 'wikipedia'",
        ),
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"]["salary"]["facts"][
                0
            ].update(quote="The average salary is $150,000 per year."),
            "roles.technical_project_manager.topics.salary.facts[0].quote",
            "is not a passage of source 'job_description'",
        ),
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"].update(
                astrology={"answer": "x", "facts": []}
            ),
            "roles.technical_project_manager.topics.astrology",
            "is not a topic listed under 'topics'",
        ),
        (
            lambda d: d["topics"]["salary"].update(follow_ups=["horoscope"]),
            "topics.salary.follow_ups",
            "names unknown topic 'horoscope'",
        ),
        (
            lambda d: d["roles"]["project_coordinator"]["aliases"].append("TPM"),
            "roles.project_coordinator.aliases",
            "alias 'TPM' is already used by role 'technical_project_manager'",
        ),
        (
            lambda d: d.update(default_role="astronaut"),
            "default_role",
            "must name one of the roles, not 'astronaut'",
        ),
        (
            lambda d: d["messages"].pop("greeting"),
            "messages.greeting",
            "is missing",
        ),
        (
            lambda d: d["sources"]["career_profile"].update(file="sources/missing.txt"),
            "sources.career_profile.file",
            "'sources/missing.txt' cannot be read",
        ),
    ],
    ids=[
        "missing-answer",
        "empty-answer",
        "unknown-source",
        "invented-quote",
        "unknown-topic",
        "unknown-follow-up",
        "duplicate-alias",
        "unknown-default-role",
        "missing-message",
        "missing-source-file",
    ],
)
def test_broken_file_names_file_key_and_problem(
    knowledge_variant: KnowledgeWriter, mutate, key: str, problem: str
) -> None:
    path = knowledge_variant(mutate)
    error = error_for(path)
    assert error.path == path
    assert error.key == key
    assert problem in error.problem
    assert str(error) == f"{path}: {key}: {error.problem}"


def test_action_server_refuses_to_start_on_a_broken_file(
    knowledge_variant: KnowledgeWriter,
) -> None:
    path = knowledge_variant(
        lambda d: d["roles"]["technical_project_manager"]["topics"]["salary"].update(answer="")
    )
    result = subprocess.run(
        [sys.executable, "-m", "actions", "--port", "1"],
        cwd=ROOT,
        env={**os.environ, "TPM_KNOWLEDGE_FILE": str(path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "roles.technical_project_manager.topics.salary.answer" in lines[0]
    assert "must be a non-empty text" in lines[0]


def without_topic(document: dict, topic: str) -> None:
    """Take a topic out of the knowledge file everywhere the file itself names it."""
    document["topics"].pop(topic)
    for entry in document["topics"].values():
        for field in ("follow_ups", "close"):
            if topic in entry.get(field, []):
                entry[field].remove(topic)
    for role in document["roles"].values():
        role["topics"].pop(topic, None)
    document["menu"] = [key for key in document["menu"] if key != topic]


@pytest.mark.parametrize(
    ("mutate", "key", "problem"),
    [
        (
            lambda d: without_topic(d, "who_reports"),
            "special_topics.after_unknown_role",
            "names unknown topic 'who_reports'",
        ),
        (
            lambda d: d["special_topics"].update(after_readiness_result=["reports_to"]),
            "special_topics.after_readiness_result",
            "'reports_to' is not a topic the default role answers",
        ),
        (
            lambda d: d["special_topics"].pop("role_only_question"),
            "special_topics.role_only_question",
            "is missing",
        ),
        (
            lambda d: d["special_topics"].update(when_few_follow_ups=["overview"]),
            "special_topics.when_few_follow_ups",
            "must be one topic key",
        ),
        (
            lambda d: d.pop("special_topics"),
            "special_topics",
            "must be a non-empty mapping",
        ),
        (
            lambda d: d["topics"]["salary"].pop("question"),
            "topics.salary.question",
            "is missing",
        ),
    ],
    ids=[
        "removed-topic",
        "not-answered-by-default-role",
        "missing-place",
        "list-for-one",
        "missing-section",
        "missing-question",
    ],
)
def test_topics_the_code_offers_are_checked(
    knowledge_variant: KnowledgeWriter, mutate, key: str, problem: str
) -> None:
    path = knowledge_variant(mutate)
    error = error_for(path)
    assert (error.path, error.key) == (path, key)
    assert problem in error.problem


def test_action_server_refuses_to_start_without_a_topic_the_code_offers(
    knowledge_variant: KnowledgeWriter,
) -> None:
    """Removing who_reports used to validate, then fail on the first unknown role."""
    path = knowledge_variant(lambda d: without_topic(d, "who_reports"))
    result = subprocess.run(
        [sys.executable, "-m", "actions", "--port", "1"],
        cwd=ROOT,
        env={**os.environ, "TPM_KNOWLEDGE_FILE": str(path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Knowledge file rejected, action server not started: {path}: "
        "special_topics.after_unknown_role: names unknown topic 'who_reports'"
    )


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
    assert set(requirements.skills) == {
        "communication",
        "problem_solving",
        "organisation",
        "project_management",
        "leadership",
    }
    every = [
        requirements.degree,
        requirements.associate_route,
        requirements.field,
        requirements.it_experience,
        requirements.management_experience,
        requirements.graduate_study,
        *(skill.requirement for skill in requirements.skills.values()),
    ]
    for requirement in every:
        for fact in (requirement.fact, requirement.next_step):
            assert " ".join(fact.quote.replace("’", "'").split()) in fact.source.text


@pytest.mark.parametrize(
    ("mutate", "key", "problem"),
    [
        (
            lambda d: d.pop("requirements"),
            "requirements",
            "must be a non-empty mapping",
        ),
        (
            lambda d: d["requirements"]["degree"].update(
                quote="Every business expects a master's degree."
            ),
            "requirements.degree.quote",
            "is not a passage of source 'job_description'",
        ),
        (
            lambda d: d["requirements"]["skills"]["leadership"]["next_step"].update(
                quote="Leaders are born, not made."
            ),
            "requirements.skills.leadership.next_step.quote",
            "is not a passage of source 'job_description'",
        ),
        (
            lambda d: d["requirements"]["field"]["next_step"].update(source="blog"),
            "requirements.field.next_step.source",
            "unknown source 'blog'",
        ),
        (
            lambda d: d["requirements"]["field"].pop("next_step"),
            "requirements.field.next_step",
            "must be a non-empty mapping",
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
        "invented-next-step-quote",
        "unknown-next-step-source",
        "missing-next-step",
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
    path = knowledge_variant(mutate)
    error = error_for(path)
    assert (error.path, error.key) == (path, key)
    assert problem in error.problem
