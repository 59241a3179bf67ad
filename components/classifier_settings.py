"""The intent classifier's settings and their defaults (components/intent_classifier.py).

config.yml may set any of them on CascadeIntentClassifier; these are what it gets otherwise.
The rules that move a reading after the regression (components/reading_rules.py) take their
intents from here, so that no intent name is written in their code.
"""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Below this confidence of the quick model, the meaning model has its say.
    "quick_confidence": 0.9,
    # Inverse regularisation strength of both regressions.
    "C": 10.0,
    # The meaning model's share (0–1) in the joint decision of unsure messages.
    "meaning_weight": 0.5,
    # An unsure message is out of scope unless it is at least this similar (cosine of
    # the embeddings) to a training example of the intent chosen.
    "min_similarity": 0.45,
    # Intents that need no such resemblance.
    "ungated_intents": ["out_of_scope"],
    "max_iter": 3000,
    # Looser than scikit-learn's default 1e-4: the same predictions on the held-out
    # and blind sets, in a third of the training time.
    "tol": 5e-2,
    # Character n-grams in fewer training examples than this are left out.
    "min_char_df": 3,
    "random_state": 42,
    # A message naming a service the assistant doesn't offer (the `service` entity of
    # components/question_frame.py) asks for it, not for the topic its words lean to,
    # when the topic is one of these or the message is a request ("can you…", "make
    # me…"): "can u review my cv and tell me if it's tpm ready" is no readiness check.
    # Replies that are never a question: a message asking one is read as its next best
    # ("how long till senior?" is no answer to the readiness check).
    "never_questions": ["affirm", "inform"],
    # Asking for the last answer again, in other words or with its sources: a message read
    # as one of these that names a job ("im a TPM and my coordinator asks how her job differs
    # from mine, how should i explain it") asks about the job; its other readings decide.
    "never_about_a_job": ["explain", "repeat", "ask_sources", "ask_evidence"],
    # The question without its years, level or currency (components/question_frame.py) is
    # read instead of the whole message from this confidence up (without a level of one or
    # two words, only when it is also the surer reading).
    "unscoped_confidence": 0.5,
    "service_intent": "request_service",
    "service_over": ["ask_readiness"],
    # Services (data/nlu/uncovered.yml's synonyms) that are what the assistant offers
    # when the rest of the message asks for that: being tested on whether one could be
    # a TPM is the readiness check.
    "offered_services": {"quiz": "ask_readiness"},
    # A message from someone who hires TPMs (components/question_frame.py's asker role:
    # a recruiter, HR) read as one of these asks what a TPM needs: this topic.
    "hiring_intent": "ask_skills",
    "hiring_over": ["ask_readiness", "request_service", "out_of_scope"],
    # Someone who says they are one of these (the role's canonical names) is never
    # asking whether they could become one: the readiness reading is set aside.
    "readiness_intent": "ask_readiness",
    "tpm_roles": ["technical project manager", "senior technical project manager"],
    # A question about getting into a job from another ("can a qa tester become a tpm")
    # is never read as one of these: moving up from the job.
    "origin_over": ["ask_career_advancement"],
    # ... and is read as one of these, else as the first: what it takes to get in.
    "into_job": ["ask_education", "ask_readiness", "ask_experience"],
    # Questions of a difference between two jobs: never read so when a message names
    # at most one job and sets nothing beside it.
    "two_sided": ["ask_difference_coordinator"],
    # A conversion of pay into another currency ("convert 99910 dollars into euros", "can u
    # convert the us number to rupees") read as one of these asks about the pay, which the
    # answer gives in the only currency its sources use, saying it won't convert it.
    # A message read as the readiness check that looks past the job (components/career_steps.py:
    # a level above it, "after being a tpm") asks about this topic: where the career leads.
    "beyond_intent": "ask_career_advancement",
    "levels_above": ["principal", "staff", "lead", "director", "head", "vp", "chief"],
    # ... and a message read as one of these that asks how to reach such a level, or what
    # it is ("how do i become a director of tpm", "what's a principal tpm"): the same.
    "reaching_over": [
        "ask_education",
        "ask_experience",
        "ask_overview",
        "ask_difference_coordinator",
    ],
    "roles_above": ["senior technical project manager"],
    "pay_intent": "ask_salary",
    "pay_over": ["out_of_scope", "request_service"],
    # A message that only says what the asker does ("im a scheduler", "i work as a network
    # operator"): this intent, whose reply outside the readiness check offers it to them.
    "introduction_intent": "inform",
    # A reply that opens hedging ("possibly", "not sure if im ready for that") and names no
    # job, read as one of these, is a hesitation: never a "yes" nor the check started.
    "hedge_over": ["affirm", "ask_readiness", "inform"],
    "hedge_intent": "hesitate",
    # A message read as the readiness check that names a subject the sources don't speak of
    # ("can i be a tpm part time", "am i too old to become a tpm"): this intent, whose
    # answer says so, gives what they say nearest, and then offers the check.
    "subject_intent": "ask_uncovered",
    # ... and a message read as one of these that names such a subject and speaks of the
    # job ("how many vacation days do they get", "is there a dress code or is it hoodies"):
    # the same intent, not an errand declined.
    "subject_over": ["out_of_scope"],
    # ... and a message naming such a subject read as whether the job is worth it ("is it an
    # ok job for introverts": the subject's fit is asked) or as the pay where no pay is named
    # ("how much pto do tpms get"): the same intent; its answer keeps the topic when the
    # knowledge file puts the subject near it.
    "worth_intent": "ask_outlook",
    # A message read as one of these that names the check as the thing to do ("ok fine, lets
    # do the check"): the readiness check, offered or not.
    "check_over": ["affirm"],
    # Someone who says they are a TPM and asks what comes next ("been a tpm 6 yrs, whats
    # next for me"), read as one of these: where the career leads (beyond_intent).
    "next_over": ["out_of_scope", "ask_readiness", "request_service", "tell_more"],
    # An introduction read as the readiness check less surely than `unsure_check`, with a
    # topic question close behind (at least `check_runner_up` as sure): the question is
    # answered, and the check offered after it, not started ("im a coordinator rn, so would
    # i be on the tpm's team?" asks who reports to a TPM). Never a reply nor an errand.
    # A question that names pay in so many words ("would becoming a tpm be a big pay bump?",
    # "would i take a pay cut moving to tpm"), read as one of these with the pay among the
    # next readings: the pay is what is asked, not whether they could or whether it is worth it.
    "pay_named_over": ["ask_outlook", "ask_readiness"],
    "unsure_check": 0.5,
    # A graduate degree (not an MBA, a business credential) asked as a requirement ("do tpm
    # jobs need a master's?"), read as one of these: what education the job needs (at least
    # a bachelor's); whether one is worth getting stays certification and graduate study.
    "required_degree_over": ["ask_certification"],
    "education_intent": "ask_education",
    "check_runner_up": 0.5,
    "not_topic_questions": [
        "ask_capabilities",
        "ask_sources",
        "ask_evidence",
        "ask_uncovered",
        "ask_readiness",
    ],
}
