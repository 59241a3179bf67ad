"""The NLU components, without a trained model: the sentence encoder against the published
all-MiniLM-L6-v2 similarity, the role finder on the ways people write roles, the spelling
corrector and the features the intent classifier reads."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.shared.nlu.training_data.loading import load_data

from components.intent_classifier import word_stems
from components.role_mentions import ROLE_MASK, canonical_names, known_roles, mask_roles, other_jobs
from components.sentence_encoder import basic_tokens, shared_encoder
from components.spelling import Speller, WordSet
from tests.servers import ROOT

# sentence-transformers' documentation gives this pair's cosine similarity under
# all-MiniLM-L6-v2 as 0.7553; a mistake anywhere in the NumPy model moves it.
PUBLISHED_PAIR = ("A man is eating food.", "A man is eating a piece of bread.")
PUBLISHED_SIMILARITY = 0.7553


def test_the_encoder_reproduces_the_published_similarity() -> None:
    first, second = shared_encoder().encode(list(PUBLISHED_PAIR))
    assert float(first @ second) == pytest.approx(PUBLISHED_SIMILARITY, abs=5e-4)


def test_embeddings_are_unit_vectors_and_batching_changes_nothing() -> None:
    texts = ["what does a tpm earn", "how much money is in my account", "yes"]
    together = shared_encoder().encode(texts)
    alone = np.stack([shared_encoder().encode([text])[0] for text in texts])
    assert together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-5)


def test_meaning_beyond_the_words() -> None:
    """Schooling is about education, not the weather: what DIET on word counts could not see."""
    schooling, degree, weather = shared_encoder().encode(
        ["what kind of schooling is required", "what degree do I need", "will it rain today"]
    )
    assert schooling @ degree > 0.5 > schooling @ weather


def test_the_tokenizer_folds_case_accents_and_punctuation() -> None:
    assert basic_tokens("Café, TPM's résumé!") == ["cafe", ",", "tpm", "'", "s", "resume", "!"]


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return canonical_names(load_data(str(ROOT / "data" / "nlu")))


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("what are the duties of a technical project manager", ["technical project manager"]),
        ("who does a project schedular report to", ["project scheduler"]),
        ("what is a project co-ordinator anyway", ["project coordinator"]),
        ("techincal pm pay", ["technical project manager"]),
        ("promoted to sr. technical project manager", ["senior technical project manager"]),
        (
            "does a tpm manage project coordinators",
            ["technical project manager", "project coordinator"],
        ),
        ("whats the work schedule like", []),
        ("whats the salery for a tpm", ["technical project manager"]),
    ],
)
def test_known_roles_are_found_however_written(
    names: dict[str, str], text: str, roles: list[str]
) -> None:
    found = known_roles(text, names)
    assert [mention["value"] for mention in found] == roles
    for mention in found:
        assert not text[mention["start"] : mention["end"]].startswith(("a ", "the "))


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("what does a data scientist earn", "data scientist"),
        ("what makes a good lawyer", "lawyer"),
        ("who's my manager in this job", None),
        ("where does this job lead in 5 years", None),
        ("how much money is in my account", None),
        # Short forms, and a possessive that is not part of the name.
        ("product mgr vs tpm?", "product mgr"),
        ("backend dev here", "backend dev"),
        ("what's a release manager's role", "release manager"),
        # Titles whose last word names no job alone: "staff" and "lead" are ranks.
        ("chief of staff vs tpm?", "chief of staff"),
        ("what does a qa lead earn", "qa lead"),
        ("what qualifications does a reliability lead need", "reliability lead"),
        ("what about a lead", None),
        ("a good lead knows the team", None),
        ("career path for a sales rep", "sales rep"),
    ],
)
def test_other_jobs_are_roles_and_everyday_words_are_not(text: str, job: str | None) -> None:
    assert [mention["value"] for mention in other_jobs(text)] == ([job] if job else [])


@pytest.fixture(scope="module")
def speller() -> Speller:
    data = load_data(str(ROOT / "data" / "nlu"))
    return Speller.fit([m.get("text") for m in data.intent_examples if m.get("text")])


@pytest.mark.parametrize(
    ("text", "corrected"),
    [
        # A slip in the word that decides the topic, including one the training data has once.
        ("whats the salery for a tpm", "whats the salary for a tpm"),
        ("who does a tpm reprot to", "who does a tpm report to"),
        ("list responsibilites", "list responsibilities"),
        # A letter left out is likelier than one changed: "helo" is "hello", not "help".
        ("helo", "hello"),
        # Real words stay, however close to a training word; so do short ones and the
        # training data's own words that are not English ("tpm", "dont").
        ("celery soup recipe", "celery soup recipe"),
        ("i dont know", "i dont know"),
        ("gud", "gud"),
        # Chat shorthand is written out.
        ("who r u", "who are you"),
    ],
)
def test_typing_slips_are_corrected_and_real_words_kept(
    speller: Speller, text: str, corrected: str
) -> None:
    assert speller.correct(text) == corrected


def test_the_word_list_is_held_as_hashes_and_answers_membership() -> None:
    words = WordSet.of(["salary", "celery"])
    assert "celery" in words and "salary" in words
    assert "salery" not in words
    assert words.hashes.dtype == np.uint64 and len(words.hashes) == 2


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # Every job, known or not, however written, becomes the one placeholder.
        ("who does a tpm report to", f"who does a {ROLE_MASK} report to"),
        ("apm reports to whom", f"{ROLE_MASK} reports to whom"),
        ("what does a physiotherapist do", f"what does a {ROLE_MASK} do"),
        (
            "does a techincal project manager manage project coordinators",
            f"does a {ROLE_MASK} manage {ROLE_MASK}",
        ),
        # A person is not a job.
        ("email my manager", "email my manager"),
        # "one" to become or be is the job the conversation is about; "one of" is not.
        ("so how would i become one", f"so how would i become {ROLE_MASK}"),
        ("is it hard being one", f"is it hard being {ROLE_MASK}"),
        ("i want to be one of the best", "i want to be one of the best"),
    ],
)
def test_jobs_are_masked_for_the_word_features(
    names: dict[str, str], text: str, masked: str
) -> None:
    assert mask_roles(text, names) == masked


def test_word_features_drop_articles_and_a_final_s() -> None:
    assert word_stems("Who reports to the TPMs?") == ["who", "report", "to", "tpm"]
    assert word_stems("the boss's class") == ["boss", "class"]
