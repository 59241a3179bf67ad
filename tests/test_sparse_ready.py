"""components.intent_classifier.sparse_ready: the same probabilities, without a copy per message.

scipy multiplies a sparse row by `coef_.T` in place only when that transpose is contiguous; from
row-major coefficients it copied all of them for every message (docs/BENCHMARKS.md measures the
server as a whole).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import random as sparse_random
from sklearn.linear_model import LogisticRegression

from components.intent_classifier import sparse_ready


def test_the_same_probabilities_with_the_coefficients_read_in_place() -> None:
    generator = np.random.default_rng(7)
    features = sparse_random(300, 2000, density=0.01, format="csr", random_state=7)
    labels = generator.integers(0, 6, size=300)
    model = LogisticRegression(max_iter=500).fit(features, labels)
    row_major = model.predict_proba(features[:40])
    # As scikit-learn leaves them (a view of its solver's array): the transpose would be copied.
    assert not model.coef_.T.flags["C_CONTIGUOUS"]

    ready = sparse_ready(model)
    assert ready is model
    assert model.coef_.T.flags["C_CONTIGUOUS"]
    assert np.array_equal(model.predict_proba(features[:40]), row_major)
