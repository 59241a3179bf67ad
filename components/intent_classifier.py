"""Intent classifier: word and character n-grams first, sentence meaning where they are unsure.

Each message is first prepared: its typing slips corrected against the training data's words
(components.spelling: "salery" → "salary"), and, for the word features, every job it names
replaced by one placeholder (components.role_mentions.mask_roles), so a question's shape is
learnt once for all roles.

Two logistic regressions over the training examples:

- *quick*: TF-IDF of words (1–2, articles left out, a final "s" dropped) and of characters within
  words (2–4). Microseconds per message; it knows the training data's words;
- *meaning*: the message's all-MiniLM-L6-v2 sentence embedding (components.sentence_encoder),
  which knows what words it never saw mean ("schooling", "work schedule", "what am I expected
  to be good at").

A message whose quick guess is below `quick_confidence`, or that holds a word the training data
never uses (the quick model cannot see it, so its confidence says nothing about that word:
"overall day" is as sure as "typical day"), is decided by both: their probabilities
multiplied, each to a power (`meaning_weight` for the meaning model, the rest for the quick one),
and normalised. The embedding costs ~10 ms of CPU and most messages don't need it; repeated
texts reuse their embedding. An unsure message must also mean something like a training example
of one of the two likeliest intents (cosine similarity of the embeddings at least
`min_similarity`, and higher than to any out-of-scope example), or it is out of scope: off-topic
requests rarely resemble any question about the role, however their words lean.

Training is the embeddings of the training examples (both cores) and two linear models; the
meaning model has 384 dense inputs and trains in about a second. `make benchmark` reports the
time.

Confidences are probabilities; the FallbackClassifier after this component turns a low one into
`nlu_fallback` (config.yml).
"""

from __future__ import annotations

import copy
import os
import pickle
import re
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from components.asides import without_asides
from components.classifier_settings import DEFAULTS
from components.question_frame import LEVELLESS_TEXT, QUESTION_TEXT, UNSCOPED_TEXT
from components.reading_rules import asks_a_topic, only_the_asker_leans_to_the_check, reread
from components.role_mentions import ROLE_MASK, canonical_names, mask_roles
from components.sentence_encoder import shared_encoder
from components.service_requests import offered_instead
from components.spelling import Speller

MODEL_FILE = "cascade.pkl"
# Training examples embedded at once; ordered by count of tokens so padding stays short.
EMBEDDING_BATCH = 64
# Distinct message texts whose embedding is kept (about 1.5 KB each).
EMBEDDING_CACHE = 4096
RANKING_LENGTH = 10
OUT_OF_SCOPE = "out_of_scope"
# Keeps the logarithm of a probability of zero finite.
TINY = 1e-12
# scikit-learn's default token pattern: words of two or more characters.
WORD = re.compile(r"\b\w\w+\b")
ARTICLES = frozenset({"a", "an", "the"})
# A job the training data may never name, written as one it does for the resemblance check.
ANY_JOB = "worker"


def word_stems(text: str) -> list[str]:
    """The words of `text` but articles, a final "s" dropped.

    "reports" and "report" are one feature, so "apm reports to whom" shares "ROLE report" with
    "TPMs report to whom?"; with no article between them, "to ROLE" (who reports to a TPM) and
    "ROLE report" (whom a TPM reports to) tell the two directions of a reporting line apart.
    """
    return [
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        for word in WORD.findall(text.casefold())
        if word not in ARTICLES
    ]


@lru_cache(maxsize=EMBEDDING_CACHE)
def embedding(text: str) -> np.ndarray:
    """The sentence embedding of one message, remembered for repeated texts."""
    return shared_encoder().encode([text])[0]


def embeddings(texts: list[str]) -> np.ndarray:
    """The sentence embeddings of many texts, in batches of similar length, on every core.

    NumPy's matrix products use every core, but the rest of the model (GELU, softmax, layer
    norms) runs on one; NumPy releases the GIL in both, so batches run in threads, each with
    one BLAS thread. A batch is padded to its longest text: by tokens, the training data's
    batches are 2% padding; ordered by characters, as they were, 41%, and as much more work.
    """
    ids = [shared_encoder().tokenizer.ids(text) for text in texts]
    order = sorted(range(len(texts)), key=lambda index: len(ids[index]))
    step = EMBEDDING_BATCH
    batches = [order[start : start + step] for start in range(0, len(order), step)]
    result = np.zeros((len(texts), shared_encoder().dimension), dtype=np.float32)

    def encode(batch: list[int]) -> None:
        result[batch] = shared_encoder().encode_ids([ids[index] for index in batch])

    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(encode, batches))
    return result


