"""Every topic asked beyond the sources: another place, period or level, or an unknown job.

A property test over every topic × a qualifier the sources don't cover × the role asked about
(the TPM, one the sources name, or a job they don't describe beside the TPM): the reply says
plainly what is not covered and what is, in 1–4 messages none repeated, and every figure in it
is in a source. The actions run as the action server runs them, on real rasa_sdk Trackers.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.scope_notes import (
    Frame,
    asks_pay_anew,
    only_qualifiers,
    period_phrase,
    qualified_topic,
    scope_note,
    seniority_phrase,
)
from knowledge.loader import Knowledge
from tests.topic_turns import KNOWLEDGE, answered, check_turn, prefix, texts

PLACES = [
    "Canada",
    "Germany",
    "India",
    "Lagos",
    "the UK",
    "Indian TPMs",
    "Brazil",
    "Japan",
    "NYC",
    "Texas",
]
PERIODS = ["per month", "hourly", "weekly", "after ten years", "in 2030", "per day"]
LEVELS = ["entry-level", "junior", "lead", "principal", "starting"]
UNKNOWN_JOBS = ["scrum master", "product owner", "business analyst", "engineering manager"]


qualifiers = st.one_of(
    st.sampled_from(PLACES).map(lambda value: ("place", value)),
    st.sampled_from(PERIODS).map(lambda value: ("period", value)),
    st.sampled_from(LEVELS).map(lambda value: ("seniority", value)),
)


CURRENCIES = ["euros", "pounds", "rupees", "yen", "CAD"]


def given_per(topic: str) -> str | None:
    """ "per day": the period the knowledge file says a topic's figures are given for."""
    unit = KNOWLEDGE.uncovered.given_per.get(topic)
    return f"per {unit}" if unit else None


@pytest.mark.parametrize(
    "topic", sorted(set(KNOWLEDGE.default_role.answers) - set(KNOWLEDGE.uncovered.figures))
)
def test_a_year_is_said_to_be_beyond_the_sources_for_any_topic(topic: str) -> None:
    """ "job outlook for tpms in 2030": not spoken of, then what they say in general."""
    messages = answered(f"ask_{topic}", None, {"period": "in 2030"})
    check_turn(messages, "in 2030")
    assert messages[0]["text"] == KNOWLEDGE.messages["not_specific"].format(qualifier="2030")


def test_hours_asked_per_week_are_no_figure_the_sources_give() -> None:
    """ "how many hours per week is that": the daily schedule is what they give."""
    messages = answered("ask_working_hours", None, {"period": "per week"})
    check_turn(messages, "per week")
    assert messages[0]["text"].startswith(prefix("no_figure") + "per week")
    assert KNOWLEDGE.uncovered.figures["working_hours"].text in messages[0]["text"]


@settings(max_examples=60, deadline=None)
@given(
    topic=st.sampled_from(sorted(KNOWLEDGE.uncovered.figures)), currency=st.sampled_from(CURRENCIES)
)
def test_pay_in_another_currency_is_a_conversion_declined(topic: str, currency: str) -> None:
    """ "whats that in pounds": no conversion, no figure in pounds, then the US figures."""
    messages = answered(f"ask_{topic}", None, {"place": currency})
    check_turn(messages, currency)
    first = messages[0]["text"]
    assert first.startswith(prefix("no_conversion")), first
    assert f"into {currency.casefold()}:" in first
    assert KNOWLEDGE.uncovered.figures[topic].text in first


@settings(max_examples=300, deadline=None)
@given(topic=st.sampled_from(sorted(KNOWLEDGE.topics)), qualifier=qualifiers)
def test_every_topic_asked_beyond_the_sources_says_so(
    topic: str, qualifier: tuple[str, str]
) -> None:
    kind, value = qualifier
    messages = answered(f"ask_{topic}", None, {kind: value})
    check_turn(messages, value)
    first = messages[0]["text"]
    figures = topic in KNOWLEDGE.uncovered.figures
    if topic not in KNOWLEDGE.default_role.answers:
        # Not covered for the TPM at all: that is said, and nothing about the qualifier.
        assert first.startswith("My sources don't cover"), first
    elif figures and kind == "period" and period_phrase(value) == given_per(topic):
        # Hours "per day": the period the sources give them for, nothing left out.
        assert first == KNOWLEDGE.default_role.answers[topic].first.text
    elif figures:
        # "My sources give no figure for Canada … What they give are yearly averages …".
        assert first.startswith(prefix("no_figure")), first
        assert KNOWLEDGE.uncovered.figures[topic].text in first
        shown = period_phrase(value) if kind == "period" else value
        assert shown.split()[-1] in first
    elif kind != "period":
        assert first.startswith(prefix("not_specific")), first
        assert value.split()[-1] in first
    # Then what the sources do cover: the topic's answer, or the honest "don't cover".
    answer = KNOWLEDGE.default_role.answers.get(topic)
    if answer is not None and topic not in ("difference_coordinator",):
        assert answer.first.text in texts(messages)


