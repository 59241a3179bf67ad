"""Typing slips corrected against the words the training data uses.

"whats the salery for a TPM", "who does a tpm reprot to", "list responsibilites": the character
n-grams of the intent classifier tolerate one slip in a long word, but a slip in the one word that
decides the topic ("salery", "reprot") leaves the word n-grams and the sentence embedding blind
to it (the embedding reads "reprot" as unknown pieces, not as "report"). Before classifying, each
word that is neither in the training data nor an English word (pyspellchecker's word list)
is replaced by the training word it is spelled like: one slip (a letter wrong, missing, extra, or
two swapped) in a word of four to seven letters, two in a longer one; among equally close words,
the one reached by adding or dropping letters, then the one the training data uses most.

Chat shorthand ("u", "r", "pls") is written out first (SHORTHAND). Real words are never
changed: "celery" is an English word, so it stays "celery" even if it is one slip from a word of
the training data. Nor are the training data's own non-English words ("tpm", "dont"), except
those it uses only once: those are slips written into examples on purpose, and
"salery" is then read as "salary" too. Words of three letters or fewer are too short to tell a
slip from another word.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rapidfuzz.distance import OSA, Indel
from rapidfuzz.process import extract
from spellchecker import SpellChecker

WORD = re.compile(r"[a-z]+")
MIN_LETTERS = 4
LONG_WORD = 8
# A word the training data uses this often is a word, not a slip.
KNOWN_COUNT = 2
# How many candidates at the smallest distance are compared by frequency.
CANDIDATES = 8


# Chat shorthand, read as the words it stands for before anything else: "who r u" is "who are
# you", not a question about who reports to whom.
SHORTHAND = {
    "u": "you",
    "r": "are",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "abt": "about",
    "wat": "what",
    "wut": "what",
}


def english_words() -> list[str]:
    """The 138,000 English words of pyspellchecker's word list (MIT), through its public API."""
    return list(SpellChecker(language="en").word_frequency.keys())


def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class WordSet:
    """A large set of words in 8 bytes each: their sorted 64-bit hashes.

    The English word list as a Python set would add about 12 MB to the Rasa server; a collision
    of two 64-bit hashes among 138,000 words is practically impossible.
    """

    hashes: np.ndarray

    @classmethod
    def of(cls, words: Iterable[str]) -> WordSet:
        return cls(np.unique(np.array([word_hash(word) for word in words], dtype=np.uint64)))

    def __contains__(self, word: str) -> bool:
        value = np.uint64(word_hash(word))
        index = int(np.searchsorted(self.hashes, value))
        return index < len(self.hashes) and self.hashes[index] == value


def words(text: str) -> list[str]:
    """The lower-case words of `text`, letters only."""
    return WORD.findall(text.casefold())


def slips_allowed(word: str) -> int:
    """One slip in a word of up to seven letters, two in a longer one."""
    return 2 if len(word) >= LONG_WORD else 1


@dataclass
class Speller:
    """Corrects unknown words to the training data's words they are spelled like."""

    # How often each word occurs in the training data.
    counts: dict[str, int]
    # Real words, though the training data may never use them.
    dictionary: WordSet

    @classmethod
    def fit(cls, texts: Iterable[str], dictionary: Iterable[str] | None = None) -> Speller:
        """The training texts' words; the English word list unless another is given."""
        counts = Counter(word for text in texts for word in words(text))
        return cls(dict(counts), WordSet.of(english_words() if dictionary is None else dictionary))

    def is_known(self, word: str) -> bool:
        """An English word, or one the training data uses more than once ("tpm", "dont");
        a word it uses once may be a slip written into an example on purpose ("salery")."""
        return word in self.dictionary or self.counts.get(word, 0) >= KNOWN_COUNT

    @cached_property
    def targets(self) -> list[str]:
        """What a slip may be corrected to: the training data's known words."""
        return sorted(word for word in self.counts if self.is_known(word))

    def correction(self, word: str) -> str | None:
        """The training word `word` is a slip of, or None when it is known or like none."""
        if len(word) < MIN_LETTERS or self.is_known(word):
            return None
        limit = slips_allowed(word)
        matches = extract(
            word, self.targets, scorer=OSA.distance, score_cutoff=limit, limit=CANDIDATES
        )
        if not matches:
            return None
        nearest = min(distance for _, distance, _ in matches)
        # Among equally close words, a letter left out or doubled ("helo" → "hello") is a
        # likelier slip than a letter changed ("help"): Indel distance counts a change as two.
        return min(
            (candidate for candidate, distance, _ in matches if distance == nearest),
            key=lambda candidate: (Indel.distance(word, candidate), -self.counts[candidate]),
        )

    def correct(self, text: str) -> str:
        """`text` in lower case with each slipped word replaced by the word it stands for."""
        folded = text.casefold()

        def replace(match: re.Match[str]) -> str:
            word = match.group()
            return SHORTHAND.get(word) or self.correction(word) or word

        return WORD.sub(replace, folded)
