"""Which covered topic a question on a subject the sources never speak of is answered with.

"whats the retirement plan like for tpms" names benefits, which the sources are silent on; its
words lean to where the career leads ("retirement"), but the topic nearest to benefits is the
pay. The knowledge file puts each subject near the topics that speak to it (`near`); NLU's own
reading of such a question decides only when it is sure of it, for the topic ranked by NLU is
often the subject's words read as a topic, not a second question.
"""

from __future__ import annotations

from typing import Any

from actions.scope_notes import PAY_TOPIC
from actions.unanswered import topic_guess
from knowledge.currencies import PAY_NAMED
from knowledge.loader import Knowledge
from knowledge.records import Topic
from knowledge.uncovered_section import Subject

# For a subject the knowledge file names, the topic NLU ranked next is said instead of the
# subject's own nearest topic only with this much confidence: "do women get paid less as
# TPMs?" asks the pay (0.45), though who gets hired is nearest to education; "whats the
# burnout rate" (pay at 0.30) does not.
ASKED_TOPIC_SHARE = 0.4
# ... and at least this share for a topic the knowledge file does not put near the subject.
ASKED_AWAY_SHARE = 0.6
# ... or this share, where NLU read the question as that topic rather than as the subject: "do
# tpms still write code or is it all meetings" (a typical day, 0.59) asks both, "whats the
# retirement plan like" (where the career leads, 0.44) only the subject.
TOPIC_AWAY_SHARE = 0.5


def asked_beside(
    knowledge: Knowledge,
    message: dict[str, Any],
    subject: Subject,
    away_share: float = ASKED_AWAY_SHARE,
) -> Topic | None:
    """The topic a question on `subject` asks beside it, if NLU ranked it with ASKED_TOPIC_SHARE
    of its confidence. Two of NLU's readings are its own, not the question's, unless the
    subject is near them: the pay, where no word for pay is named ("how much pto do tpms get"
    reads "how much" as pay), and whether the job is worth it, where the question asks how the
    subject fits the job ("is it an ok job for introverts")."""
    asked = topic_guess(knowledge, message, ASKED_TOPIC_SHARE)
    if asked is None or asked.key in subject.near:
        return asked
    if topic_guess(knowledge, message, away_share) is None:
        # "whats the retirement plan like for tpms" leans to where the career leads; a topic
        # away from the subject's own nearest ones needs NLU surer of it.
        return None
    text = str(message.get("text") or "")
    if asked.key == PAY_TOPIC and not PAY_NAMED.search(text):
        return None
    if asked.key == knowledge.special_topics.weighing:
        return None
    return asked


def topic_beside_subject(
    knowledge: Knowledge, message: dict[str, Any], subject_key: str, topic: Topic
) -> Topic:
    """The topic to answer beside subject `subject_key` when NLU read the question as `topic`:
    `topic` if it is near the subject or asked surely enough, else the subject's nearest."""
    subject = knowledge.uncovered.subjects.get(subject_key)
    if subject is None or topic.key in subject.near:
        return topic
    asked = asked_beside(knowledge, message, subject, TOPIC_AWAY_SHARE)
    return asked or knowledge.topics[subject.near[0]]
