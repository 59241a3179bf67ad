"""components/hierarchy.py: the place of "who" tells up from down, whatever the words around it."""

from __future__ import annotations

import asyncio

from hypothesis import given
from hypothesis import strategies as st
from rasa.core.agent import Agent

from components.hierarchy import ABOVE, BELOW, directed, direction, reporting_reading

AUXILIARIES = ["do", "does", "would", "will", "should", "could", "did"]
SUBJECTS = ["a tpm", "the technical project manager", "i", "they", "a senior TPM", "you"]
SUPERVISING = ["supervise", "oversee", "manage", "lead", "direct"]
SUPERVISES = ["supervises", "oversees", "manages", "leads", "directs"]
REPORTING = ["report to", "answer to", "report up to", "report directly to"]
REPORTS = ["reports to", "answers to", "reports up to"]
TAILS = ["", "?", " in this role", " as a tpm", " on a project"]


@given(
    st.sampled_from(["who", "whom"]),
    st.sampled_from(AUXILIARIES),
    st.sampled_from(SUBJECTS),
    st.sampled_from(SUPERVISING),
    st.sampled_from(TAILS),
)
def test_who_as_the_object_of_supervising_looks_down(
    who: str, auxiliary: str, subject: str, verb: str, tail: str
) -> None:
    assert direction(f"{who} {auxiliary} {subject} {verb}{tail}") == BELOW


@given(st.sampled_from(SUPERVISES), st.sampled_from(SUBJECTS), st.sampled_from(TAILS))
def test_who_as_the_subject_of_supervising_looks_up(verb: str, obj: str, tail: str) -> None:
    assert direction(f"who {verb} {obj}{tail}") == ABOVE


@given(
    st.sampled_from(AUXILIARIES),
    st.sampled_from(SUBJECTS),
    st.sampled_from(REPORTING),
    st.sampled_from(TAILS),
)
def test_who_as_the_object_of_reporting_looks_up(
    auxiliary: str, subject: str, verb: str, tail: str
) -> None:
    assert direction(f"who {auxiliary} {subject} {verb}{tail}") == ABOVE


@given(st.sampled_from(REPORTS), st.sampled_from(SUBJECTS), st.sampled_from(TAILS))
def test_who_as_the_subject_of_reporting_looks_down(verb: str, obj: str, tail: str) -> None:
    assert direction(f"who {verb} {obj}{tail}") == BELOW


def test_auxiliaries_before_the_verb_keep_who_the_subject() -> None:
    assert direction("who would report to me") == BELOW
    assert direction("who will be reporting to me if I take this job") == BELOW
    assert direction("who is going to manage me") == ABOVE
    assert direction("who would I be managing") == BELOW
    assert direction("who will end up managing the tpm") == ABOVE
    assert direction("who would eventually report to me") == BELOW
    assert direction("who is usually supervising a tpm") == ABOVE
    assert direction("tpm reports to which person normally") == ABOVE
    assert direction("a tpm answers to whom?") == ABOVE


def test_other_questions_have_no_direction() -> None:
    for text in [
        "what does a tpm do",
        "who hires tpms",
        "who would be my boss",
        "who is my supervisor as a TPM",
        "does a tpm manage project coordinators",
        "how much does a project manager make",
    ]:
        assert direction(text) is None, text


