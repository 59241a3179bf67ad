"""The acknowledgement a message opens with, and the particle it ends on, around its question.

"ok then what do employers look for in a tpm", "fine, what else matters besides experience",
"ok and whats the normal working time in general": said in a conversation, a question often
opens by taking in the answer before it. Those words say nothing of what is asked, but they
are the words of "ok", "fine" and "yes" on their own, so they pull the reading towards a
reply to an offer, or leave it unsure between that and the question. The classifier also reads
the question without them (components/intent_classifier.py) and keeps the surer reading.

Only acknowledgements are taken off, with a joining word after them ("ok and", "fine then"):
"and in germany?" alone leans on the answer before it, and that is read as it is. At the end,
a particle such as "then", "though" or "btw" ("whats the usual working time then") is as
empty of what is asked, and as strong a pull towards a stray remark.
"""

from __future__ import annotations

import re

# Words that take in what was said: "ok", "fine", "got it", "thanks", "hmm", "i see".
ACKNOWLEDGEMENT = (
    r"(?:ok(?:ay)?|k|fine|alright|all\s+right|right|cool|great|nice|perfect|sure|yeah|yep"
    r"|thanks|thank\s+you|thx|ty|got\s+it|gotcha|i\s+see|understood|makes\s+sense|interesting"
    r"|hmm+|oh|ah|well|so)"
)
# One or more acknowledgements, each closed by a comma, full stop, dash or space, then at most
# one joining word.
LEAD_IN = re.compile(
    rf"^\W*(?:{ACKNOWLEDGEMENT}\b[\s,.!:;-]*)+(?:(?:and|so|then|just|but)\b[\s,.:;-]*)?",
    re.IGNORECASE,
)
# A particle a question ends on: "… then?", "… though", "… btw" ("please" is no particle: it
# makes a request of what it ends).
TRAILER = re.compile(r"[\s,]+(?:then|though|tho|anyway|anyways|btw|lol|haha)\W*$", re.IGNORECASE)
# What must be left for a question of its own: "ok thanks" is a reply, not a question.
MIN_WORDS_LEFT = 3


def without_asides(text: str) -> str | None:
    """`text` without the acknowledgement it opens with and the particle it ends on, or None
    when it has neither or too little would be left to be a question."""
    found = LEAD_IN.match(text)
    start = found.end() if found is not None and found.group(0).strip() else 0
    trailer = TRAILER.search(text, start)
    end = trailer.start() if trailer is not None else len(text)
    if start == 0 and end == len(text):
        return None
    rest = text[start:end].strip()
    if len(rest.split()) < MIN_WORDS_LEFT:
        return None
    return rest