@settings(max_examples=200, deadline=None)
@given(topic=st.sampled_from(sorted(KNOWLEDGE.topics)), job=st.sampled_from(UNKNOWN_JOBS))
def test_a_job_the_sources_do_not_describe_is_never_answered_for(topic: str, job: str) -> None:
    # Asked about alone: "I don't know the role", with what the sources do cover.
    alone = answered(f"ask_{topic}", job)
    check_turn(alone)
    assert alone[0]["text"].startswith(f"I don't know the role “{job}”")
    assert KNOWLEDGE.default_role.name in alone[0]["text"]
    assert alone[0]["buttons"]
    # Beside the TPM: said plainly, then the TPM's answer, never another role's.
    other = [{"entity": "other_role", "value": job}]
    beside = answered(f"ask_{topic}", "technical project manager", entities=other)
    check_turn(beside)
    first = beside[0]["text"]
    if KNOWLEDGE.topics[topic].answered_by is not None:
        # Not the comparison the sources make: said plainly, then what a TPM is, with the
        # comparison they do make offered.
        assert first.startswith(prefix("not_compared")), first
        assert job in first
        assert "differs" not in texts(beside)
        assert KNOWLEDGE.default_role.answers["overview"].text in texts(beside)
        payloads = [b["payload"] for m in beside for b in m.get("buttons") or []]
        assert any(p.startswith(f"/ask_{topic}") for p in payloads)
    else:
        assert first.startswith(prefix("not_described")), first
        assert job in first
    # Likened to the TPM ("is a tpm the same as a scrum master"): a comparison the sources
    # can't make for what a job is and does; any other topic is answered for the TPM.
    likened = [{"entity": "other_role", "value": job, "role": "compared"}]
    compared = answered(f"ask_{topic}", "technical project manager", entities=likened)
    check_turn(compared)
    what_a_job_is = topic in KNOWLEDGE.special_topics.what_a_job_is
    if what_a_job_is or KNOWLEDGE.topics[topic].answered_by is not None:
        assert compared[0]["text"].startswith(prefix("not_compared")), compared[0]["text"]
        assert KNOWLEDGE.default_role.answers["overview"].text in texts(compared)
        payloads = [b["payload"] for m in compared for b in m.get("buttons") or []]
        assert any(p.startswith("/ask_difference_coordinator") for p in payloads)
    else:
        assert compared[0]["text"].startswith(prefix("not_described")), compared[0]["text"]


@pytest.mark.parametrize("topic", sorted(KNOWLEDGE.uncovered.figures))
def test_a_level_the_sources_name_without_figures_gets_the_figures_there_are(topic: str) -> None:
    messages = answered(f"ask_{topic}", "senior TPM")
    check_turn(messages)
    assert messages[0]["text"].startswith(prefix("no_figure") + "for a senior TPM")
    assert KNOWLEDGE.default_role.answers[topic].first.text in texts(messages)


LEVEL_TOPICS_NOT_DESCRIBED = sorted(
    key
    for key in KNOWLEDGE.topics
    if key not in KNOWLEDGE.roles["senior_technical_project_manager"].answers
    and key in KNOWLEDGE.default_role.answers
    and key not in KNOWLEDGE.uncovered.figures
    and KNOWLEDGE.topics[key].answered_by is None
    and key not in KNOWLEDGE.special_topics.reaching_a_level
)


@pytest.mark.parametrize("topic", LEVEL_TOPICS_NOT_DESCRIBED)
def test_a_level_the_sources_do_not_describe_gets_what_they_say_of_every_tpm(topic: str) -> None:
    """ "what does a senior tpm do differently day to day": the sources don't speak of a
    senior TPM's day; what they say of every TPM's follows, said to be that."""
    messages = answered(f"ask_{topic}", "senior TPM")
    check_turn(messages)
    senior = KNOWLEDGE.roles["senior_technical_project_manager"].called
    assert messages[0]["text"] == KNOWLEDGE.messages["not_specific"].format(qualifier=senior)
    assert KNOWLEDGE.default_role.answers[topic].first.text in texts(messages)


@pytest.mark.parametrize("topic", sorted(KNOWLEDGE.special_topics.reaching_a_level))
def test_what_it_takes_to_reach_a_level_is_what_the_sources_say_of_reaching_it(
    topic: str,
) -> None:
    """ "how many years until i can be a senior tpm": not every TPM's requirements, but that
    the sources don't cover it for the senior TPM, with what they do say of that level."""
    messages = answered(f"ask_{topic}", "senior TPM")
    check_turn(messages)
    senior = KNOWLEDGE.roles["senior_technical_project_manager"]
    assert f"for {senior.called}" in messages[0]["text"]
    assert not messages[0]["text"].startswith(prefix("not_specific"))
    assert KNOWLEDGE.default_role.answers[topic].first.text not in texts(messages)


def test_a_role_the_sources_name_without_figures_is_not_given_another_roles() -> None:
    # A coordinator's pay is not the TPM's: "don't cover", never the TPM's figures.
    messages = answered("ask_salary", "project coordinator")
    check_turn(messages)
    assert "$" not in texts(messages)


def test_no_note_where_nothing_is_asked_beyond_the_sources(knowledge: Knowledge) -> None:
    for topic in knowledge.topics.values():
        assert scope_note(knowledge, knowledge.default_role, topic, Frame()) is None


