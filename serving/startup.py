"""What the Rasa server sets up around loading the model: less to import, no thread hand-offs,
no garbage-collection pauses.

- TensorFlow 2.12 depends on jax and, when jax is installed, imports it while loading its TF Lite
  converter, which nothing here uses: about 2 s of a cold start on two cores and 70 MB of
  resident memory. TensorFlow treats a failed import as "jax not installed", so marking it
  unavailable before TensorFlow loads is safe (a TensorFlow internal: serving.rasa_seam lists it).
- The server handles one message at a time, and the NLU model is small: TensorFlow's thread
  pools only hand each operation to another thread and back. One thread each (Rasa's own
  settings, read by `rasa.utils.tensorflow.environment`) answers faster; set the variables to
  override.
- Once the model is loaded, the server holds millions of long-lived objects (TensorFlow, spaCy,
  Rasa's graph), and a full garbage collection walks every one of them: 310 ms on two cores,
  measured after loading this project's model, a pause for every conversation in flight
  whenever Python decides to run one. Collected once after loading and then frozen (`gc.freeze`),
  they are never walked again; objects made later are collected as usual.
- Loading leaves glibc's heap holding what it freed (files read whole, pickles, spaCy's and
  TensorFlow's temporaries) without giving it back: `malloc_trim(0)` returns it to the system,
  about 58 MB of the Rasa server's resident memory (796 → 737 MB measured right after loading,
  December 2026). On a C library without it (not glibc), nothing is trimmed.

Only the Rasa server (`python -m serving`) does this; training and tests run as usual.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys

# Optional imports (each guarded by `except ImportError` where it is imported) to skip.
UNUSED_OPTIONAL_PACKAGES = ("jax",)
TENSORFLOW_THREADS = {
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
}


def prepare(keep_unused_packages_out: bool = True) -> None:
    """Call before importing Rasa."""
    for name in UNUSED_OPTIONAL_PACKAGES if keep_unused_packages_out else ():
        # Makes `import jax` fail fast, unless something already imported it.
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    for variable, value in TENSORFLOW_THREADS.items():
        os.environ.setdefault(variable, value)


def settle_loaded_model() -> None:
    """Call once the model is loaded: collect the garbage of loading, then freeze what is left."""
    gc.collect()
    gc.freeze()
    return_freed_memory()


def return_freed_memory() -> bool:
    """Give the heap's free pages back to the system (glibc's `malloc_trim`); False if unknown."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is None:
        return False
    trim(0)
    return True
