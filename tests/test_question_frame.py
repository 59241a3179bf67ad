"""components.question_frame with the trained model: who asks, about which role, where, when.

NLU is run in-process on the trained model (models/tpm.tar.gz), so these test the pipeline as
the Rasa server runs it: role mentions, spaCy's parse and entities, the lookup tables, the
synonyms, and the intent read from the question without the asker's words about themselves.
"""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from components.english_pipeline import english
from components.question_frame import PAY_PERIOD, SENIORITY_WORDS
from components.service_requests import REQUEST
from tests.trained_nlu import entities, parsed


@pytest.mark.parametrize(
    ("text", "asker", "asked"),
    [
        (
            "I work as a project scheduler. What would it take to become a TPM?",
            "project scheduler",
            "technical project manager",
        ),
        ("As a coordinator, how do I become a TPM?", "project coordinator", None),
        ("I'm currently a QA lead; what do TPMs earn?", "QA lead", "technical project manager"),
        ("my role is project coordinator, what do tpms do all day", "project coordinator", None),
        ("assistant PM here. who do TPMs report to?", "assistant project manager", None),
        ("moving from project scheduler to TPM, what do I need?", "project scheduler", None),
        # The job read as a modifier of the word after it by the small model.
        (
            "im a scheduler tbh, how would i move up to TPM",
            "project scheduler",
            "technical project manager",
        ),
        # No subject, as people write.
        (
            "been an assistant PM for three years. how do I step up to TPM?",
            "assistant project manager",
            "technical project manager",
        ),
        # The job wanted ("become a TPM") told from the one had, whatever the parse.
        (
            "coordinator for a while now, I want to become a TPM, what's the path",
            "project coordinator",
            "technical project manager",
        ),
        # A job that is also a word of a service keeps its name.
        ("recruiter here, what makes a TPM good?", "recruiter", "technical project manager"),
        # Named again, the asker's job is still theirs, not a job asked about beside the TPM.
        ("im a nurse, do tpms ever work with nurse teams", "nurse", "technical project manager"),
    ],
)
def test_the_askers_own_job_is_not_the_role_asked_about(
    agent: Agent, text: str, asker: str, asked: str | None
) -> None:
    found = entities(agent, text)
    assert found.get("asker_role") == asker
    if asked is not None:
        assert found["role"] == asked
    assert found.get("role") != asker


@pytest.mark.parametrize(
    "text",
    [
        "Can I work as a TPM without a degree?",
        "I want to be a TPM one day",
        "what does a project coordinator do",
        "would I report to a TPM as a project scheduler?",
    ],
)
def test_a_job_wished_for_or_asked_about_is_not_the_askers(agent: Agent, text: str) -> None:
    assert "asker_role" not in entities(agent, text)


def test_the_intent_is_read_from_the_question_without_the_askers_words(agent: Agent) -> None:
    alone = parsed(agent, "how much do TPMs earn?")["intent"]["name"]
    with_asker = parsed(agent, "I work as a database administrator. How much do TPMs earn?")
    assert alone == with_asker["intent"]["name"] == "ask_salary"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("what does a tpm earn in canada", "place", "Canada"),
        ("TPM salary Australia", "place", "Australia"),
        ("what do indian tpms make", "place", "Indian TPMs"),
        ("can TPMs earn more abroad?", "place", "places outside the United States"),
        ("tpm pay per month", "period", "per month"),
        ("hourly rate for a TPM", "period", "hourly"),
        ("what do TPMs earn after ten years", "period", "after ten years"),
        ("entry-level TPM salary", "seniority", "entry-level"),
        ("junior technical project manager pay", "seniority", "junior"),
        ("what would TPMs earn straight out of college", "seniority", "entry-level"),
        # A US city or state: the sources' figures are national averages.
        ("tpm pay in seattle", "place", "Seattle"),
        ("how much do TPMs make in texas", "place", "Texas"),
        # Levels before the job, after it, and the first year in it.
        ("what do new tpms make", "seniority", "new"),
        ("whats a tpm intern paid", "seniority", "intern"),
        ("how much will i make my first year as a tpm", "seniority", "entry-level"),
        # A job named as a level is the level, not a second job.
        ("director level tpm compensation", "seniority", "director level"),
        ("what skills does a vp-level tpm need", "seniority", "vp"),
        ("could a fresher land a job like that", "seniority", "fresher"),  # a new graduate
        ("will tpms be needed over the next 10 years", "period", "over the next 10 years"),
    ],
)
def test_qualifiers_the_sources_do_not_cover(
    agent: Agent, text: str, kind: str, value: str
) -> None:
    assert entities(agent, text).get(kind) == value


@pytest.mark.parametrize(
    "text",
    [
        "what does a TPM earn in the United States?",
        "TPM salary per year in the US",
        "How much does a TPM earn?",
        "what does a TPM do on a typical day?",
        "how many years of experience does a TPM need?",
    ],
)
def test_what_the_sources_cover_is_no_qualifier(agent: Agent, text: str) -> None:
    assert not {"place", "period", "seniority"} & set(entities(agent, text))


