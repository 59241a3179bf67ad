"""Whether an unknown role mention names a job at all.

A learned entity extractor marks the subject of a question as a role, and sometimes that
subject is an everyday word ("what's the balance of my account"): "I don't know the role
“account”" then treats a word that is not a job as one. components/role_mentions.py marks a
role the assistant does not know only where a word names an occupation: its last word is a
common occupation (a nurse, a data scientist, a senior developer), has an occupation's ending
(-ologist, -ician, -smith) or is a job acronym (CTO, VP).
"""

from __future__ import annotations

import re

# Last words of job titles: the noun that says what the person is (and its short forms, "product
# mgr", "backend dev").
OCCUPATION_HEADS = frozenset(
    """
    accountant actor actress adjuster administrator adviser advisor agent  analyst architect
    artist assistant  attendant auditor author baker banker barber barista bartender
    biologist bookkeeper broker builder butcher buyer captain carpenter cashier caretaker
    chef chemist clerk coach consultant contractor controller cook coordinator counselor
    counsellor courier curator dancer dentist  designer detective developer dietitian
    director dispatcher doctor driver economist editor educator electrician engineer entrepreneur
    estimator executive farmer firefighter founder gardener geologist guard hairdresser head
    historian hygienist illustrator inspector installer instructor intern interpreter investigator
    janitor journalist judge laborer labourer lawyer  lecturer librarian lifeguard linguist
    machinist manager marketer mason mathematician mechanic mediator midwife miner  musician
    negotiator nurse nanny officer operator optician optometrist  painter paralegal
    paramedic  pharmacist photographer physician physicist physiotherapist pilot planner
    plumber poet police policeman politician porter practitioner president  producer
    professor programmer promoter psychiatrist psychologist publisher receptionist recruiter
    referee representative researcher reporter salesman salesperson scheduler scientist secretary
     sheriff singer soldier specialist steward stewardess strategist  supervisor
    surgeon surveyor tailor teacher technician technologist tester therapist trader trainer
    translator treasurer tutor underwriter veterinarian vet waiter waitress welder worker writer
    florist stylist novelist pianist guitarist violinist columnist cartoonist dermatologist
    volunteer auctioneer mountaineer puppeteer sysadmin superintendent foreman custodian clinician
    statistician cleaner
    mgr dev rep admin
    """.split()
)
# Job titles of two or three words whose last word alone names no job ("master", "owner",
# "staff").
JOB_PHRASES = frozenset(
    tuple(phrase.split())
    for phrase in (
        "chief of staff",
        "scrum master",
        "product owner",
        "project sponsor",
        "team lead",
        "tech lead",
        "technical lead",
        "qa lead",
        "engineering lead",
        "delivery lead",
        "project lead",
    )
)
# The last word of a title that names a job only after the field it leads ("team lead", "site
# reliability lead"); alone, or after a level or praise ("a lead", "a good lead"), it is a rank.
LEAD = "lead"
# Words that "lead" follows as a verb, not as a title ("where does this job lead", "what can
# the career lead to").
LEADING_NOUNS = frozenset(
    "job jobs career careers path paths role roles position work experience degree step".split()
)
# Job acronyms people write as a role: chief officers, vice presidents, and the like.
# ("pm" is left out: "five pm" is a time far more often than a job.)
JOB_ACRONYMS = frozenset("ceo cfo cio coo cto cmo ciso vp svp evp avp pmo sre qa dba ux".split())
# Words that, before an occupation, make it a person, not a job: "my manager", "your doctor".
POSSESSIVES = frozenset("my your our his her their".split())
# Words before an occupation that are not part of its name ("a good lawyer" is a lawyer).
OCCUPATION_MODIFIER_STOPWORDS = frozenset(
    """
    a an the my your our their his her its this that these those any some every each which what
    good great bad best better typical average regular normal new junior entry experienced
    successful real as for of to be being become becoming to is are was were do does did
    went go going goes got get gets turn turned turning switch move moved work worked working
    ex former retired with without like than at in on by about into from vs versus and or but
    doing making having taking trying hoping wanting thinking considering leaving joining
    pursuing there here i you we they he she me us them
    then now later eventually maybe perhaps also just only still ever already finally really
    even actually probably possibly someday hourly daily weekly monthly yearly annual
    """.split()
)
# Words before "project manager" that leave it the generic name (of the TPM, to this assistant):
# function words, levels and praise ("a senior project manager", "tpm or project manager").
# Any other word names a field ("a construction project manager", "marketing project
# managers"): a job the sources don't describe.
NOT_A_FIELD = OCCUPATION_MODIFIER_STOPWORDS | frozenset(
    """
    it i im i'm you we they he she me us them vs versus or and nor but than like from into onto
    with without about at on in by per via how who whom why when where whose also just only even
    really very so too not no yes am as a an ever
    senior sr junior jr lead principal staff chief head associate certified former current
    future aspiring freelance freelancing contract contracting remote full part time mid level
    top ideal perfect effective efficient busy hired trained qualified licensed professional
    skilled seasoned competent strong excellent great average overall usual same other another
    such whole first second next last previous one two three many most more less few
    technical tech
    """.split()
)
# The generic name a field can sit before.
GENERIC_PROJECT_JOB = ("project", "manager")
# Endings only occupations have ("playlist" and "career" end in -ist and -eer, so those don't).
OCCUPATION_ENDINGS = ("ologist", "ician", "smith", "wright")


def singular(word: str) -> str:
    """A plural job word in the singular ("nurses" → "nurse", "secretaries" → "secretary")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def names_field(word: str) -> bool:
    """Whether `word`, written before "project manager", says which field the job is in."""
    folded = word.casefold()
    return folded.isalpha() and len(folded) > 1 and folded not in NOT_A_FIELD


def looks_like_job(mention: str) -> bool:
    """Whether `mention` names a job, known to this assistant or not."""
    words = re.findall(r"[a-z]+", mention.casefold())
    if not words:
        return False
    last = words[-1]
    head = singular(last)
    return (
        head in OCCUPATION_HEADS
        or last in JOB_ACRONYMS
        or head in JOB_ACRONYMS
        or head.endswith(OCCUPATION_ENDINGS)
    )
