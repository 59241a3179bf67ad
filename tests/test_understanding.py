"""Role mentions as people write them: typos are the role they meant, other jobs stay unknown,
and everyday words are not jobs at all."""

from __future__ import annotations

import pytest

from components.job_titles import looks_like_job
from knowledge.loader import Knowledge


@pytest.mark.parametrize(
    ("mention", "role"),
    [
        ("techincal project manager", "technical_project_manager"),
        # "A Technical Project Manager, or a Project Manager, is …" (the job description).
        ("project manager", "technical_project_manager"),
        ("tecnical pm", "technical_project_manager"),
        ("Technical Project Manger", "technical_project_manager"),
        ("project cordinator", "project_coordinator"),
        ("asistant project manager", "assistant_project_manager"),
        ("senior techincal project manager", "senior_technical_project_manager"),
    ],
)
def test_a_misspelt_role_is_the_role_meant(knowledge: Knowledge, mention: str, role: str) -> None:
    found = knowledge.find_role(mention)
    assert found is not None and found.key == role


@pytest.mark.parametrize(
    "mention", ["nurse", "data scientist", "program manager", "tmp", "product manager", "PMO"]
)
def test_other_jobs_and_short_slips_are_not_taken_for_a_known_role(
    knowledge: Knowledge, mention: str
) -> None:
    """Short names tolerate no slip: "tmp" is not "TPM"; "product manager" is another job."""
    assert knowledge.find_role(mention) is None


@pytest.mark.parametrize(
    "mention",
    ["nurse", "data scientists", "software engineer", "CTO", "secretaries", "cardiologist"],
)
def test_jobs_look_like_jobs(mention: str) -> None:
    assert looks_like_job(mention)


@pytest.mark.parametrize(
    "mention", ["account", "calendar", "day", "playlist", "career", "my bank", "weather", ""]
)
def test_everyday_words_are_not_jobs(mention: str) -> None:
    assert not looks_like_job(mention)