def test_a_job_the_sources_do_not_describe_beside_one_they_do(agent: Agent) -> None:
    found = entities(agent, "How is a TPM different from a scrum master?")
    assert found["role"] == "technical project manager"
    assert found["other_role"] == "scrum master"
    # A job whose name holds a subject's word is the job: "scrum master", not "scrum".
    found = entities(agent, "scrum master vs TPM?")
    assert found.get("other_role") == "scrum master"
    assert "subject" not in found
    # Alone, the unknown job is the role asked about, as before.
    assert entities(agent, "what does a product owner earn")["role"] == "product owner"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("is the job stressful?", "subject", "stress"),
        ("can TPMs work from home?", "subject", "remote work"),
        ("can you look over my CV?", "service", "cv"),
        ("write me a cover letter for a TPM job", "service", "cover letter"),
        # The longer phrase, not the "code" in it.
        ("do TPMs have a dress code?", "subject", "dress code"),
        ("build me a study plan for becoming a TPM", "service", "study plan"),
        # Employers by name: the sources name kinds of employer, never a company.
        ("what do tpms at Microsoft earn", "subject", "named companies"),
        ("are technical project managers happy with their jobs", "subject", "job satisfaction"),
        ("how competitive is getting a tpm role", "subject", "competition for jobs"),
        ("is that salary before tax?", "subject", "tax"),
        ("do tpms have to be in the office every day", "subject", "remote work"),
        ("is there a gender pay gap among tpms", "subject", "who gets hired"),
        ("can you be a tpm with a criminal record", "subject", "criminal records"),
        ("do tpms deal with a lot of office politics", "subject", "workplace culture"),
        ("would dyslexia hold me back as a tpm", "subject", "health"),
        ("can you put me in touch with a tpm", "service", "introductions"),
        ("export the tpm duties as a pdf", "service", "writing"),
        # A level named as people: the level asked about.
        ("what would a junior earn", "seniority", "junior"),
        ("and the senior ones?", "seniority", "senior"),
    ],
)
def test_subjects_and_services_are_named_by_their_key(
    agent: Agent, text: str, kind: str, value: str
) -> None:
    assert entities(agent, text).get(kind) == value


def test_the_english_pipeline_is_the_packaged_model() -> None:
    nlp = english()
    assert (nlp.meta["name"], nlp.meta["version"], nlp.meta["author"]) == (
        "core_web_sm",
        "3.6.0",
        "Explosion",
    )
    assert {"parser", "ner"} <= set(nlp.pipe_names)


@pytest.mark.parametrize(
    ("text", "found"),
    [("per month", True), ("monthly pay", True), ("per year", False), ("yearly", False)],
)
def test_pay_periods_are_other_than_a_year(text: str, found: bool) -> None:
    assert bool(PAY_PERIOD.search(text)) is found


def test_a_level_is_one_only_before_a_job_or_its_pay() -> None:
    assert SENIORITY_WORDS.search("entry level TPM")
    assert not SENIORITY_WORDS.search("who do they lead")
    assert not SENIORITY_WORDS.search("a staff of ten")


@pytest.mark.parametrize(
    "text",
    [
        "could you go over my resume and say if I'm ready to be a TPM",
        "pls write me a study plan to become a TPM",
    ],
)
def test_a_service_asked_for_is_no_question_of_the_topic_its_words_lean_to(
    agent: Agent, text: str
) -> None:
    assert parsed(agent, text)["intent"]["name"] == "request_service"


def test_a_service_word_in_a_question_about_the_job_leaves_its_topic() -> None:
    """Only a request ("can you …", "make me …") or the readiness check gives way to a
    service; a question about a TPM's CV is still read for its topic."""
    assert REQUEST.search("can u review my cv")
    assert REQUEST.search("make me a roadmap")
    assert not REQUEST.search("what should a TPM's resume show")


def test_two_names_of_one_role_are_one_role_named_again(agent: Agent) -> None:
    found = entities(agent, "tpm vs project manager, same thing?")
    assert found["role"] == "technical project manager"
    assert found["same_role"] == "technical project manager"
    assert "same_role" not in entities(agent, "tpm vs project coordinator?")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("what does a telecom one earn", "telecom project manager"),
        ("what about a senior one", "senior technical project manager"),
        ("and software dev ones?", "software development project manager"),
    ],
)
def test_one_stands_in_for_the_tpm_after_a_qualifying_word(
    agent: Agent, text: str, role: str
) -> None:
    assert entities(agent, text).get("role") == role


@pytest.mark.parametrize("text", ["which one", "a good one", "the first one"])
def test_one_alone_or_after_an_everyday_word_is_no_role(agent: Agent, text: str) -> None:
    assert "role" not in entities(agent, text)


