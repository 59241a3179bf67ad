"""Shared fixtures: the knowledge file, broken copies of it, and the running servers."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.loader import DEFAULT_KNOWLEDGE_FILE, Knowledge, KnowledgeError, load_knowledge

# The browser tests' fixtures, for every module that drives the chat page.
from tests.browser_chat import browser, chat, page_url  # noqa: F401
from tests.phrases import TwoTopics, between_two_topics
from tests.server_permit import MARKER, set_current_test
from tests.servers import Stack, running_stack

KnowledgeWriter = Callable[[Callable[[dict[str, Any]], Any]], Path]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture starts: may this test start servers (tests/server_permit.py)?"""
    set_current_test(item.nodeid, item.get_closest_marker(MARKER) is not None)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_FILE)


@pytest.fixture()
def knowledge_variant(tmp_path: Path) -> KnowledgeWriter:
    """Write a copy of the real knowledge file changed by `mutate`, with its sources beside it."""
    original = yaml.safe_load(DEFAULT_KNOWLEDGE_FILE.read_text(encoding="utf-8"))
    shutil.copytree(DEFAULT_KNOWLEDGE_FILE.parent / "sources", tmp_path / "sources")

    def write(mutate: Callable[[dict[str, Any]], Any]) -> Path:
        document = copy.deepcopy(original)
        mutate(document)
        path = tmp_path / "roles.yml"
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def agent() -> Any:
    """The trained model (models/tpm.tar.gz), loaded once, for NLU run in-process."""
    from rasa.core.agent import Agent

    from tests.servers import MODEL

    return Agent.load(MODEL)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The real action server and Rasa server, started once for the end-to-end tests."""
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="session")
def two_topics(stack: Stack, knowledge: Knowledge) -> TwoTopics:
    """A message the running assistant finds between two topics (tests/phrases.py)."""
    return between_two_topics(stack, knowledge)


def refusal_of(path: Path, key: str, problem: str) -> None:
    """Loading the knowledge file at `path` is refused at `key`, for `problem`."""
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    error = caught.value
    assert (error.path, error.key) == (path, key)
    assert problem in error.problem
