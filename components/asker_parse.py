"""Whose job a message names: the asker's own, or the one asked about, from spaCy's parse.

"I work as a project scheduler. What would it take to become a TPM?" names two jobs; the
dependency parse of components/english_pipeline.py tells that the scheduler is what the asker
is ("I am / I work as / I'm currently a …", "as a coordinator, …", "moving from …", "my role is
…", "… here") and the TPM what they ask about. The words of the asker's clause can then be left
out, so the question is also read alone. components/question_frame.py uses both.
"""

from __future__ import annotations

import re
from typing import Any

# A question shorter than this, once the asker's words are left out, is not read alone.
MIN_QUESTION_WORDS = 2
# Words that may tell the asker's own job from the one asked about.
# Only a message with one of these can say what the asker is ("I'm a …", "I work as …", "as a
# …", "my role is …", "moving from …", "… here", "currently a …"); "what degree do I need" can't.
ASKER_CUES = re.compile(
    r"\b(i\s*['’]?\s*a?m|im|i\s+(?:currently\s+|now\s+)?(?:work|worked|was)|i['’]?ve\s+been|ive\s+been|"
    r"i\s+have\s+been|been\s+an?|as\s+an?|my\s+(?:current\s+)?(?:job|role|title|position|"
    r"background|occupation|profession)|from|here|currently|working\s+as|"
    r"for\s+(?:\d+|a\s+few|several|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*"
    r"(?:years?|yrs?|months?))\b",
    re.IGNORECASE,
)
FIRST_PERSON = frozenset({"i"})
FIRST_PERSON_WORDS = frozenset("i i'm im i’m i've ive i'd my me".split())
# The words of a message, as compared with word lists.
WORD = re.compile(r"[\w'’]+")
# Forms of "to be" that state what someone is now or was ("I am", "I'm", "I've been").
IS_NOW = frozenset("am m 'm ’m was been".split())
# "my role is …".
IS_THIRD = frozenset("is 's ’s".split())
MODALS = frozenset("can could would will should might may shall 'll ’ll wo ca".split())
# Verbs of moving between jobs: "moving from support into TPM work".
MOVING = frozenset(
    "up move moving moved switch switching switched transition transitioning transitioned come "
    "coming came go going pivot pivoting change changing shift shifting".split()
)
# Dependencies by which a word only modifies the noun after it ("coordinator" in "a coordinator
# btw" as the small model may read it).
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod"})
# Nouns a job names a quality of, not the asker's job: "im tpm material", "tpm potential".
QUALITY_NOUNS = frozenset({"material", "potential", "caliber", "calibre", "type"})
# What comes right before the job someone wants to become: that job is the one asked about, and
# a job named beside it with "I"/"my" is the asker's ("im a coordinator, how do i move up to tpm").
TARGET_CUE = re.compile(
    r"\b(?:become|becoming|be|move\s+(?:up\s+)?(?:in)?to|moving\s+(?:up\s+)?(?:in)?to|"
    r"level\s+up\s+to|step\s+up\s+to|switch(?:ing)?\s+(?:over\s+)?(?:in)?to|"
    r"(?:career\s+)?chang(?:e|ing)\s+(?:in)?to|"
    r"transition(?:ing)?\s+(?:in)?to|pivot(?:ing)?\s+(?:in)?to|get(?:ting)?\s+(?:in)?to|"
    r"promoted\s+(?:in)?to|to\s+being|aim\s+for|jump(?:ing)?\s+(?:in)?to|break(?:ing)?\s+into"
    r"|go(?:ing)?\s+for"
    r"|mov(?:e|ing)\s+over\s+to|shift(?:ing)?\s+(?:in)?to|(?:path|route|road|way)\s+(?:in)?to"
    # "how much xp do i need before im a real tpm": what one is not yet.
    r"|(?:before|until|till|once)\s+(?:i\s+am|i'?m)(?:\s+an?)?(?:\s+(?:real|proper|actual|full))?)"
    r"\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
# "my role is …", "my current job is …".
OWN_JOB_NOUNS = frozenset("job role title position background occupation profession".split())


def has_child(token: Any, deps: set[str], words: frozenset[str]) -> bool:
    return any(child.dep_ in deps and child.text.casefold() in words for child in token.children)


def stated_now(verb: Any) -> bool:
    """Whether `verb` states something of now or before, not a wish or a question of can."""
    if verb.dep_ in {"xcomp", "advcl"} and not has_child(verb, {"nsubj"}, FIRST_PERSON):
        return False
    return not has_child(verb, {"aux", "auxpass"}, MODALS) and not has_child(
        verb, {"aux"}, frozenset({"to"})
    )


def is_asker(doc: Any, start: int, end: int) -> bool:
    """Whether the job at [start, end) of the parsed message is the asker's own."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    # "im a coordinator btw", "a high school teacher thinking of …": the small model may read
    # the job as a modifier of the word after it; the phrase's head says what the job is to
    # the sentence.
    while root.dep_ in NOUN_MODIFIERS and root.head.i >= span.end:
        root = root.head
    if root.text.casefold() in QUALITY_NOUNS:
        return False
    head = root.head
    after = doc[span.end].text.casefold() if span.end < len(doc) else ""
    sentence = span.sent
    if root.dep_ == "ROOT" and root.i == sentence.root.i and sentence.end < len(doc):
        # "Currently a TPM. What are my options …": a job said alone, before the question.
        if not any(token.text == "?" for token in sentence):
            return True
    if after == "here" or (
        after == "for" and span.end + 2 < len(doc) and doc[span.end + 1].like_num
    ):
        return True
    # "I am a scheduler", "I'm currently a coordinator", "I've been a programmer".
    if root.dep_ in {"attr", "appos", "acomp"} and head.text.casefold() in IS_NOW | IS_THIRD:
        if has_child(head, {"nsubj", "nsubjpass"}, FIRST_PERSON):
            return stated_now(head)
        # "been a project coordinator for 2 yrs now": the subject left out, as people write.
        if head.text.casefold() in IS_NOW and head.i == sentence.start:
            return not any(child.dep_ in {"nsubj", "expl"} for child in head.children)
        # "my role is project coordinator".
        subjects = [child for child in head.children if child.dep_ == "nsubj"]
        return any(
            subject.text.casefold() in OWN_JOB_NOUNS
            and has_child(subject, {"poss"}, frozenset({"my"}))
            for subject in subjects
        )
    if root.dep_ == "pobj" and head.text.casefold() == "as":
        verb = head.head
        # "As a coordinator, how do I …": said before the question, of the asker (the small
        # parser may make that "as" the root of the whole message).
        if head.i == span.sent.start and (head.i < verb.i or head.dep_ == "ROOT"):
            return True
        # "working as a technical writer rn. is my background useful?": said first, with no
        # subject, of the asker.
        if verb.i == 0 and verb.text.casefold().endswith("ing"):
            return not any(child.dep_ == "nsubj" for child in verb.children)
        return has_child(verb, {"nsubj"}, FIRST_PERSON) and stated_now(verb)
    if root.dep_ == "pobj" and head.text.casefold() == "from":
        verb = head.head
        if verb.dep_ in {"prt", "advmod"} and verb.head.text.casefold() in MOVING:
            verb = verb.head  # "move up from coordinator to TPM"
        return verb.text.casefold() in MOVING
    return False


def asker_clause(doc: Any, start: int, end: int) -> set[int]:
    """The tokens that say what the asker is: "I'm a project coordinator" in "I'm a project
    coordinator, what would it take to become a TPM?", so the question can be read alone."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    sentence = span.sent
    if len(list(doc.sents)) > 1 and not any(t.text == "?" for t in sentence):
        return {token.i for token in sentence}
    root, head = span.root, span.root.head
    if root.dep_ == "pobj" and head.text.casefold() in ("as", "from"):
        if head.i < head.head.i:
            # "As a coordinator, how do I …": the phrase and its comma.
            dropped = {token.i for token in head.subtree}
            following = max(dropped) + 1
            if following < len(doc) and doc[following].text == ",":
                dropped.add(following)
            return dropped
        if head.text.casefold() == "from":
            # "how do i go from coordinator to tpm": the move is the question; only where it
            # starts is the asker's.
            return {token.i for token in head.subtree}
        verb = head.head
    elif root.dep_ in {"attr", "appos", "acomp"}:
        verb = head
    else:
        return {token.i for token in span}
    kept = {"conj", "ccomp", "xcomp", "advcl", "parataxis", "dep"} if verb.dep_ == "ROOT" else set()
    dropped = {verb.i}
    for child in verb.children:
        if child.dep_ not in kept:
            dropped |= {token.i for token in child.subtree}
    return dropped


# Where a clause of a message ends: "i'm a data analyst, would my skills matter …".
CLAUSE_BREAK = re.compile(r"[,.;:!?]+|\s[-–—]+\s")


def question_after_intro(text: str, start: int, end: int) -> str:
    """The rest of a message that opens with a clause naming the asker's job (`start`–`end`):
    "would my analytics skills matter as a tpm" in "i'm a data analyst, would my analytics
    skills matter as a tpm". For when the parse does not tell the clause apart; "" when the job
    is not in the first clause or nothing is left."""
    if CLAUSE_BREAK.search(text[:start]):
        return ""
    ending = CLAUSE_BREAK.search(text, end)
    if ending is None:
        return ""
    rest = text[ending.end() :].strip(" ,.;:-")
    return rest if len(rest.split()) >= MIN_QUESTION_WORDS else ""


# What an introduction may leave before the question: "here", "rn", "now", and its stop.
LEFT_OF_INTRODUCTION = re.compile(r"^(?:here|rn|now|atm)\b[\s,.;:!–—-]*", re.IGNORECASE)


def question_without(doc: Any, dropped: set[int]) -> str:
    """The message without the tokens `dropped`, joined by their original spacing."""
    text = "".join(t.text_with_ws for t in doc if t.i not in dropped).strip(" ,.;:-")
    # "recruiter here - what should …": "here" belongs to the introduction the parse left.
    text = LEFT_OF_INTRODUCTION.sub("", text)
    return text if len(text.split()) >= MIN_QUESTION_WORDS else ""


# The asker's own job set beside the one asked about: "does my job pay more than a tpm",
# "is what i do now similar to tpm work".
OWN_JOB_COMPARED = re.compile(
    r"\b(?:my|mine|what\s+i\s+do)\b.*\b(?:(?:more|less|better|worse|higher|lower)\s+than|vs\.?"
    r"|versus|compared?|similar|same\s+as|different|differ)\b"
    r"|\b(?:(?:more|less|better|worse|higher|lower)\s+than|vs\.?|versus|compared?\s+(?:to|with)"
    r"|similar\s+to|same\s+as|different\s+from)\s+(?:my|mine|what\s+i\s+do)\b",
    re.IGNORECASE,
)


# What may stand before a job that opens a message as the asker's ("ex army officer, …").
INTRODUCTION = frozenset("a an ex former retired current currently".split())
THAN = re.compile(r"\b(?:more|less|better|worse|higher|lower)\s+than\b", re.IGNORECASE)
COMPARING = re.compile(
    r"\b(?:vs\.?|versus|or|compared?|comparison|difference|different|similar|same)\b"
)


def sets_beside(text: str) -> bool:
    """Whether a message sets jobs beside each other ("vs", "more than", "same as")."""
    return bool(COMPARING.search(text.casefold()) or THAN.search(text))


def introduces_asker(text: str, jobs: list[dict[str, Any]]) -> bool:
    """Whether the message opens with a job the sources don't describe, then asks about another
    one for the asker ("ui designer at an agency, do tpms work with people like me")."""
    if len(jobs) < 2 or jobs[0].get("known") or not jobs[1].get("known"):
        return False
    before = words_of(text[: jobs[0]["start"]])
    after = words_of(text[jobs[0]["end"] :])
    return (
        all(word in INTRODUCTION for word in before)
        and bool(FIRST_PERSON_WORDS.intersection(after))
        and not COMPARING.search(text.casefold())
    )


# What a short opening clause naming the asker's job may hold besides it: "assistant pm rn,",
# "scheduler on a construction project,", "technician at a telecom co." (no question in it).
OPENING_CLAUSE_WORDS = 7
ASKS = frozenset(
    """is are am was were do does did can could should would will what whats how who why when
    where which earn make makes earns report reports""".split()
)


def opens_with_own_job(text: str, jobs: list[dict[str, Any]], asked: str) -> bool:
    """Whether the message opens with a clause that only names a job other than `asked` (the
    TPM's name) and where the asker is, before a question naming `asked`: "scheduler on a
    construction project, do tpms make more than avg?"."""
    if len(jobs) < 2 or jobs[0].get("value") == asked:
        return False
    # "hiring manager. whats the difference between a TPM and a project coordinator": the
    # comparison is of two other jobs, not of the one the message opens with.
    others = {str(job.get("value")).casefold() for job in jobs[1:]}
    compared_elsewhere = len(others - {str(jobs[0].get("value")).casefold()}) >= 2
    if COMPARING.search(text.casefold()) and not compared_elsewhere:
        return False
    if not any(job.get("value") == asked for job in jobs[1:]):
        return False
    if not all(word in INTRODUCTION for word in words_of(text[: jobs[0]["start"]])):
        return False
    ending = CLAUSE_BREAK.search(text, jobs[0]["end"])
    if ending is None or ending.start() > jobs[1]["start"]:
        return False
    between = words_of(text[jobs[0]["end"] : ending.start()])
    # A job alone ("firefighter. what does a tpm do") may be a word of its own; said with
    # where or when one does it, or before a question about "me", it is the asker's.
    about_me = bool(FIRST_PERSON_WORDS.intersection(words_of(text[ending.end() :])))
    return (
        (bool(between) or about_me)
        and len(between) <= OPENING_CLAUSE_WORDS
        and not ASKS.intersection(between)
    )


def words_of(text: str) -> list[str]:
    return [word.casefold() for word in WORD.findall(text)]


# A sentence and the break after it: "I'm from Brazil and studying in Melbourne on a visa."
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
# A question on what was just said: "is it true?", "is that right".
CHECKS_A_CLAIM = re.compile(
    r"^\W*(?:is|are)\s+(?:it|that|this|they)\s+(?:really\s+)?(?:true|right|correct|so)\b",
    re.IGNORECASE,
)
# A sentence of at most this many words, neither the asker's nor a question, is a greeting
# ("Hi!", "Hello there.").
GREETING_WORDS = 2
# How a question opens, when it has no question mark.
QUESTION_OPENER = re.compile(
    r"^\W*(?:what|whats|what's|how|why|when|where|which|who|whom|is|are|do|does|did|can|could"
    r"|would|will|should|shall|am|have|has)\b",
    re.IGNORECASE,
)


def told_of_self(text: str) -> tuple[int, int]:
    """Where the sentences the asker tells of themselves run, before the question they ask
    ("I'm from Brazil, studying in Melbourne on a student visa. … What do I still need to
    become a TPM?"), or (0, 0): a subject named there is theirs, not asked about. A sentence
    of the asker's that asks nothing ("I …", "my …") counts only before a question."""
    told, end = False, 0
    for sentence in SENTENCE.finditer(text):
        said = sentence.group()
        asks = "?" in said or bool(QUESTION_OPENER.search(said))
        if asks:
            # "... TPMs have big pressure. Is it true?": what was told is what is asked.
            return (0, end) if told and not CHECKS_A_CLAIM.search(said) else (0, 0)
        words = words_of(said)
        if FIRST_PERSON_WORDS.intersection(words):
            told, end = True, sentence.end()
        elif len(words) > GREETING_WORDS:
            break
    return (0, 0)
