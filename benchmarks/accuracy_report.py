"""docs/ACCURACY.md: the figures `make accuracy` measured, beside their targets, with the misses.

benchmarks/accuracy.py runs the servers and judges each reply (benchmarks/accuracy_cases.py);
this turns the judged outcomes into the share right per set, the breakdowns by topic and by
HWU64 scenario, and the page itself, with what each blind set on what was asked can and cannot
show. Apart so the page's wording and targets can be changed without touching how it is measured.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from benchmarks.accuracy_cases import ASKED_SETS, Outcome
from benchmarks.asked import Judged, asked_report, scored
from benchmarks.asked import share as share_of
from benchmarks.reply_kinds import DECLINED, markdown_table

# Targets of the issue that asked for these figures.
TARGETS = {
    "holdout": 0.98,
    "blind": 0.98,
    "offtopic": 0.97,
    "offtopic_after": 0.97,
    "everyday": 1.0,
}
# The target of each blind set on what was asked (benchmarks/accuracy_cases.py, ASKED_SETS).
ASKED_TARGET = 0.95
# What each of those sets can and cannot show, said beside its figure.
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
}


def share(outcomes: list[Outcome]) -> float:
    return sum(o.right for o in outcomes) / len(outcomes) if outcomes else 0.0


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    """The share of right replies in each evaluation set."""
    by_set: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_set[outcome.case.set_name].append(outcome)
    return {name: share(items) for name, items in by_set.items()}


def breakdown(outcomes: list[Outcome], set_name: str, key: str) -> list[list[str]]:
    """Rows of (group, right/total, share) for one set, grouped by `key` of the case."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.case.set_name == set_name:
            value = getattr(outcome.case, key) or "none"
            if set_name == "offtopic":
                value = value.split("_")[0]
            groups[value].append(outcome)
    return [
        [name, f"{sum(o.right for o in items)}/{len(items)}", f"{share(items):.1%}"]
        for name, items in sorted(groups.items())
    ]


def report(
    outcomes: list[Outcome],
    left_out: dict[str, int],
    seconds: float,
    asked: dict[str, list[Judged]],
) -> str:
    """docs/ACCURACY.md: the figures, their targets, where the misses are, and examples."""
    figures = scores(outcomes)
    counts = Counter(o.case.set_name for o in outcomes)
    rows = [
        [
            name,
            str(counts[name]),
            f"{figures[name]:.1%}",
            f"≥ {TARGETS[name]:.0%}",
            "yes" if figures[name] >= TARGETS[name] else "**no**",
        ]
        for name in TARGETS
    ]
    for name, judged in asked.items():
        right = share_of(scored(judged))
        met = "yes" if right >= ASKED_TARGET else "**no**"
        rows.append([name, str(len(scored(judged))), f"{right:.1%}", f"≥ {ASKED_TARGET:.0%}", met])
    offtopic = [o for o in outcomes if o.case.set_name == "offtopic"]
    outright = sum(o.reply.kind in DECLINED for o in offtopic) / max(len(offtopic), 1)
    missed_kinds = Counter(
        o.reply.kind for o in outcomes if o.case.set_name == "offtopic" and not o.right
    )
    parts = [
        "# Accuracy",
        "",
        "Written by `make accuracy` (`python -m benchmarks.accuracy`): every message below was "
        "sent to the real Rasa and action servers as the first message of a new conversation "
        "(the readiness check's answers and stops inside the check), and the reply the person "
        "got was judged (see the module's docstring for the rules). "
        f"Run took {seconds:.0f} s on {time.strftime('%Y-%m-%d')}.",
        "",
        markdown_table(["set", "messages", "right", "target", "met"], rows),
        "",
        f"Off-topic requests declined outright (the scope or fallback message): {outright:.1%}; "
        "the others that count as declined got a reply that fits a short message "
        '("stop" → "All right…", "bye" → goodbye) and no TPM facts.',
        "",
        "`offtopic_after` is a fixed sample of the off-topic requests, each sent right after "
        "an answer about the pay, where a short request could be taken for a follow-up of it; "
        "misreadings there: "
        + (
            "; ".join(
                f"“{o.case.text}” got {o.reply.kind}"
                for o in outcomes
                if o.case.set_name == "offtopic_after" and not o.right
            )
            or "none"
        )
        + ".",
        "",
        f"HWU64 lines left out because they are also training examples: "
        f"{left_out['offtopic']} off-topic, {left_out['everyday']} everyday.",
        "",
        "## Blind in-scope set, by topic",
        "",
        markdown_table(["intent", "right", "share"], breakdown(outcomes, "blind", "label")),
        "",
        "## Off-topic requests, by HWU64 scenario",
        "",
        "Music, weather and restaurants also occur in the Snips training requests; the other "
        "scenarios show how the decline generalises.",
        "",
        markdown_table(["scenario", "declined", "share"], breakdown(outcomes, "offtopic", "label")),
        "",
        "What the off-topic requests that were not declined got: "
        + ", ".join(f"{kind} {n}" for kind, n in missed_kinds.most_common())
        + ".",
        "",
        "## Everyday messages, by HWU64 intent",
        "",
        markdown_table(["intent", "right", "share"], breakdown(outcomes, "everyday", "label")),
        "",
        "## Misses in the in-scope sets",
        "",
    ]
    misses = [o for o in outcomes if o.case.set_name in ("holdout", "blind") and not o.right]
    parts += [
        f"- {o.case.set_name}: “{o.case.text}” — wanted {o.case.label} "
        f"({o.case.role}), got {o.reply.kind} ({o.reply.role}, {o.reply.topic})"
        for o in misses
    ] or ["None."]
    for name, judged in asked.items():
        lines = asked_report(judged, ASKED_TARGET, ASKED_SETS[name])
        parts += ["", lines[0], "", ASKED_NOTES[name], *lines[1:]]
    return "\n".join(parts) + "\n"