def sparse_ready(model: LogisticRegression) -> LogisticRegression:
    """`model` with its coefficients kept column by column, the same values.

    scikit-learn scores a message as `features @ coef_.T`; with sparse features, scipy needs
    that transposed matrix contiguous and, from row-major coefficients, copied the whole of it
    (intents × n-grams) for every message: a third of the NLU's CPU time per message, measured
    with cProfile over the load script's messages. Column-major, the transpose is contiguous and
    read in place; the products, and so the probabilities, are unchanged.
    """
    model.coef_ = np.asfortranarray(model.coef_)
    return model


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class CascadeIntentClassifier(GraphComponent, IntentClassifier):
    """Logistic regression on n-grams, joined by one on sentence meaning when unsure."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Listed with what each does in components/classifier_settings.py.
        return copy.deepcopy(DEFAULTS)

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        state: dict[str, Any] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.state = state or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CascadeIntentClassifier:
        return cls(config, model_storage, resource)

    def _regression(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            tol=self.config["tol"],
            class_weight="balanced",
            random_state=self.config["random_state"],
        )

    def _prepared(self, text: str) -> tuple[str, str]:
        """`text` with its typing slips corrected, and that text with its jobs masked."""
        corrected = self.state["speller"].correct(text)
        return corrected, mask_roles(corrected, self.state["role_names"])

    def _ngrams(self, corrected: list[str], masked: list[str]) -> csr_matrix:
        """Word n-grams of the masked texts (the question's shape, whatever the role), and
        character n-grams of the corrected ones (the role names and what slips remain)."""
        words, chars = self.state["words"], self.state["chars"]
        return hstack([words.transform(masked), chars.transform(corrected)]).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        texts = [m.get(TEXT) for m in examples]
        labels = np.array([m.get(INTENT) for m in examples])
        self.state = {
            "speller": Speller.fit(texts),
            "role_names": canonical_names(training_data),
        }
        prepared = [self._prepared(text) for text in texts]
        corrected = [text for text, _ in prepared]
        masked = [text for _, text in prepared]
        self.state["words"] = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, tokenizer=word_stems, token_pattern=None
        ).fit(masked)
        self.state["chars"] = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4),
            sublinear_tf=True,
            min_df=self.config["min_char_df"],
        ).fit(corrected)
        self.state["quick"] = sparse_ready(
            self._regression().fit(self._ngrams(corrected, masked), labels)
        )
        vectors = embeddings(corrected)
        self.state["meaning"] = self._regression().fit(vectors, labels)
        # Each intent's example embeddings, for the resemblance check of unsure messages.
        self.state["examples"] = {
            str(intent): vectors[labels == intent] for intent in np.unique(labels)
        }
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            (directory / MODEL_FILE).write_bytes(pickle.dumps(self.state))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CascadeIntentClassifier:
        with model_storage.read_from(resource) as directory:
            state = pickle.loads((directory / MODEL_FILE).read_bytes())
        sparse_ready(state["quick"])
        # Loaded now, not on the first unsure message.
        shared_encoder()
        return cls(config, model_storage, resource, state)

    def probabilities(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The intents and their probabilities for `text`: quick's, or quick's and meaning's
        together when quick is unsure."""
        quick: LogisticRegression = self.state["quick"]
        corrected, masked = self._prepared(text)
        ngrams = self._ngrams([corrected], [masked])
        probabilities = quick.predict_proba(ngrams)[0]
        if probabilities.max() >= self.config["quick_confidence"] and not self.unseen_words(masked):
            return quick.classes_, probabilities
        meaning: LogisticRegression = self.state["meaning"]
        vector = embedding(corrected)
        weight = self.config["meaning_weight"]
        joint = (1 - weight) * np.log(probabilities + TINY) + weight * np.log(
            meaning.predict_proba(vector[None, :])[0] + TINY
        )
        probabilities = np.exp(joint - joint.max())
        probabilities /= probabilities.sum()
        # The two likeliest intents: "salary and hours" is about both, and need only resemble
        # one of them.
        likeliest = [str(quick.classes_[i]) for i in np.argsort(-probabilities)[:2]]
        if likeliest[0] in self.config["ungated_intents"]:
            return quick.classes_, probabilities
        if not self.resembles_any(vector, likeliest):
            # "what does a physiotherapist do" means "physiotherapy" to the embedding more
            # than a question about a job: asked again about any job, it resembles "what
            # does a nurse do?".
            generic = masked.replace(ROLE_MASK, ANY_JOB)
            if generic == masked or not self.resembles_any(embedding(generic), likeliest):
                probabilities = self.out_of_scope(quick.classes_, probabilities)
        return quick.classes_, probabilities

    def unseen_words(self, masked: str) -> list[str]:
        """The words of `masked` (slips already corrected) that no training example uses."""
        known = self.state["words"].vocabulary_
        return [word for word in word_stems(masked) if word not in known]

    def resembles_any(self, vector: np.ndarray, intents: list[str]) -> bool:
        return any(
            self.resembles(vector, intent)
            for intent in intents
            if intent not in self.config["ungated_intents"]
        )

    def resembles(self, vector: np.ndarray, intent: str) -> bool:
        """Whether the message means something like one of `intent`'s training examples, and
        nothing closer among the out-of-scope ones.

        "what day is it" leans towards the typical-day topic by its words, but no question
        about a TPM's day means what it means; "how much money is in my account" is nearer to a
        banking request than to any salary question.
        """
        examples = self.state["examples"].get(intent)
        if examples is None or not len(examples):
            return True
        closest = float((examples @ vector).max())
        # Nearer to an off-topic example than to any of the intent's: off topic.
        off_topic = self.state["examples"].get(OUT_OF_SCOPE)
        if off_topic is not None and len(off_topic) and float((off_topic @ vector).max()) > closest:
            return False
        return closest >= self.config["min_similarity"]

    @staticmethod
    def out_of_scope(intents: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
        """`probabilities` with the best intent's share moved to out_of_scope."""
        moved = probabilities.copy()
        best = int(moved.argmax())
        (index,) = np.flatnonzero(intents == OUT_OF_SCOPE)
        moved[index] += moved[best]
        moved[best] = 0.0
        return moved

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or not self.state:
                continue
            intents, probabilities = self.probabilities(text)
            # "ok then what do employers look for in a tpm", "whats the usual working time
            # then": the question without the "ok" it opens with or the "then" it ends on,
            # when that reads more surely (components/asides.py).
            bare = without_asides(text)
            if bare is not None:
                alone = self.probabilities(bare)
                if alone[1].max() > probabilities.max():
                    intents, probabilities = alone
            # Where the message also says what the asker does (components/question_frame.py),
            # the question alone is read too. It decides when it asks a topic surely enough:
            # the words about the asker say who asks, not what ("i'm a data analyst, would my
            # analytics skills matter as a tpm" asks about skills, though an introduction leans
            # to the readiness check). Otherwise the surer reading is kept: "I'm a coordinator,
            # what would it take to become a TPM?" reads better without its first clause, "I've
            # been a TPM for years, what's next?" with it.
            question = message.get(QUESTION_TEXT)
            if question:
                alone = self.probabilities(question)
                if (
                    asks_a_topic(*alone, self.config)
                    or only_the_asker_leans_to_the_check(
                        (intents, probabilities), alone, self.config
                    )
                    or alone[1].max() > probabilities.max()
                ):
                    intents, probabilities = alone
            # "what does a tpm with 10+ yrs experience make": the years are the answer's scope,
            # and their words lean to the experience topic; the question without them decides
            # when it is read surely enough; without a short level, when read more surely.
            unscoped = message.get(UNSCOPED_TEXT)
            levelless = message.get(LEVELLESS_TEXT)
            alone = self.probabilities(unscoped or levelless) if unscoped or levelless else None
            if (
                alone is not None
                and alone[1].max() >= self.config["unscoped_confidence"]
                and (unscoped or alone[1].max() > probabilities.max())
            ):
                intents, probabilities = alone
            # "quiz me and tell me if i could be a TPM": the readiness check, no quiz.
            offer = offered_instead(message, self.config["offered_services"], self.probabilities)
            intents, probabilities = offer or (intents, probabilities)
            order = np.argsort(-probabilities)[:RANKING_LENGTH]
            ranking = [
                {"name": str(intents[i]), "confidence": float(probabilities[i])} for i in order
            ]
            # Who asks, what they ask of the assistant, and the word order move the readings
            # (components/reading_rules.py).
            ranking = reread(ranking, message, self.config)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
