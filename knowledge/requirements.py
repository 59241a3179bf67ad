"""What it takes to become the role, as typed data: the readiness check compares a person with it.

The requirements live in the knowledge file next to the answers and are grounded the same way:
what a requirement says, and what the sources say helps to meet it, are sentences with the
passages they rest on. Advice of our own is a separate field, `suggestion`, which every result
shows labelled as ours. Numbers the check compares with (the minimum years, our reading of
"several years") are fields of their own, so no threshold hides in Python. Loaded and checked
by knowledge/requirements_loader.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.records import Quote, Role, Sentence, distinct_quotes

# The weight (knowledge file, `requirements.weights`) of what the sources call useful, might
# have or tend to have, rather than expect.
USEFUL = "useful"


@dataclass(frozen=True)
class EducationLevel:
    """One answer to "what is your highest education?"; a higher rank is more education."""

    key: str
    rank: int
    label: str
    called: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Requirement:
    """What the sources expect, what they say helps, and our own suggestion, if any."""

    key: str
    label: str
    says: tuple[Sentence, ...]
    helps: tuple[Sentence, ...] = ()
    # How strongly the sources ask for it, in their own hedge ("expect", "require" or "useful",
    # "might have"): a key of Requirements.weights, checked against the quotes by the loader.
    # None for what is never a gap (the field of study).
    weight: str | None = None

    @property
    def only_useful(self) -> bool:
        """Whether the sources call it useful rather than expected: a gap of the second kind."""
        return self.weight == USEFUL

    # Advice the sources do not give; always shown labelled as a suggestion.
    suggestion: str | None = None

    @property
    def text(self) -> str:
        """What the sources expect, in one line."""
        return " ".join(sentence.text for sentence in self.says)

    @property
    def helps_text(self) -> str:
        return " ".join(sentence.text for sentence in self.helps)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return distinct_quotes((*self.says, *self.helps))


@dataclass(frozen=True)
class Skill:
    """A quality the sources name: the requirement, and the words people use for it."""

    requirement: Requirement
    words: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.requirement.key

    @property
    def label(self) -> str:
        return self.requirement.label


@dataclass(frozen=True)
class Requirements:
    """Everything the readiness check compares with, validated."""

    role: Role
    levels: dict[str, EducationLevel]
    degree: Requirement
    minimum_level: EducationLevel
    associate_route: Requirement
    associate_level: EducationLevel
    several_years_means: float
    field: Requirement
    field_words: tuple[str, ...]
    # The sources name no number of years for IT experience and say what it should include,
    # which the check doesn't ask: any years leave it to the person to judge.
    it_experience: Requirement
    management_experience: Requirement
    management_minimum_years: float
    skills: dict[str, Skill]
    graduate_study: Requirement
    graduate_level: EducationLevel
    # Each weight's words, one of which a requirement's quotes must hold.
    weights: dict[str, tuple[str, ...]]

    @property
    def every(self) -> tuple[Requirement, ...]:
        """Every requirement the file states, the qualities last."""
        return (
            self.degree,
            self.associate_route,
            self.field,
            self.it_experience,
            self.management_experience,
            self.graduate_study,
            *(skill.requirement for skill in self.skills.values()),
        )
