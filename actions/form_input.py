"""Read a person's answers to the readiness questions: years, education, field of study, skills.

Answers arrive typed ("about 3", "five", "bachelor's in CS", "communication and leadership") or
as a button's payload (`/inform{"education_level":"bachelor"}`), and users can type that payload
syntax too, with any value. So every answer, whatever its way in, goes through one of these
parsers, and anything they cannot read is refused rather than guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import OSA

from knowledge.requirements import EducationLevel, Skill

# Above this nobody has that many working years; "100" or "1990" is a slip, not an answer.
MAX_YEARS = 60
# What a skipped field of study is stored as: the slot must hold something to count as answered.
FIELD_SKIPPED = "skip"
# A field of study is a few words; the result repeats it, so a pasted essay is refused.
MAX_FIELD_CHARS = 60

_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "couple": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
}
_TENS = {"twenty", "thirty", "forty", "fifty"}
# Whole answers that mean "no years at all".
_NO_YEARS = {
    "none",
    "no",
    "nope",
    "nothing",
    "zero",
    "nil",
    "never",
    "n/a",
    "na",
    "no experience",
    "not any",
    "none at all",
    "none yet",
    "no years",
    "not yet",
}
_SKIP_FIELD = {
    "skip",
    "pass",
    "no",
    "none",
    "n/a",
    "na",
    "-",
    "rather not say",
    "prefer not to say",
}
_ALL_SKILLS = {"all", "all of them", "all of these", "all of the above", "everything", "every one"}
_NO_SKILLS = {"none", "no", "nothing", "none of them", "none of these", "none of the above", "nope"}
_DONE = {"done", "that's all", "that's it", "finished", "nothing else", "no more", "no others"}
_EXCEPT = re.compile(r"\b(?:except|but not|apart from|other than|besides)\b")
_DIGITS = r"\d+(?:[.,]\d+)?"
_RANGE = re.compile(rf"({_DIGITS})\s*(?:-|–|to|or)\s*({_DIGITS})")
_NUMBER = re.compile(rf"(?<![\w.,])(-|−|minus |negative )?({_DIGITS})(?![\d.,]|e\d)")
_UNITS = {"year", "years", "yr", "yrs", "month", "months"}
# Words around a number of years that change nothing ("I have about none so far").
_FILLER = {
    "i", "i've", "ive", "have", "had", "got", "years", "year", "yrs", "yr", "of", "experience",
    "exp", "so", "far", "really", "at", "all", "basically", "just", "about", "around", "roughly",
    "approximately", "approx", "almost", "nearly", "maybe", "probably", "only", "in", "it",
    "management", "managing", "work", "working", "technical", "tech", "the", "field", "any",
    "real", "professional", "total", "like", "some", "well", "um", "uh", "actually", "honestly",
}  # fmt: skip


@dataclass(frozen=True)
class Years:
    """A number of years read from an answer, or why the answer was refused."""

    value: float | None
    problem: str | None = None


def normalise(text: str) -> str:
    """Case, apostrophes and spacing folded, outer punctuation dropped."""
    text = text.replace("’", "'").replace("‘", "'").casefold()
    return " ".join(text.split()).strip(" .!?,;:\"'()")


def parse_years(value: Any) -> Years:
    """Years of experience from an answer: "5", "5 years", "about 3", "five", "none", "18 months".

    A range ("3-4", "3 or 4") counts as its lower end. Several unrelated numbers, words that
    are not a number, negative numbers and more than MAX_YEARS are refused.
    """
    if isinstance(value, bool):
        return Years(None, "not_a_number")
    if isinstance(value, (int, float)):
        return _checked(float(value))
    if isinstance(value, list) and len(value) == 1:
        return parse_years(value[0])
    if not isinstance(value, str):
        return Years(None, "not_a_number")
    text = normalise(value)
    essential = " ".join(word for word in text.split() if word not in _FILLER)
    if text in _NO_YEARS or essential in _NO_YEARS:
        return Years(0.0)
    number = _digits(text)
    if number is None:
        number = _words_number(text)
    if isinstance(number, Years):
        return number
    if number is None:
        return Years(None, "not_a_number")
    if re.search(r"\bmonths?\b", text):
        number /= 12
    elif re.search(r"\band a half\b", text):
        number += 0.5
    return _checked(number)


def _checked(number: float) -> Years:
    if math.isnan(number) or math.isinf(number):
        return Years(None, "not_a_number")
    if number < 0:
        return Years(None, "negative")
    if number > MAX_YEARS:
        return Years(None, "too_many")
    return Years(round(number, 1))


def _digits(text: str) -> float | Years | None:
    """The number written in digits, None when there is none, Years(problem) when unclear."""
    ranged = _RANGE.search(text)
    if ranged:
        return min(_to_float(ranged.group(1)), _to_float(ranged.group(2)))
    found = _NUMBER.findall(text)
    if not found:
        return None
    if len({number for _, number in found}) > 1:
        return Years(None, "not_a_number")
    sign, number = found[0]
    value = _to_float(number)
    return -value if sign.strip() else value


def _to_float(number: str) -> float:
    return float(number.replace(",", "."))


def _words_number(text: str) -> float | None:
    """A number written in words: "five", "twenty-five", "a year", "a couple of years"."""
    words = re.findall(r"[a-z]+", text.replace("-", " "))
    if "half" in words and not re.search(r"\band a half\b", text):
        return 0.5 if re.search(r"\bhalf an? (?:year|yr)", text) else None
    negative = any(word in {"minus", "negative"} for word in words)
    total: float | None = None
    for index, word in enumerate(words):
        if word not in _NUMBER_WORDS:
            continue
        if word in {"a", "an"} and (index + 1 >= len(words) or words[index + 1] not in _UNITS):
            continue
        value = _NUMBER_WORDS[word]
        if total is not None and words[index - 1] in _TENS and value < 10:
            total += value
        elif total is None:
            total = float(value)
        else:
            return None
    if total is not None and negative:
        return -total
    return total


def _matches(text: str, words: Iterable[str]) -> bool:
    """Whether `text` contains one of `words` as whole words.

    Words written in capitals ("BA", "AS", "IT") match only in capitals, so the everyday words
    "as" and "it" are not read as degrees or fields.
    """
    folded = text.replace("’", "'")
    for word in words:
        pattern = r"(?<![\w'])" + re.escape(word.replace("’", "'")) + r"(?![\w'])"
        if word.isupper() and len(word) > 1:
            if re.search(pattern, folded):
                return True
        elif re.search(pattern, folded, flags=re.IGNORECASE):
            return True
    return False


# Long degree words ("bachelors", "associate", "undergraduate") are recognised with a typing slip
# ("bachlors"); shorter ones must be exact: "matters" is not "masters".
MIN_LETTERS_FOR_SLIPS = 8
LONG_DEGREE_WORD = 11


def _misspells(text: str, words: Iterable[str]) -> bool:
    """Whether a word of `text` is one of the long lower-case `words` with a typing slip (two
    in a very long one)."""
    candidates = [
        w for w in words if w.islower() and " " not in w and len(w) >= MIN_LETTERS_FOR_SLIPS
    ]
    for written in re.findall(r"[\w']+", text.casefold()):
        for word in candidates:
            allowed = 2 if len(word) >= LONG_DEGREE_WORD else 1
            if abs(len(written) - len(word)) <= allowed and OSA.distance(written, word) <= allowed:
                return True
    return False


def parse_education(
    value: Any, levels: dict[str, EducationLevel]
) -> tuple[EducationLevel | None, str | None]:
    """The highest education level an answer names, and the field when it says "... in X".

    "bachelor's in computer science" gives the bachelor level and "computer science"; an answer
    naming several levels ("a BA and an MBA") gives the highest. None when no level is named.
    """
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        return None, None
    if value in levels:
        return levels[value], None
    text = " ".join(value.split())
    named = [level for level in levels.values() if _matches(text, level.words)]
    if not named:
        named = [level for level in levels.values() if _misspells(text, level.words)]
    if not named:
        return None, None
    level = max(named, key=lambda candidate: candidate.rank)
    field = None
    after_in = re.split(r"\s+in\s+", text, flags=re.IGNORECASE)
    # "bachelor's in computer science", but not "in my last year of a bachelor's".
    if len(after_in) > 1 and not any(_matches(after_in[-1], lv.words) for lv in levels.values()):
        field = parse_field(after_in[-1])
    return level, field


def degree_told(text: str, levels: dict[str, EducationLevel]) -> EducationLevel | None:
    """The highest degree a message opening the check names in so many words ("I have a
    bachelors in IT and 2 years as a team lead, am i ready?"), or None. No degree is never
    read from such a message: "no idea if im ready" says nothing of one, though "no" answers
    the question when it is asked."""
    lowest = min(levels.values(), key=lambda level: level.rank)
    named = [
        level for level in levels.values() if level is not lowest and _matches(text, level.words)
    ]
    return max(named, key=lambda level: level.rank) if named else None


def parse_field(value: Any) -> str | None:
    """A field of study in a few words, FIELD_SKIPPED for "skip", None when it isn't one."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip(" .!?,;:\"'()")
    if normalise(text) in _SKIP_FIELD:
        return FIELD_SKIPPED
    if text.startswith("/") or not re.search(r"[^\W\d_]", text) or len(text) > MAX_FIELD_CHARS:
        return None
    return text


_QUESTION_WORDS = {
    "what", "how", "why", "which", "who", "whom", "where", "when", "do", "does", "did", "is",
    "are", "can", "could", "should", "would", "will", "tell", "explain", "describe", "whats",
    "hows", "whos", "wheres", "whens", "whys", "isnt", "arent", "cant", "dont", "doesnt", "am",
}  # fmt: skip
# Words a question may open with before its question word: "wait actually, do TPMs work
# weekends", "ok what kind of experience would i need".
_OPENERS = {
    "ok", "okay", "so", "wait", "and", "but", "hmm", "well", "also", "actually", "fine",
    "alright", "then", "oh", "um", "uh", "sorry", "btw", "quick", "question",
}  # fmt: skip


def looks_like_question(text: Any) -> bool:
    """Whether a message reads as a question rather than an answer ("what degree do I need?")."""
    if not isinstance(text, str) or not text.strip():
        return False
    return text.rstrip().endswith("?") or opens_as_question(text)


def opens_as_question(text: Any) -> bool:
    """Whether a message opens with a question word ("what does …"), unlike an answer that only
    ends with a question mark ("computer science?")."""
    if not isinstance(text, str):
        return False
    words = [word.replace("'", "").strip(",.!?;:-") for word in normalise(text).split()]
    while words and words[0] in _OPENERS:
        words = words[1:]
    return bool(words and words[0] in _QUESTION_WORDS)


def field_is_related(field: str, words: Iterable[str]) -> bool:
    """Whether a field of study is one the requirement names (its words, matched whole)."""
    return _matches(field, words)


@dataclass(frozen=True)
class SkillsAnswer:
    """What an answer to the skills question says.

    `picked`: the skills it names. `complete`: whether it is the whole answer ("done",
    "none", "all", or a typed list) rather than one more pick.
    """

    picked: frozenset[str]
    complete: bool
    understood: bool = True


DONE = "done"
NO_SKILLS = "none"


def parse_skills_text(value: Any, skills: dict[str, Skill]) -> SkillsAnswer:
    """A typed answer to the skills question, taken as the whole answer."""
    if isinstance(value, list):
        value = " ".join(str(item) for item in value)
    if not isinstance(value, str):
        return SkillsAnswer(frozenset(), complete=False, understood=False)
    text = normalise(value)
    if text in _DONE:
        return SkillsAnswer(frozenset(), complete=True)
    if text in _NO_SKILLS:
        return SkillsAnswer(frozenset(), complete=True)
    every = frozenset(skills)
    if text in _ALL_SKILLS:
        return SkillsAnswer(every, complete=True)
    exception = _EXCEPT.search(text)
    if exception and re.match(r"(?:all|everything)\b", text):
        left_out = _named_skills(text[exception.end() :], skills)
        if left_out:
            return SkillsAnswer(every - left_out, complete=True)
    named = _named_skills(value, skills)
    if not named:
        return SkillsAnswer(frozenset(), complete=False, understood=False)
    return SkillsAnswer(named, complete=True)


def parse_skill_picks(values: Iterable[Any], skills: dict[str, Skill]) -> SkillsAnswer:
    """Button clicks (skill keys, "done" or "none"): each click adds one skill until "done"."""
    picked: set[str] = set()
    for value in values:
        if value in (DONE, NO_SKILLS):
            return SkillsAnswer(frozenset(picked), complete=True)
        if not isinstance(value, str) or value not in skills:
            return SkillsAnswer(frozenset(), complete=False, understood=False)
        picked.add(value)
    return SkillsAnswer(frozenset(picked), complete=False, understood=bool(picked))


def _named_skills(text: str, skills: dict[str, Skill]) -> frozenset[str]:
    return frozenset(key for key, skill in skills.items() if _matches(text, skill.words))