@pytest.mark.parametrize(
    ("asker", "offered"),
    [
        ("project scheduler", True),
        ("school teacher", True),
        ("recruiter", False),
        ("hiring manager", False),
        ("technical project manager", False),
    ],
)
def test_the_readiness_check_is_offered_to_who_may_become_a_tpm(asker: str, offered: bool) -> None:
    """After an answer about becoming a TPM, someone who said their job is offered the check;
    a TPM already, or someone who hires TPMs, is not."""
    messages = answered(
        "ask_skills",
        None,
        entities=[{"entity": "asker_role", "value": asker, "start": 0, "end": len(asker)}],
    )
    check_turn(messages)
    offer = prefix("offer_readiness_asker")
    assert any(offer in (m.get("text") or "") for m in messages) is offered, messages


@pytest.mark.parametrize(
    ("text", "topic", "previous", "anew"),
    [
        ("and pay in pounds?", "salary", "education", True),
        ("and pay in pounds?", "salary", "salary", False),
        ("and in germany?", "education", "education", False),
        ("what about the salary there", "salary", "skills", True),
    ],
)
def test_pay_named_after_another_topic_is_asked_anew(
    text: str, topic: str, previous: str, anew: bool
) -> None:
    assert asks_pay_anew(text, topic, previous) is anew


@pytest.mark.parametrize("topic", sorted(KNOWLEDGE.topics))
def test_a_currency_alone_after_any_answer_asks_the_pay(topic: str) -> None:
    """ "and in euros?" after what a TPM does: only pay is given in a currency."""
    previous = KNOWLEDGE.topics[topic]
    asked = qualified_topic(KNOWLEDGE, previous, Frame(place="euros"))
    assert asked.key == "salary"
    assert qualified_topic(KNOWLEDGE, previous, Frame(place="Germany")) is previous


@pytest.mark.parametrize(
    ("text", "frame", "follows_up"),
    [
        # A place put right, said of oneself, or with a word of doubt: the same topic there.
        ("in the uk i mean, im in manchester", Frame(place="the UK"), True),
        ("same in australia? thats where i live", Frame(place="Australia"), True),
        ("in the uk tho", Frame(place="the UK"), True),
        ("thats usd right? what about india", Frame(place="India"), True),
        # The sources' own scope asked for after a note: the answer without it.
        ("ok just in general then", Frame(), True),
        # Whether it differs there asks nothing more than the place.
        ("is it any different in japan", Frame(place="Japan"), True),
        # A question of its own beside the place.
        ("im in the uk, what time is it", Frame(place="the UK"), False),
    ],
)
def test_a_follow_up_of_qualifiers_alone(text: str, frame: Frame, follows_up: bool) -> None:
    assert only_qualifiers(text, frame) is follows_up


def test_a_rank_said_before_the_job_is_named_as_a_tpm_rank() -> None:
    tpm = KNOWLEDGE.default_role
    assert seniority_phrase("director of tpm", tpm) == "for a TPM director"
    assert seniority_phrase("principal", tpm) == "for a principal TPM"


@pytest.mark.parametrize(
    ("period", "ahead"),
    [
        ("in 10 yrs", "10 years from now"),
        ("a decade from now", "a decade from now"),
        ("over the next 10 years", "10 years from now"),
        ("over the next decade", "a decade from now"),
    ],
)
def test_a_span_ahead_is_beyond_the_sources_for_any_topic(period: str, ahead: str) -> None:
    outlook = KNOWLEDGE.topics["outlook"]
    note = scope_note(KNOWLEDGE, KNOWLEDGE.default_role, outlook, Frame(period=period))
    assert note == KNOWLEDGE.messages["not_specific"].format(qualifier=ahead)


@pytest.mark.parametrize("topic", sorted(KNOWLEDGE.topics))
def test_a_pay_period_after_a_topic_without_figures_per_period_asks_the_pay(topic: str) -> None:
    """ "per month?" after whether it's worth it asks the pay; after the hours, the hours."""
    previous = KNOWLEDGE.topics[topic]
    asked = qualified_topic(KNOWLEDGE, previous, Frame(period="per month"))
    per_period = topic in KNOWLEDGE.uncovered.figures or topic in KNOWLEDGE.uncovered.given_per
    assert asked.key == (topic if per_period else "salary")


def test_a_step_the_answer_speaks_of_is_no_job_left_undescribed() -> None:
    """ "is the career path the same in ireland, senior then consultant?": the consultant is a
    step of where the career leads, which the answer tells; the place alone is left out."""
    [step] = [job for job in KNOWLEDGE.uncovered.mentioned.values() if job.topic is not None]
    other = [{"entity": "other_role", "value": step.names[0]}]
    messages = answered(
        f"ask_{step.topic}", "technical project manager", {"place": "Ireland"}, other
    )
    check_turn(messages)
    assert not messages[0]["text"].startswith(prefix("not_described"))
    assert "Ireland" in messages[0]["text"]
    assert KNOWLEDGE.default_role.answers[str(step.topic)].first.text in texts(messages)
