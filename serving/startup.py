"""What the Rasa server sets up before Rasa loads: less to import, no thread hand-offs.

- TensorFlow 2.12 depends on jax and, when jax is installed, imports it while loading its TF Lite
  converter, which nothing here uses: about 2 s of a cold start on two cores and 70 MB of
  resident memory. TensorFlow treats a failed import as "jax not installed", so marking it
  unavailable before TensorFlow loads is safe.
- The server handles one message at a time, and the NLU model is small: TensorFlow's thread
  pools only hand each operation to another thread and back. One thread each (Rasa's own
  settings, read by `rasa.utils.tensorflow.environment`) answers faster; set the variables to
  override.

Only the Rasa server (`python -m serving`) does this; training and tests run as usual.
"""

from __future__ import annotations

import os
import sys

# Optional imports (each guarded by `except ImportError` where it is imported) to skip.
UNUSED_OPTIONAL_PACKAGES = ("jax",)
TENSORFLOW_THREADS = {
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
}


def prepare() -> None:
    """Call before importing Rasa."""
    for name in UNUSED_OPTIONAL_PACKAGES:
        # Makes `import jax` fail fast, unless something already imported it.
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    for variable, value in TENSORFLOW_THREADS.items():
        os.environ.setdefault(variable, value)
