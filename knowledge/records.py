"""The records the knowledge file is made of: a source, a quote, a grounded sentence, an answer.

Only the shape of what the assistant knows lives here (the whole file, with the readiness
check's requirements, is knowledge/knowledge_file.py); reading and checking the YAML is
knowledge/loader.py's and knowledge/checks.py's job, so the actions and the tests work
with objects that are known to be valid.

Every sentence the assistant can say about a role carries the verbatim passages it rests on, so
"where does it say that?" can always be answered with the source's own words. An answer is split
into parts of chat size: the first is the direct reply, each further part comes with "Tell me
more".
"""

from __future__ import annotations

from dataclasses import dataclass

# No message the assistant sends may be longer than this many words: a chat bubble, not a page.
MAX_MESSAGE_WORDS = 70


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of text between spaces."""
    return len(text.split())


@dataclass(frozen=True)
class Source:
    """A document that the assistant's sentences are taken from."""

    key: str
    title: str
    publisher: str
    kind: str
    # The document's text with typographic apostrophes and line breaks evened out.
    text: str

    @property
    def citation(self) -> str:
        """How an answer names this source: the title and who published it."""
        return f"“{self.title}” ({self.publisher})"


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of a source."""

    source: Source
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence the assistant says, with the passages it rests on (at least one)."""

    text: str
    quotes: tuple[Quote, ...]


def distinct_quotes(sentences: tuple[Sentence, ...]) -> tuple[Quote, ...]:
    """The passages behind `sentences`, each once, in the order they are first used."""
    return tuple(dict.fromkeys(quote for sentence in sentences for quote in sentence.quotes))


def distinct_sources(quotes: tuple[Quote, ...]) -> tuple[Source, ...]:
    """The sources of `quotes`, each once, in the order they first appear."""
    return tuple(dict.fromkeys(quote.source for quote in quotes))


@dataclass(frozen=True)
class Part:
    """One chat message of an answer: a few grounded sentences."""

    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return distinct_quotes(self.sentences)

    @property
    def sources(self) -> tuple[Source, ...]:
        return distinct_sources(self.quotes)


@dataclass(frozen=True)
class Answer:
    """A role's answer on one topic: the direct reply first, then the rest in parts."""

    parts: tuple[Part, ...]

    @property
    def first(self) -> Part:
        return self.parts[0]

    @property
    def more(self) -> tuple[Part, ...]:
        """What "Tell me more" gives, one part at a time."""
        return self.parts[1:]

    @property
    def text(self) -> str:
        """The direct reply: what the answer's first message says."""
        return self.first.text

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources of the direct reply, named under it."""
        return self.first.sources

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(sentence for part in self.parts for sentence in part.sentences)


@dataclass(frozen=True)
class Topic:
    """Something that can be asked about a role; the intent `ask_<key>` asks for it."""

    key: str
    title: str
    button: str
    # A question as people ask it; the story check and the end-to-end test ask it
    # (scripts/sync_topics.py writes the story check).
    question: str
    follow_ups: tuple[str, ...]
    answered_by: str | None
    # Topics whose answer comes closest when the sources don't cover this one for a role,
    # most relevant first ("what is a coordinator responsible for?" → what a coordinator is).
    close: tuple[str, ...] = ()
    # Topics that hold the rest of what the sources say on this one (salary: the consultant who
    # "earns more", under career advancement). They lead the follow-ups, and "Tell me more"
    # after the last part offers them.
    more_in: tuple[str, ...] = ()

    @property
    def in_a_sentence(self) -> str:
        """The title inside a sentence: lower case but for acronyms ("what makes a good TPM")."""
        # "A typical day" is "a typical day": one capital letter is no acronym.
        words = self.title.split()
        return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)

    @property
    def intent(self) -> str:
        return f"ask_{self.key}"


@dataclass(frozen=True)
class Role:
    """A job the assistant can talk about, the names people use for it and what is known."""

    key: str
    name: str
    called: str
    aliases: tuple[str, ...]
    answers: dict[str, Answer]
    # The role this one is a level of (the senior TPM is a TPM): where the sources give no
    # figure for this level, they are told so and given that role's figures.
    level_of: str | None = None
    # The role this one is a kind of (the telecom project manager is a type of TPM the sources
    # name but don't describe): any topic it has no answer for is told so and given that
    # role's answer.
    kind_of: str | None = None
