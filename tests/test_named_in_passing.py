"""Jobs the sources name without describing them: the types of TPM the career profile lists and
the jobs a TPM "might assume the role of". Asked about any topic, the reply says what the
sources do say of them, plainly labelled, and never answers for them as for a role described.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.topic_turns import KNOWLEDGE, answered, check_turn, prefix, texts

TYPES = [role for role in KNOWLEDGE.roles.values() if role.kind_of is not None]
MENTIONED = KNOWLEDGE.uncovered.mentioned


def test_the_four_types_the_career_profile_names_are_roles_of_their_own() -> None:
    names = {role.name for role in TYPES}
    career_profile = KNOWLEDGE.sources["career_profile"].text.casefold()
    assert len(names) == 4
    for name in names:
        assert name.split(" or ")[0].casefold() in career_profile


@settings(max_examples=150, deadline=None)
@given(topic=st.sampled_from(sorted(KNOWLEDGE.topics)), role=st.sampled_from(TYPES))
def test_a_type_of_tpm_is_told_the_sources_speak_of_tpms_in_general(topic: str, role) -> None:
    messages = answered(f"ask_{topic}", role.aliases[0])
    check_turn(messages)
    first = messages[0]["text"]
    broader = KNOWLEDGE.roles[role.kind_of]
    if topic in role.answers:
        assert role.answers[topic].first.text == first
    elif topic in KNOWLEDGE.uncovered.figures:
        assert first.startswith(prefix("no_figure") + f"for {role.called}"), first
        assert broader.answers[topic].first.text in texts(messages)
    elif topic in broader.answers and KNOWLEDGE.topics[topic].answered_by is None:
        note = KNOWLEDGE.messages["not_specific"].format(qualifier=role.called)
        assert first == note
        assert broader.answers[topic].first.text in texts(messages)


@settings(max_examples=150, deadline=None)
@given(topic=st.sampled_from(sorted(KNOWLEDGE.topics)), key=st.sampled_from(sorted(MENTIONED)))
def test_a_job_named_in_passing_gets_what_the_sources_say_of_it(topic: str, key: str) -> None:
    job = MENTIONED[key]
    messages = answered(f"ask_{topic}", job.names[0])
    check_turn(messages)
    first = messages[0]["text"]
    if job.topic is not None:
        # A step of the career: said so, then that topic's whole answer, with its sources.
        step = KNOWLEDGE.topics[job.topic]
        intro = KNOWLEDGE.messages["mentioned_topic"]
        assert first == intro.format(job=job.called, topic=step.in_a_sentence)
        assert messages[1]["text"] == KNOWLEDGE.default_role.answers[job.topic].first.text
        assert messages[2]["text"].startswith(("Source: ", "Sources: "))
        return
    assert first.startswith(KNOWLEDGE.messages["mentioned_only"].format(job=job.called))
    assert job.says.text in first
    # With its source and the evidence behind it, like any answer.
    assert messages[1]["text"].startswith(("Source: ", "Sources: "))
    assert [quote.text for quote in job.says.quotes] == [q for _, q in messages[1]["evidence"]]
    assert "I don't know the role" not in texts(messages)


@pytest.mark.parametrize("mention", ["data analyst", "business analyst", "senior programmer"])
def test_a_longer_job_title_is_not_the_one_named_in_passing(mention: str) -> None:
    messages = answered("ask_salary", mention)
    assert messages[0]["text"].startswith(f"I don't know the role “{mention}”")


@pytest.mark.parametrize(("slot", "value"), [("period", "per day"), ("place", "Canada")])
def test_a_step_asked_for_a_period_or_place_says_the_sources_leave_it_out(
    slot: str, value: str
) -> None:
    """ "what would i earn as a consultant per day": no figure per day, then the step."""
    [key] = [key for key, job in MENTIONED.items() if job.topic is not None]
    job = MENTIONED[key]
    messages = answered("ask_salary", job.names[0], slots={slot: value})
    check_turn(messages)
    assert messages[0]["text"].startswith(prefix("no_figure") + f"{value}") or (
        messages[0]["text"].startswith(prefix("no_figure") + f"for {value}")
    )
    intro = KNOWLEDGE.messages["mentioned_topic"]
    step = KNOWLEDGE.topics[str(job.topic)]
    assert messages[1]["text"] == intro.format(job=job.called, topic=step.in_a_sentence)
