"""The knowledge file loads, is grounded in its sources, and is refused with a clear message
when broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.grounding import unsupported
from knowledge.loader import Knowledge, KnowledgeError, Sentence, load_knowledge
from tests.conftest import KnowledgeWriter, refusal_of
from tests.servers import ROOT


def every_sentence(knowledge: Knowledge) -> list[tuple[str, Sentence]]:
    """Every sentence the assistant can say about a role or a requirement, with where it is."""
    found = [
        (f"{role.key}.{topic}", sentence)
        for role in knowledge.roles.values()
        for topic, answer in role.answers.items()
        for sentence in answer.sentences
    ]
    found += [
        (f"requirements.{req.key}", sentence)
        for req in knowledge.requirements.every
        for sentence in (*req.says, *req.helps)
    ]
    return found


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


def test_every_sentence_quotes_passages_of_its_sources(knowledge: Knowledge) -> None:
    for where, sentence in every_sentence(knowledge):
        assert sentence.quotes, f"{where}: {sentence.text!r} quotes nothing"
        for quote in sentence.quotes:
            passage = " ".join(quote.text.replace("’", "'").split())
            assert passage in quote.source.text, f"{where}: {quote.text!r} not in its source"


def test_every_sentence_names_only_figures_roles_and_qualities_its_quotes_name(
    knowledge: Knowledge,
) -> None:
    others = [
        (role.name, *role.aliases)
        for role in knowledge.roles.values()
        if role is not knowledge.default_role
    ]
    for where, sentence in every_sentence(knowledge):
        quotes = [quote.text for quote in sentence.quotes]
        assert not unsupported(sentence.text, quotes, others), f"{where}: {sentence.text!r}"


@pytest.mark.parametrize(
    ("sentence", "quote", "missing"),
    [
        ("The average is $120,000.", "The average salary is $99,910 per year.", "'$120,000'"),
        ("It takes five years.", "It takes several years.", "'five'"),
        ("The Project Scheduler helps.", "the Project Coordinator helps", "'Project Scheduler'"),
        ("A TPM may act as an engineer.", "you might act as a programmer", "'engineer'"),
        ("They think creatively.", "They solve problems.", "'creativ…'"),
        ("It needs attention to detail.", "It needs focus.", "'detail…'"),
    ],
)
def test_grounding_check_finds_what_a_quote_does_not_say(
    sentence: str, quote: str, missing: str
) -> None:
    found = unsupported(sentence, [quote], [("Project Scheduler", "scheduler")])
    assert any(missing in item for item in found), found


def test_grounding_check_accepts_what_the_quote_says_in_other_words() -> None:
    assert not unsupported(
        "Analysts and programmers may need three years and $88,000.",
        ["assume the role of analysts or a programmer for three years at $88,000, per year"],
        [],
    )


def test_salary_always_gives_both_figures_with_their_sources(knowledge: Knowledge) -> None:
    salary = knowledge.default_role.answers["salary"]
    assert "$99,910" in salary.text and "$88,000" in salary.text
    assert "35 percent" in salary.text and "Bureau of Labor Statistics" in salary.text
    assert {source.key for source in salary.sources} == {"job_description", "career_profile"}


def test_daily_duties_merge_both_sources(knowledge: Knowledge) -> None:
    daily = knowledge.default_role.answers["daily_duties"]
    sources = {quote.source.key for part in daily.parts for quote in part.quotes}
    assert sources == {"job_description", "career_profile"}


def test_a_long_answer_starts_with_a_direct_reply_and_gives_the_rest_in_parts(
    knowledge: Knowledge,
) -> None:
    daily = knowledge.default_role.answers["daily_duties"]
    assert len(daily.parts) >= 2
    assert daily.text == daily.first.text
    assert daily.more == daily.parts[1:]


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


SALARY = ("roles", "technical_project_manager", "topics", "salary")


def salary(document: dict) -> dict:
    return document["roles"]["technical_project_manager"]["topics"]["salary"]


def first_sentence(document: dict) -> dict:
    return salary(document)["answer"][0]


@pytest.mark.parametrize(
    ("mutate", "key", "problem"),
    [
        (
            lambda d: salary(d).pop("answer"),
            "roles.technical_project_manager.topics.salary.answer",
            "is missing",
        ),
        (
            lambda d: salary(d).update(answer=[]),
            "roles.technical_project_manager.topics.salary.answer",
            "must list at least one sentence with its quotes",
        ),
        (
            lambda d: first_sentence(d).update(say="   "),
            "roles.technical_project_manager.topics.salary.answer[0].say",
            "must be a non-empty text",
        ),
        (
            lambda d: first_sentence(d).pop("quotes"),
            "roles.technical_project_manager.topics.salary.answer[0].quotes",
            "is missing: every sentence must quote the passage it rests on",
        ),
        (
            lambda d: salary(d)["more"][0][1].update(quotes=[]),
            "roles.technical_project_manager.topics.salary.more[0][1].quotes",
            "is missing: every sentence must quote the passage it rests on",
        ),
        (
            lambda d: d["roles"]["project_coordinator"]["topics"]["overview"]["answer"][0][
                "quotes"
            ][0].update({"wikipedia": "Project Coordinators are entry-level employees"}),
            "roles.project_coordinator.topics.overview.answer[0].quotes[0]",
            'must be one `source: "passage"` pair',
        ),
        (
            lambda d: d["roles"]["project_coordinator"]["topics"]["overview"]["answer"][0].update(
                quotes=[{"wikipedia": "Project Coordinators are entry-level employees"}]
            ),
            "roles.project_coordinator.topics.overview.answer[0].quotes[0]",
            "unknown source 'wikipedia'",
        ),
        (
            lambda d: first_sentence(d)["quotes"][0].update(
                job_description="The average salary is $150,000 per year."
            ),
            "roles.technical_project_manager.topics.salary.answer[0].quotes[0]",
            "is not a passage of source 'job_description'",
        ),
        (
            lambda d: first_sentence(d).update(say="TPMs earn $150,000 on average."),
            "roles.technical_project_manager.topics.salary.answer[0].say",
            "names the figure '$150,000', which none of its quotes names",
        ),
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"]["working_hours"]["answer"][
                0
            ].update(say="The work is 9 to 5, and creative thinkers do best."),
            "roles.technical_project_manager.topics.working_hours.answer[0].say",
            "names the quality 'creativ…', which none of its quotes names",
        ),
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"]["working_hours"]["answer"][
                0
            ].update(say="The work is 9 to 5; the Project Scheduler keeps the hours."),
            "roles.technical_project_manager.topics.working_hours.answer[0].say",
            "names the role 'Project Scheduler', which none of its quotes names",
        ),
        (
            lambda d: salary(d)["answer"].append(
                {"say": "word " * 60, "quotes": first_sentence(d)["quotes"]}
            ),
            "roles.technical_project_manager.topics.salary.answer",
            "words; a message may have at most 70",
        ),
        (
            lambda d: d["messages"].update(greeting="Hello there. " * 40),
            "messages.greeting",
            "has 80 words; a message may have at most 70",
        ),
        (
            lambda d: d["roles"]["technical_project_manager"]["topics"].update(
                astrology={"answer": []}
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
            lambda d: d["roles"]["project_coordinator"]["aliases"].append("tech PM"),
            "roles.project_coordinator.aliases",
            "alias 'tech PM' is already used by role 'technical_project_manager'",
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
        "empty-sentence",
        "sentence-without-quote",
        "sentence-of-more-without-quote",
        "two-sources-in-one-quote",
        "unknown-source",
        "invented-quote",
        "figure-not-in-quote",
        "quality-not-in-quote",
        "role-not-in-quote",
        "part-over-70-words",
        "message-over-70-words",
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


def start_action_server(path: Path) -> subprocess.CompletedProcess[str]:
    """Start the action server on the knowledge file at `path`; what it did before exiting."""
    return subprocess.run(
        [sys.executable, "-m", "actions", "--port", "1"],
        cwd=ROOT,
        env={**os.environ, "TPM_KNOWLEDGE_FILE": str(path)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_action_server_refuses_to_start_on_a_broken_file(
    knowledge_variant: KnowledgeWriter,
) -> None:
    path = knowledge_variant(lambda d: salary(d).update(answer=[]))
    result = start_action_server(path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "roles.technical_project_manager.topics.salary.answer" in lines[0]
    assert "must list at least one sentence" in lines[0]


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
    refusal_of(knowledge_variant(mutate), key, problem)


def test_action_server_refuses_to_start_without_a_topic_the_code_offers(
    knowledge_variant: KnowledgeWriter,
) -> None:
    """Removing who_reports used to validate, then fail on the first unknown role."""
    path = knowledge_variant(lambda d: without_topic(d, "who_reports"))
    result = start_action_server(path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Knowledge file rejected, action server not started: {path}: "
        "special_topics.after_unknown_role: names unknown topic 'who_reports'"
    )
