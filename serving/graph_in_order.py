"""Rasa's prediction graphs run node by node in the server's thread, without dask's scheduler.

Rasa runs its NLU and dialogue graphs (the components of config.yml) through
`DaskGraphRunner.run`, which hands them to `dask.get`: dask's synchronous scheduler, which runs
every node one after another in the calling thread, after ordering the graph, wrapping each node
in a future and firing callbacks. Profiled under load (py-spy on the Rasa server), that
bookkeeping was 9% of the server's CPU time per message, for graphs of about ten nodes run
three times per message.

Here the same graph (Rasa builds it, from the same minimal schema and the same inputs) is
evaluated directly: each target's needs first, each node once, in the calling thread, as dask's
synchronous scheduler does. Nodes get the same arguments: the `(node name, output)` pair of
each node or input they need, or the bare name of one that is not in the graph (dask passes an
unknown key through as it is; Rasa's node then warns about it). Errors propagate unchanged.
Only the Rasa server uses this (serving.rasa_seam puts `run` in place of Rasa's); training
keeps dask.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


def evaluate(graph: Mapping[Hashable, Any], targets: Sequence[Hashable]) -> list[Any]:
    """The value of each target in a dask graph of Rasa's shape: `key: (node, *needed keys)`.

    A value whose first item is not callable is a literal, as in dask: Rasa's inputs are
    `(input name, value)` pairs.
    """
    values: dict[Hashable, Any] = {}

    def value_of(key: Hashable) -> Any:
        if key in values:
            return values[key]
        if key not in graph:
            return key
        task = graph[key]
        if isinstance(task, tuple) and task and callable(task[0]):
            result = task[0](*(value_of(needed) for needed in task[1:]))
        else:
            result = task
        values[key] = result
        return result

    return [value_of(target) for target in targets]


def run(
    self: DaskGraphRunner,
    inputs: dict[str, Any] | None = None,
    targets: list[str] | None = None,
) -> dict[str, Any]:
    """`DaskGraphRunner.run`, with the graph evaluated by `evaluate` instead of `dask.get`."""
    run_targets = targets if targets else self._graph_schema.target_names
    minimal_schema = self._graph_schema.minimal_graph_schema(run_targets)
    run_graph = self._build_dask_graph(minimal_schema)
    if inputs:
        self._add_inputs_to_graph(inputs, run_graph)
    try:
        return dict(evaluate(run_graph, run_targets))
    except RuntimeError as e:
        # As Rasa's runner does with what dask raises.
        raise GraphRunError("Error running runner.") from e
