"""serving.startup.settle_loaded_model: once the model is loaded, a full garbage collection no
longer walks it. Checked in this process, with the trained model (models/tpm.tar.gz), by the
objects the collector tracks, not by timing (the pause is measured in docs/BENCHMARKS.md)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain

from serving.processor import CarefulMessageProcessor
from tests.servers import MODEL, ROOT


@pytest.fixture()
def unfrozen_afterwards() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def walked_by_a_full_collection() -> int:
    """Objects in the oldest generation: the ones only a full collection walks."""
    return len(gc.get_objects(generation=2))


def test_loading_the_model_leaves_nothing_for_the_collector_to_walk(
    unfrozen_afterwards: None,
) -> None:
    domain = Domain.load(ROOT / "domain.yml")
    processor = CarefulMessageProcessor(
        MODEL,
        InMemoryTrackerStore(domain),
        InMemoryLockStore(),
        TemplatedNaturalLanguageGenerator(domain.responses),
    )
    assert processor.graph_runner is not None
    frozen = gc.get_freeze_count()
    walked = walked_by_a_full_collection()

    # Without the freeze, the same objects are walked by every full collection.
    gc.unfreeze()
    assert frozen > 100_000
    assert walked_by_a_full_collection() >= frozen > 20 * walked