@pytest.mark.parametrize(
    ("text", "field_job"),
    [
        ("what skills does a construction project manager need", "construction project manager"),
        ("marketing project managers, what do they earn", "marketing project managers"),
        ("does a healthcare project manager do the same as a tpm", "healthcare project manager"),
    ],
)
def test_a_project_manager_of_another_field_is_a_job_the_sources_do_not_describe(
    agent: Agent, text: str, field_job: str
) -> None:
    found = entities(agent, text)
    named = found.get("other_role") or found.get("role")
    assert named == field_job


@pytest.mark.parametrize(
    "text",
    [
        "what does a project manager do",
        "is a tpm the same as a senior project manager",
        "tpm or project manager, which is it",
        "what does a good project manager earn",
        "what does a telecom project manager do",
    ],
)
def test_a_project_manager_without_a_field_is_one_the_sources_describe(
    agent: Agent, text: str
) -> None:
    found = entities(agent, text)
    assert "other_role" not in found
    assert found["role"] in {"technical project manager", "telecom project manager"}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("tpm pay three years ago", "period", "three years ago"),
        ("tpm salary back in 2015", "period", "back in 2015"),
        ("what would i earn during my first year", "seniority", "entry-level"),
        ("pay for a tpm with 8+ yrs exp", "period", "with 8+ yrs exp"),
        ("what will tpms earn a decade from now", "period", "a decade from now"),
        ("entry lvl tpm salary", "seniority", "entry lvl"),
    ],
)
def test_periods_of_the_past_and_the_first_year(
    agent: Agent, text: str, kind: str, value: str
) -> None:
    assert entities(agent, text).get(kind) == value


@pytest.mark.parametrize(
    "text",
    [
        "what would a tpm with 12 years of experience earn",
        "how much do tpms in japan earn per month",
        "what do junior tpms make after 2 years",
    ],
)
def test_the_topic_is_read_without_the_scope_the_question_asks_for(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] == "ask_salary"


@pytest.mark.parametrize(
    "text",
    [
        "recruiter here - what should i look for in a tpm",
        "hiring manager here, what do i screen tpm candidates for?",
        "as a recruiter, what makes a tpm candidate stand out",
    ],
)
def test_someone_who_hires_asks_what_a_tpm_needs(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] in {"ask_skills", "ask_good_qualities"}


@pytest.mark.parametrize(
    "text",
    [
        "recruiter here, could you write a tpm job ad for me",
        "im a recruiter. pls draft an interview plan for tpms",
    ],
)
def test_someone_who_hires_may_still_ask_for_a_service(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] == "request_service"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("pls suggest a good bootcamp for future tpms", "request_service"),
        ("give me a list of tools every tpm uses", "request_service"),
        ("do tpms usually take bootcamps?", None),
    ],
)
def test_things_the_sources_never_speak_of_asked_for_are_a_request(
    agent: Agent, text: str, intent: str | None
) -> None:
    found = parsed(agent, text)
    assert "subject" in entities(agent, text)
    if intent is None:
        assert found["intent"]["name"] != "request_service"
    else:
        assert found["intent"]["name"] == intent


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("im a pharmacist, does my job pay better than a tpm's", "pharmacist"),
        ("as a teacher, is tpm work similar to what i do", "teacher"),
        ("im a nurse, what do tpms earn", None),
        ("i'm a project coordinator, does my job pay less than a tpm", None),
    ],
)
def test_the_askers_own_job_set_beside_the_tpm_is_one_the_sources_may_not_describe(
    agent: Agent, text: str, other: str | None
) -> None:
    assert entities(agent, text).get("other_role") == other


def test_a_full_stop_after_the_askers_job_is_not_part_of_its_name(agent: Agent) -> None:
    assert entities(agent, "im a network engineer. is tpm a good move?")["asker_role"] == (
        "network engineer"
    )


@pytest.mark.parametrize(
    "text", ["im a paramedic, been eyeing tpm roles. could i pull it off", "why?"]
)
def test_a_question_is_never_read_as_yes(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] != "affirm"


@pytest.mark.parametrize(
    ("text", "asker"),
    [
        ("pastry chef lol, is tpm realistic for me", "pastry chef"),
        ("ex police officer, could a tpm job suit me", "police officer"),
        ("scrum master vs tpm, which suits me", None),
        ("dentist or tpm, which would suit me", None),
        ("firefighter. what does a tpm do", None),
    ],
)
def test_a_job_that_opens_a_question_about_me_is_the_askers(
    agent: Agent, text: str, asker: str | None
) -> None:
    assert entities(agent, text).get("asker_role") == asker


def test_asking_to_be_told_is_no_service(agent: Agent) -> None:
    found = parsed(agent, "could you tell me if my background is right for tpm work")
    assert found["intent"]["name"] != "request_service"
    assert parsed(agent, "can you review my cv")["intent"]["name"] == "request_service"