def ranking(*pairs: tuple[str, float]) -> list[dict[str, object]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_the_direction_decides_between_the_two_topics() -> None:
    unsure = ranking(("ask_reports_to", 0.56), ("ask_who_reports", 0.43), ("ask_duties", 0.01))
    assert directed(unsure, BELOW) == ranking(
        ("ask_who_reports", 0.99), ("ask_duties", 0.01), ("ask_reports_to", 0.0)
    )
    assert directed(unsure, ABOVE)[0] == {"name": "ask_reports_to", "confidence": 0.99}
    assert directed(unsure, None) == unsure


def test_other_topics_keep_their_ranking() -> None:
    duties = ranking(("ask_duties", 0.7), ("ask_daily_duties", 0.2), ("ask_who_reports", 0.1))
    assert directed(duties, ABOVE) == duties
    # One of the two first, the other not ranked: it takes its place, the ranking keeps its size.
    alone = ranking(("ask_who_reports", 0.6), ("ask_duties", 0.3), ("ask_skills", 0.1))
    decided = directed(alone, ABOVE)
    assert [guess["name"] for guess in decided] == ["ask_reports_to", "ask_duties", "ask_skills"]
    assert len(decided) == len(alone)


def mentions(text: str, *jobs: tuple[str, bool]) -> list[dict[str, object]]:
    """Job mentions as components/role_mentions.py gives them, for the jobs named in `text`."""
    found = []
    for name, known in jobs:
        start = text.index(name)
        found.append({"start": start, "end": start + len(name), "value": name, "known": known})
    return found


LOWER = ["the project scheduler", "a coordinator", "the assistant project manager"]
UPPER = ["the tpm", "a technical project manager"]
UNDER = ["work under", "report to", "fall under", "answer to", "be working under", "sit under"]


@given(
    st.sampled_from(AUXILIARIES),
    st.sampled_from(LOWER),
    st.sampled_from(UNDER),
    st.sampled_from(UPPER),
    st.sampled_from(TAILS),
)
def test_a_job_set_under_a_described_one_asks_about_that_ones_team(
    auxiliary: str, lower: str, verb: str, upper: str, tail: str
) -> None:
    text = f"{auxiliary} {lower} {verb} {upper}{tail}"
    jobs = mentions(text, (lower, True), (upper, True))
    assert reporting_reading(text, jobs, None) == (BELOW, jobs[1])


@given(
    st.sampled_from(["is {upper} the boss of {lower}", "does {upper} manage {lower}",
                     "would {upper} supervise {lower}", "is {upper} in charge of {lower}"]),
    st.sampled_from(LOWER),
    st.sampled_from(UPPER),
)  # fmt: skip
def test_a_described_job_set_over_another_asks_about_its_team(
    form: str, lower: str, upper: str
) -> None:
    text = form.format(upper=upper, lower=lower)
    jobs = mentions(text, (upper, True), (lower, True))
    assert reporting_reading(text, jobs, None) == (BELOW, jobs[0])


def test_the_asker_is_a_party_by_their_own_job() -> None:
    text = "im a project coordinator, would i be working under a tpm?"
    jobs = mentions(text, ("project coordinator", True), ("tpm", True))
    assert reporting_reading(text, jobs, jobs[0]["start"]) == (BELOW, jobs[1])
    # "my boss": the asker is the lower party, named by the possessive alone.
    text = "im a coordinator now, so the tpm would be my boss?"
    jobs = mentions(text, ("coordinator", True), ("tpm", True))
    assert reporting_reading(text, jobs, jobs[0]["start"]) == (BELOW, jobs[1])
    # Over the asker, who named no job: the team of the role the conversation is about.
    text = "so the coordinator would report to me?"
    assert reporting_reading(text, mentions(text, ("coordinator", True)), None) == (BELOW, None)


def test_under_a_job_the_sources_dont_describe_asks_whom_the_lower_reports_to() -> None:
    text = "does a tpm report to the cto"
    jobs = mentions(text, ("tpm", True), ("cto", False))
    assert reporting_reading(text, jobs, None) == (ABOVE, jobs[0])


def test_no_relation_without_a_party_each_side() -> None:
    for text, jobs in [
        ("im a coordinator, how do i manage a team as a tpm?", ("coordinator", "tpm")),
        ("who reports to a tpm", ("tpm",)),
        ("do tpms report to anyone", ("tpms",)),
        ("a tpm and a coordinator work together", ("tpm", "coordinator")),
    ]:
        found = mentions(text, *((job, True) for job in jobs))
        assert reporting_reading(text, found, None) is None, text


def test_a_sure_relation_leads_though_nlu_read_another_topic_first() -> None:
    unsure = ranking(("ask_readiness", 0.65), ("ask_who_reports", 0.11), ("ask_duties", 0.08))
    assert directed(unsure, BELOW, sure=True) == ranking(
        ("ask_who_reports", 0.76), ("ask_duties", 0.08), ("ask_readiness", 0.0)
    )
    # Not among the first three: NLU read something else entirely.
    far = ranking(("ask_salary", 0.8), ("ask_duties", 0.1), ("ask_skills", 0.05))
    assert directed(far, BELOW, sure=True) == far


def test_the_model_answers_each_way_of_a_reporting_line(agent: Agent) -> None:
    """Through the trained model: the same words, in both orders, reach both topics."""
    asked = {
        "who does a tpm supervise": "ask_who_reports",
        "who supervises a tpm": "ask_reports_to",
        "who would report to me as a technical project manager": "ask_who_reports",
        "who would I report to as a technical project manager": "ask_reports_to",
        "whom does the TPM oversee": "ask_who_reports",
        "who oversees the TPM": "ask_reports_to",
    }
    got = {text: asyncio.run(agent.parse_message(text))["intent"]["name"] for text in asked}
    assert got == asked


def test_the_model_reads_a_job_set_under_the_tpm_as_the_tpms_team(agent: Agent) -> None:
    """Through the trained model: the topic and the role asked about."""
    for text in [
        "does the project scheduler work under the tpm?",
        "i'm a project coordinator - would i be working under a tpm?",
        "is the tpm the boss of the scheduler",
        "im a tpm starting a new project, who's supposed to be reporting to me",
    ]:
        parsed = asyncio.run(agent.parse_message(text))
        roles = [e["value"] for e in parsed["entities"] if e["entity"] == "role"]
        assert (parsed["intent"]["name"], roles) == (
            "ask_who_reports",
            ["technical project manager"],
        ), text
