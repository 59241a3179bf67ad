"""The knowledge file's subjects the sources don't speak of, as YAML reads them.

`{called: overtime, on-call duty or part-time work, near: […]}` in YAML's flow style cuts the
name at the comma and makes "on-call duty or part-time work" a key of its own; the reply then
named only "overtime". The loader refuses such an entry, naming file, key and problem.
"""

from __future__ import annotations

from knowledge.loader import KnowledgeError, load_knowledge
from tests.conftest import KnowledgeWriter


def test_a_subject_name_cut_at_a_comma_is_refused(knowledge_variant: KnowledgeWriter) -> None:
    path = knowledge_variant(
        lambda d: d["uncovered"]["subjects"]["stress"].update({"on-call duty": None})
    )
    try:
        load_knowledge(path)
    except KnowledgeError as error:
        assert error.key == "uncovered.subjects.stress"
        assert "has keys other than `called` and `near` (on-call duty)" in error.problem
    else:
        raise AssertionError("a subject with a key beside `called` and `near` was accepted")
