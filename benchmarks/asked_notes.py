"""What each blind set on what was asked can and cannot show, said beside its figure in
docs/ACCURACY.md (benchmarks/accuracy_report.py): who wrote it, when it was first measured
unseen, and how far its figure is fitted to it since."""

from __future__ import annotations

ASKED_NOTES = {
    "asked": (
        "This set was used while the features it tests were built: after its first runs, "
        "subject, service and place words, and examples of whether it's worth it and of "
        "starting the check, were added to the training data (never its lines), so its figure "
        "is partly fitted to it."
    ),
    "asked_2": (
        "Written by another blind writer once that work was done and first measured without "
        "changes made for it (84.8%); its misses then showed where the mechanisms fell short "
        "(the asker's job beside the one wanted, US cities, a service beside the check, "
        "subjects mid-conversation), so its figure is now partly fitted to it too."
    ),
    "asked_3": (
        "Written by a third blind writer after the changes made for the first two sets, and "
        "first measured without changes made for it: 85.5%, the figure for questions the "
        "project had never seen. Its misses were then studied in turn (a job's name holding a "
        "subject's word, the asker's years, requests to sign up, subjects such as dress codes "
        "and personality types), so later figures are partly fitted to it."
    ),
    "asked_4": (
        "Written by a fourth blind writer after the readiness verdicts and the jobs named in "
        "passing were reworked, and first measured without changes made for it: 79.8%, the "
        "figure for questions the project had never seen. Its misses were then studied "
        "(comparisons with a job the sources don't describe, two names of one role, a short "
        'reply holding only a qualifier, "and …?" follow-ups, "a telecom one", levels '
        "such as intern or new), so later figures are partly fitted to it."
    ),
    "asked_5": (
        "Written by a fifth blind writer after the reporting-line and speed work, and first "
        "measured without any change made for it: 85.4%, the figure for questions the project "
        "had never seen. Its misses were then studied (a project manager of another field, "
        "qualifiers whose words lean to another topic, recruiters, things asked for, questions "
        "between weighing the career up and another topic), so later figures are partly "
        "fitted to it."
    ),
    "asked_6": (
        "Written by a sixth blind writer (the same brief: the two sources, the topic list and "
        "who would ask) while that work was done, kept unread until it was, and first measured "
        "without any change made for it: 83.6%, the figure for questions the project had never "
        "seen. Its misses were then studied (a question read as yes, pay named after another "
        "topic, a job that opens a question about me, a subject between a topic and none), and "
        "again with the seventh set's work (someone who already is a TPM, a question that is no "
        "answer to the check, the question after an introduction, a job one would leave), so "
        "the figure below is partly fitted to it."
    ),
    "asked_7": (
        "Written by a seventh blind writer (the same brief: the two sources, the topic list and "
        "who would ask) at the start of the work on the sixth set's misses, and kept unread "
        "while it was done. First measured once that work was done (at adac212): 83.2% "
        "(223 of 268), the figure for questions the project had never seen. Its misses were "
        "then studied (short follow-ups that NLU, reading them alone, found off-topic; the "
        "topic asked beside a subject the sources don't speak of; a TPM asking what's next; a "
        "senior TPM's day), so the figure below is partly fitted to it."
    ),
    "asked_8": (
        "Written by an eighth blind writer (the same brief: the two sources, the topic list and "
        "who would ask) at the start of the work on the seventh set's misses, and kept unread "
        "while it was done. First measured once that work was done (at cb1fab6): 89.3% "
        "(258 of 289), the figure for questions the project had never seen. Its misses were "
        'then studied (jobs set under another, "quiz me on whether I could be a TPM", pay '
        "in another currency, hours per week, tax and the office), so the figure below is "
        "partly fitted to it."
    ),
    "asked_9": (
        "Written by a ninth blind writer (the same brief: the two sources, the topic list and "
        "who would ask) at the start of the work on the eighth set's misses, and kept unread "
        "while it was done. First measured once that work was done (at ca894d4): 89.3% "
        "(242 of 271), the figure for questions the project had never seen. Its misses were "
        'then studied in part ("there" pointing back to a place, a year for any topic, '
        '"reports to which person"), and with the tenth set\'s work (jobs likened to the TPM, '
        "pay converted or by the day, levels above the TPM), so the figure below is partly "
        "fitted to it."
    ),
    "asked_10": (
        "Written by a tenth blind writer (the same brief: the two sources, the topic list and "
        "who would ask) at the start of the work on the ninth set's misses, and kept unread "
        "while it was done. First measured once that work was done (at 30e4c9a): 81.3% "
        "(205 of 252), the figure for questions the project had never seen; 83.7% (211) as "
        "the judge now scores it, counting the readiness check offered as a declined "
        "service's first button, the reply the issue asks for. Its misses were then studied "
        "(a declined service followed by the topic it is about, levels named as people, a "
        "second question beside the check, age apart from gender, languages, a job likened "
        "to the TPM read as a subject), so the figure below is partly fitted to it."
    ),
    "asked_11": (
        "Written by an eleventh blind writer (the same brief: the two sources, the topic list "
        "and who would ask) at the start of the work after the tenth set, and kept unread "
        "while it was done. Its file was converted to this project's format without reading "
        "it: a topic beside a place, period, level or silent subject must be answered; beside "
        "a job or service the sources don't cover it may only be offered. First measured "
        "before any change made for it (at b38fd19): 92.6% (224 of 242), the figure for "
        "questions the project had never seen. Its misses were then studied (levels named as "
        '"a senior" or "junior ones", a list of topics, "become one" after saying what one '
        "does, health and gender beside pay, a PDF or an introduction asked for), so the figure "
        "below is partly fitted to it."
    ),
    "asked_12": (
        "Written by a twelfth blind writer (the same brief, with a hiring manager and a parent "
        "among the askers, and long messages with the question last) at the start of the same "
        "work, and kept unread while the eleventh set's misses were studied. Converted to this "
        "project's format as the eleventh was. First measured once that work was done (at "
        "575ddcd): 85.7% (240 of 280), the figure for questions the project had never seen. "
        "Its misses were then studied (a place put right or said of oneself after an answer, "
        "a subject in what the asker says of themselves, a list of topics with a question "
        "last, years from now, criminal records, unions, office politics, meetings asked "
        "for), so the figure below is partly fitted to it."
    ),
    "asked_13": (
        "Written by a thirteenth blind writer (the same brief, with career changers from "
        "outside tech among the askers) while the twelfth set's misses were studied, and kept "
        "unread until then. Converted to this project's format as the eleventh was. First "
        "measured once that work was done (at 1f9f4ea): 92.8% (246 of 265), the figure for "
        "questions the project had never seen. Its misses were then studied (a hedge read as "
        'yes or as the check, "in the uk tho" and "thats usd right?" after the pay, "just in '
        'general then", a list with its lead-in after it, "director of tpm", calls and '
        "mentors asked for), so the figure below is partly fitted to it."
    ),
    "asked_14": (
        "Written by a fourteenth blind writer (the same brief, with an older career changer "
        "and a writer of English as a second language among the askers) while the thirteenth "
        "set's misses were studied, and kept unread until then. Converted to this project's "
        "format as the eleventh was. First measured once that work was done (at 08b3e28): "
        "90.2% (240 of 266), the figure for questions the project had never seen. Its misses "
        "were then studied (a first clause naming only where the asker works, two jobs "
        "weighed read as the asker's, undecided between jobs read as a hesitation, years "
        '"from now" on the outlook, "entry lvl", "diff", layoffs, unions, crunch, English), '
        "so the figure below is partly fitted to it."
    ),
    "asked_15": (
        "Written by a fifteenth blind writer (the same brief, with a parent and a military "
        "veteran among the askers) while the fourteenth set's misses were studied, and kept "
        "unread until then. Converted to this project's format as the eleventh was. First "
        "measured once that work was done (at 0af4de0): 91.6% (240 of 262), the figure for "
        "questions the project had never seen. Its misses were then studied in part (a subject "
        "asked of the job read as an errand, a pay period after an answer without figures, "
        'the GI Bill, "whats it for a lead tpm" after the pay), so the figure below is partly '
        "fitted to it."
    ),
    "asked_16": (
        "Written by a sixteenth blind writer (the same brief, with at least 18 cases of every "
        "kind) at the start of the work after the fifteenth set, and kept unread while that "
        "work was done. Converted to this project's format as the eleventh was. First measured "
        "once that work was done (at 6e3e722): 93.3% (237 of 254), the figure for questions "
        "the project had never seen. Its misses were then studied (a did-you-mean between two "
        "kindred topics, or between the check and what it takes; a place asked during the "
        'check; "what is the outlook"; "write my status report"; "male-dominated"), so the '
        "figure below is partly fitted to it."
    ),
    "asked_17": (
        "Written by a seventeenth blind writer (the same brief, asked for more English as a "
        "second language, long messages and follow-ups that lean on the turn before) beside "
        "the sixteenth, and kept unread until that set's misses were studied. Converted to this "
        "project's format as the eleventh was. First measured once that work was done (at "
        "c394418): 90.2% (257 of 285), the figure for questions the project had never seen. "
        "Its misses were then studied in part (an introduction with a question between two "
        'kindred topics, pensions and ChatGPT, "over the next 10 years", "director-level"), '
        "so the figure below is partly fitted to it."
    ),
    "asked_18": (
        "Written by an eighteenth blind writer (the same brief, with a hiring manager, each job "
        "the sources name, a student abroad and a working TPM planning next steps among the "
        "askers) while the seventeenth set's misses were studied, and kept unread until then. "
        "Converted to this project's format as the eleventh was. First measured once that work "
        "was done (at 59142d9): 92.2% (259 of 281), the figure for questions the project had "
        "never seen. Its misses were then studied in part (a TPM asking where to go from here, "
        '"over the next decade", a master\'s asked as a requirement, candidates to screen, '
        "behavioral questions to practise, the dress code nearest a typical day), so the "
        "figure below is partly fitted to it."
    ),
    "asked_19": (
        "Written by a nineteenth blind writer (the same brief, with parents, career changers "
        "over 40 and askers in India, the UK, Nigeria, Brazil and Germany) once the eighteenth "
        "set's misses were studied, and kept unread until then. Converted to this project's "
        "format as the eleventh was. First measured with no change since (at a40d83b): 92.2% "
        "(261 of 283), the figure for questions the project had never seen. Its misses were "
        "then studied in part (a question after an introduction that NLU is unsure of, "
        '"fresher", a referral or proofreading asked for), so the figure below is partly '
        "fitted to it."
    ),
    "asked_20": (
        "Written by a twentieth blind writer (the same brief, with at least 18 cases of every "
        "kind, and a hiring manager, a software developer, a project scheduler and askers in "
        "Canada, Nigeria and the Philippines among the askers) at the start of the work after "
        "the nineteenth set, and kept unread while it was done. Converted to this project's "
        "format as the eleventh was. First measured once that work was done (at 1a6ec11): "
        "90.5% (256 of 283), the figure for questions the project had never seen. Its misses "
        'were then studied ("and in general?", "per hour" after the hours, a word for pay '
        "beside a place, an unsure guess of the topic just answered, ranks over project "
        "management, tax beside the pay), so the figure below is partly fitted to it."
    ),
    "asked_21": (
        "Written by a twenty-first blind writer (the same brief, with a student abroad, an "
        "assistant project manager, a working TPM planning next steps, a career changer over 40 "
        "and a writer of English as a second language, and long messages with the question "
        "last) beside the twentieth, and kept unread until that set's misses were studied. "
        "First measured then (at df1b52f): 91.5% (290 of 317), the figure for questions the "
        "project had never seen. Its misses were then studied (the jobs of a story told before "
        "the question, shrugs, pay every two weeks, web searches and essays, online degrees), "
        "so the figure below is partly fitted to it."
    ),
    "asked_22": (
        "Written by a twenty-second blind writer (the same brief, with a parent, a project "
        "coordinator, a telecom technician, a recruiter and askers in the UK, India and "
        "Australia, and conversations that change subject) while the twentieth set's misses "
        "were studied, and kept unread until then. First measured once the twenty-first set's "
        "misses were studied (at 3fa4c4d): 92.0% (252 of 274), the figure for questions the "
        "project had never seen. Its misses were then studied in part (levels above the job "
        "asked how to reach, job phrases in the plural, a project sponsor, a hiring manager "
        "opening the message), so the figure below is partly fitted to it."
    ),
    "asked_23": (
        "Written by a twenty-third blind writer (the same brief, with a military veteran, an "
        "IT installer, a working TPM, a student in Brazil and a hiring manager in Germany, and "
        "two questions at once with typos) beside the twenty-second, and kept unread until "
        "then. First measured once that set's misses were studied (at 8c35db3): 92.1% (269 of "
        "292), the figure for questions the project had never seen. Its misses were then "
        "studied in part (a level that holds the job's name, a question naming a job read as "
        "one about the sources, courses recommended, a subject beside its own nearest topic), "
        "so the figure below is partly fitted to it."
    ),
    "asked_24": (
        "Written by a twenty-fourth blind writer (the same brief, with a software developer, a "
        "project scheduler, a network technician, a working TPM, a parent and askers in Canada, "
        "India, Kenya and the UK) once the twenty-second set's misses were studied, and kept "
        "unread until then. First measured once the twenty-third set's misses were studied (at "
        "fdb6d6b): 88.5% (246 of 278), the figure for questions the project had never seen. "
        "Its misses were then studied in part (a place with a currency or a word for pay after "
        'any topic, "which one is right", burnout and flexible scheduling in other words, '
        "what the job's days hold), so the figure below is partly fitted to it."
    ),
    "asked_25": (
        "Written by a twenty-fifth blind writer (the same brief, with a student, an assistant "
        "project manager, a project coordinator, a recruiter, a career changer from teaching, "
        "a writer of English as a second language and askers in Germany, Mexico and "
        "Singapore) beside the twenty-fourth, and kept unread until then. First measured once "
        "the twenty-fourth set's misses were studied (at dcb0694): 93.0% (265 of 285), the "
        "figure for questions the project had never seen. Its misses were then studied in "
        'part (an unsure topic beside a subject or another job, "the same over here", an '
        "associate TPM, job postings and tutoring, what changes once one steps up), so the "
        "figure below is partly fitted to it."
    ),
    "asked_26": (
        "Written by a twenty-sixth blind writer (the same brief, with a high-school student, a "
        "project scheduler, a software tester, a working TPM, a recruiter, a nurse changing "
        "careers and askers in Canada, South Africa and Japan) while the twenty-fifth set's "
        "misses were studied, and kept unread until then. First measured once that work was "
        "done (at 8462ef0): 94.8% (271 of 286), the figure for questions the project had "
        "never seen. Its misses were then studied in part (an unsure question naming a job the "
        'sources don\'t describe, "which one …" however long, a TPM asking when they make '
        "senior), so the figure below is partly fitted to it."
    ),
    "asked_27": (
        "Written by a twenty-seventh blind writer (the same brief, with a university student, "
        "a project coordinator, an IT support technician, a working TPM, a hiring manager, a "
        "parent, a career changer from retail and askers in Ireland, Nigeria and the "
        "Philippines) while the twenty-sixth set's misses were studied, and kept unread until "
        "then. Measured once, unseen, when that work was done (at 18ce62d): 93.5% (290 of "
        '310). Its misses were then studied in part (a place said "over here", a career '
        "step asked per day, a step the answer speaks of named beside the place), so the "
        "figure below is partly fitted to it."
    ),
    "asked_28": (
        "Written by a twenty-eighth blind writer (the same brief, with a community-college "
        "student, a project scheduler, a QA engineer, a working TPM of five years, an agency "
        "recruiter, a military veteran, a bank teller and askers in Brazil, Poland and Kenya) "
        "beside the twenty-ninth to thirty-first, and kept unread until then. Measured once, "
        "unseen, when the twenty-seventh set's misses were studied (at aaf1654): 95.7% (270 "
        "of 282). Its misses have not been studied: the figure below is the unseen one."
    ),
    "asked_29": (
        "Written by a twenty-ninth blind writer (the same brief, with a high-school senior, "
        "an assistant project manager, a data analyst, a senior TPM, an HR generalist writing "
        "a job ad, a teacher, a parent returning to work and askers in the UK, Egypt and "
        "South Korea), kept unread, and measured once, unseen, at aaf1654 beside the "
        "twenty-eighth: 96.7% (266 of 275). Its misses have not been studied."
    ),
    "asked_30": (
        "Written by a thirtieth blind writer (the same brief, with a graduate engineering "
        "student, a project coordinator, a network administrator, a TPM thinking of "
        "consulting, a startup founder hiring, a restaurant manager, a parent asking for "
        "their child and askers in Australia, Mexico and Vietnam), kept unread, and "
        "measured once, unseen, at aaf1654 beside the twenty-eighth: 91.6% (261 of 285). "
        'Some of its misses were studied afterwards (places the lookup lacked, such as "da '
        'nang", "nz" and "aussie"), so the figure below is partly fitted to it.'
    ),
    "asked_31": (
        "Written by a thirty-first blind writer (the same brief, with a computer-science "
        "undergraduate, a software developer, a business analyst, a junior TPM, a career "
        "counselor, a nurse, a retired engineer and askers in France, Pakistan and New "
        "Zealand), kept unread, and measured once, unseen, at aaf1654 beside the "
        "twenty-eighth: 96.8% (269 of 278). Its misses have not been studied."
    ),
    "asked_32": (
        "Written by a thirty-second blind writer (the same brief: a student, people moving "
        "from each role the sources name and from other jobs, a working TPM, a recruiter and "
        "askers outside the United States; 218 messages and 31 conversations), kept unread, "
        "and measured once, unseen, at f530c28, after the thirtieth set's missing places, "
        "answer echoes and joined questions: 97.8% (262 of 268). Its misses have not been "
        "studied: the figure below is the unseen one."
    ),
}
