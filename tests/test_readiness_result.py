"""The readiness check's result: how answers compare with the requirements, worded from the
knowledge file, page by page; a verdict only where the sources give one, the rest labelled as
the person's to judge or as our reading."""

from __future__ import annotations

from typing import Any

import pytest

from actions.form_input import field_is_related, parse_skills_text
from actions.readiness import Profile, Verdict, assess, result_messages
from actions.replies import sources_line
from knowledge.loader import Knowledge, load_knowledge
from tests.conftest import KnowledgeWriter


def profile(knowledge: Knowledge, level: str, it: float, mgmt: float, skills=(), field=None):
    return Profile(knowledge.requirements.levels[level], field, it, mgmt, frozenset(skills))


def result_text(knowledge: Knowledge, person: Profile) -> str:
    """Everything the result says: the summary and every page "Tell me more" gives."""
    messages = result_messages(knowledge, assess(person, knowledge))
    pages = [page["text"] for page in messages[-1]["more"]]
    return "\n".join([*(m["text"] for m in messages), *pages])


def verdicts(knowledge: Knowledge, person: Profile) -> dict[str, Verdict]:
    return {f.requirement.key: f.verdict for f in assess(person, knowledge).findings}


def summary(knowledge: Knowledge, person: Profile) -> str:
    return result_messages(knowledge, assess(person, knowledge))[0]["text"]


def test_no_degree_and_no_experience_gets_every_gap_with_what_the_sources_say(
    knowledge: Knowledge,
) -> None:
    requirements = knowledge.requirements
    assessment = assess(profile(knowledge, "none", 0, 0), knowledge)
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


def test_the_result_says_every_point_in_one_message_then_offers_the_details(
    knowledge: Knowledge,
) -> None:
    person = profile(knowledge, "bachelor", 2, 0, ["leadership"], "history")
    messages = result_messages(knowledge, assess(person, knowledge))
    assert len(messages) == 2
    first, sources = messages
    text = first["text"]
    assert text.startswith("How your answers compare with what my sources say it takes")
    assert "You have: Degree, Leadership." in text
    assert "Not yet, which they expect: Communication," in text
    assert "Not yet, which they call useful or good to have: Management experience," in text
    assert "Yours to judge: Field of study, IT experience." in text
    # Every requirement is named in that one message.
    labels = {f.requirement.label for f in assess(person, knowledge).findings}
    assert all(label in text for label in labels)
    assert sources["text"].startswith(("Source: ", "Sources: "))
    titles = [b["title"] for b in sources["buttons"]]
    assert titles[:2] == ["Tell me more", "Show the source text"]
    # The details come with "Tell me more", what is missing first, each with its passages.
    pages = sources["more"]
    assert pages[0]["text"].startswith("• Communication: not among your answers.")
    assert all(page["evidence"] for page in pages)


def test_it_experience_has_no_threshold_the_sources_do_not_give(knowledge: Knowledge) -> None:
    """Half a year beside three years of management: not "Not yet", but the person's to judge,
    since the sources name no number and say what the experience should include."""
    person = profile(knowledge, "bachelor", 0.5, 3)
    assert verdicts(knowledge, person)["it_experience"] is Verdict.YOURS_TO_JUDGE
    text = result_text(knowledge, person)
    assert knowledge.requirements.it_experience.text in text
    assert knowledge.messages["readiness_judge_experience"] in text
    assert "IT experience" not in summary(knowledge, person).split("Yours to judge:")[0]
    # No IT or technical work at all is missing, as the sources' "should include" says.
    assert verdicts(knowledge, profile(knowledge, "bachelor", 0, 3))["it_experience"] is (
        Verdict.NOT_YET
    )


def test_an_associate_degree_is_partly_met_never_everything(knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    person = profile(knowledge, "associate", 5, 4, requirements.skills, "computer science")
    assert verdicts(knowledge, person)["associate_route"] is Verdict.PARTLY
    text = result_text(knowledge, person)
    assert "Partly: Degree." in summary(knowledge, person)
    assert requirements.associate_route.text in text
    # Beside it, the sources' "most businesses expect at least a bachelor's degree".
    assert requirements.associate_route.helps_text in text
    assert knowledge.messages["readiness_result_no_gaps"] not in text
    assert (
        "The source says “several years” without a number; I count 3 years or more, which is "
        "my reading, not the source's." in text
    )


def test_associate_degree_with_too_few_years_is_a_gap(knowledge: Knowledge) -> None:
    assessment = assess(profile(knowledge, "associate", 2, 0), knowledge)
    degree = assessment.findings[0]
    assert degree.requirement.key == "associate_route" and degree.verdict is Verdict.NOT_YET
    assert "2 years of IT experience" in degree.detail


@pytest.mark.parametrize(
    "field",
    [
        "information technology",
        "information systems",
        "software engineering",
        "computer engineering",
        "data science",
        "history",
    ],
)
def test_a_field_the_sources_do_not_name_is_the_persons_to_judge_not_a_gap(
    knowledge: Knowledge, field: str
) -> None:
    person = profile(knowledge, "bachelor", 3, 3, field=field)
    assert verdicts(knowledge, person)["field"] is Verdict.YOURS_TO_JUDGE
    assert "Field of study" in summary(knowledge, person).split("Yours to judge:")[1]
    assert knowledge.messages["readiness_judge_field"] in result_text(knowledge, person)


def test_management_experience_is_said_as_useful_as_the_source_says_it(
    knowledge: Knowledge,
) -> None:
    person = profile(knowledge, "bachelor", 3, 0, knowledge.requirements.skills)
    text = summary(knowledge, person)
    assert "Not yet, which they call useful or good to have: Management experience." in text
    assert "which they expect" not in text


@pytest.mark.parametrize(
    "typed", ["analytical thinking", "abstract thinking", "analytical and abstract thinking"]
)
def test_typing_a_qualitys_name_counts_as_having_it(knowledge: Knowledge, typed: str) -> None:
    picked = parse_skills_text(typed, knowledge.requirements.skills).picked
    assert "abstract_thinking" in picked


def test_every_qualitys_label_and_its_halves_count_as_having_it(knowledge: Knowledge) -> None:
    skills = knowledge.requirements.skills
    for key, skill in skills.items():
        for typed in [skill.label, *skill.label.split(" and ")]:
            assert key in parse_skills_text(typed, skills).picked, typed


def test_bachelor_with_four_years_of_management_and_every_quality_has_no_gap(
    knowledge: Knowledge,
) -> None:
    requirements = knowledge.requirements
    person = profile(knowledge, "bachelor", 6, 4, requirements.skills, "management")
    assessment = assess(person, knowledge)
    assert assessment.gaps == ()
    messages = result_messages(knowledge, assessment)
    text = result_text(knowledge, person)
    # It claims no more than it checked.
    assert knowledge.messages["readiness_result_no_gaps"] in messages[1]["more"][0]["text"]
    assert "You meet every" not in text
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
    manager = assess(profile(changed, "bachelor", 6, 4), changed)
    assert "management_experience" in {f.requirement.key for f in manager.gaps}
    associate = assess(profile(changed, "associate", 5, 0), changed)
    assert associate.findings[0].verdict is Verdict.NOT_YET
    assert associate.findings[0].several_years_read_as == 6
    assert "I count 6 years or more" in result_text(changed, profile(changed, "associate", 5, 0))


def test_the_longest_result_fits_slack_sections(knowledge: Knowledge) -> None:
    """Slack takes at most 3,000 characters per section; the result with every gap fits."""
    everything_missing = assess(profile(knowledge, "none", 0, 0), knowledge)
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
