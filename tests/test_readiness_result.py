"""The readiness check's result: how answers compare with the requirements, worded from the
knowledge file, page by page."""

from __future__ import annotations

from typing import Any

import pytest

from actions.form_input import (
    field_is_related,
)
from actions.knowledge import Knowledge, load_knowledge
from actions.readiness import Profile, assess, result_messages
from actions.replies import sources_line
from tests.conftest import KnowledgeWriter


def profile(knowledge: Knowledge, level: str, it: float, mgmt: float, skills=(), field=None):
    return Profile(knowledge.requirements.levels[level], field, it, mgmt, frozenset(skills))


def result_text(knowledge: Knowledge, person: Profile) -> str:
    """Everything the result says: the summary, the first page and every page "Tell me more"
    gives."""
    messages = result_messages(knowledge, assess(person, knowledge.requirements))
    pages = [page["text"] for page in messages[-1]["more"]]
    return "\n".join([*(m["text"] for m in messages), *pages])


def test_no_degree_and_no_experience_gets_every_gap_with_what_the_sources_say(
    knowledge: Knowledge,
) -> None:
    requirements = knowledge.requirements
    assessment = assess(profile(knowledge, "none", 0, 0), requirements)
    assert assessment.met == ()
    gap_keys = [finding.requirement.key for finding in assessment.gaps]
    assert gap_keys == ["degree", "it_experience", "management_experience", *requirements.skills]
    text = result_text(knowledge, profile(knowledge, "none", 0, 0))
    assert "You have:" not in text
    for finding in assessment.gaps:
        requirement = finding.requirement
        assert requirement.text in text
        assert requirement.helps_text in text
        if requirement.suggestion:
            # Our own advice is always labelled as ours.
            label = knowledge.messages["suggestion_label"]
            assert f"{label} {requirement.suggestion}" in text


def test_the_result_opens_with_a_summary_and_gives_the_details_page_by_page(
    knowledge: Knowledge,
) -> None:
    person = profile(knowledge, "bachelor", 2, 0, ["leadership"], "history")
    messages = result_messages(knowledge, assess(person, knowledge.requirements))
    assert len(messages) == 3
    summary, first, sources = messages
    assert summary["text"].startswith("Here is how you compare")
    assert "You have: Degree, IT experience, Leadership." in summary["text"]
    assert "Not yet: Field of study, Management experience, Communication" in summary["text"]
    assert first["text"].startswith("• Field of study: you studied history.")
    assert sources["text"].startswith(("Source: ", "Sources: "))
    titles = [b["title"] for b in sources["buttons"]]
    assert titles[:2] == ["Tell me more", "Show the source text"]
    # The passages behind the first page travel with it, for "where does it say that?".
    field = knowledge.requirements.field
    assert [field.says[0].quotes[0].source.key, field.says[0].quotes[0].text] in sources["evidence"]
    assert sources["more"], "the other findings come with Tell me more"


def test_associate_degree_with_several_years_takes_the_associate_route(
    knowledge: Knowledge,
) -> None:
    requirements = knowledge.requirements
    person = profile(knowledge, "associate", 5, 1, ["communication"], "computer science")
    assessment = assess(person, requirements)
    met = {finding.requirement.key for finding in assessment.met}
    assert met == {"associate_route", "field", "it_experience", "communication"}
    assert "management_experience" in {finding.requirement.key for finding in assessment.gaps}
    text = result_text(knowledge, person)
    assert requirements.associate_route.text in text
    assert (
        "The source says “several years” without a number; I count 3 years or more, which is "
        "my reading, not the source's." in text
    )


def test_associate_degree_with_too_few_years_is_a_gap(knowledge: Knowledge) -> None:
    assessment = assess(profile(knowledge, "associate", 2, 0), knowledge.requirements)
    degree = assessment.findings[0]
    assert degree.requirement.key == "associate_route" and not degree.met
    assert "2 years of IT experience" in degree.detail


def test_bachelor_with_four_years_of_management_and_every_quality_meets_everything_asked(
    knowledge: Knowledge,
) -> None:
    requirements = knowledge.requirements
    person = profile(knowledge, "bachelor", 6, 4, requirements.skills, "management")
    assessment = assess(person, requirements)
    assert assessment.gaps == ()
    messages = result_messages(knowledge, assessment)
    text = result_text(knowledge, person)
    assert requirements.management_experience.text in text
    # It claims no more than it checked.
    assert knowledge.messages["readiness_result_no_gaps"] in messages[1]["text"]
    assert "You meet everything my sources list" not in text
    assert requirements.graduate_study.text in text
    assert messages[-1]["text"] == sources_line((knowledge.sources["job_description"],))
    assert [b["payload"].split("{")[0] for b in messages[-1]["buttons"]] == [
        "/tell_more",
        "/ask_evidence",
        "/ask_education",
        "/ask_experience",
        "/ask_skills",
    ]


def test_thresholds_come_from_the_knowledge_file(knowledge_variant: KnowledgeWriter) -> None:
    def stricter(document: dict[str, Any]) -> None:
        document["requirements"]["management_experience"]["minimum_years"] = 5
        document["requirements"]["associate_route"]["several_years_means"] = 6

    changed = load_knowledge(knowledge_variant(stricter))
    requirements = changed.requirements
    manager = assess(profile(changed, "bachelor", 6, 4), requirements)
    assert "management_experience" in {f.requirement.key for f in manager.gaps}
    associate = assess(profile(changed, "associate", 5, 0), requirements)
    assert not associate.findings[0].met
    assert associate.findings[0].several_years_read_as == 6
    assert "I count 6 years or more" in result_text(changed, profile(changed, "associate", 5, 0))


def test_the_longest_result_fits_slack_sections(knowledge: Knowledge) -> None:
    """Slack takes at most 3,000 characters per section; the result with every gap fits."""
    everything_missing = assess(profile(knowledge, "none", 0, 0), knowledge.requirements)
    for message in result_messages(knowledge, everything_missing):
        assert len(message["text"]) <= 3000


@pytest.mark.parametrize(
    "field", ["comp sci", "Computer Science", "CS", "cs", "management", "communications"]
)
def test_fields_written_as_people_write_them_are_related(knowledge: Knowledge, field: str) -> None:
    assert field_is_related(field, knowledge.requirements.field_words)


@pytest.mark.parametrize(
    "field", ["business", "MBA", "information technology", "history", "physics"]
)
def test_fields_the_sources_never_name_are_not_counted_as_related(
    knowledge: Knowledge, field: str
) -> None:
    assert not field_is_related(field, knowledge.requirements.field_words)
