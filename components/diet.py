"""Rasa's DIETClassifier, loaded without compiling a training step.

When Rasa loads a DIET model it first runs one training step on one example, only to create the
weights the saved ones are then loaded into, and it runs that step as a compiled TensorFlow
graph. Building that graph (forward pass, CRF entity loss and all their gradients) made loading
this project's model take 21 s on two cores and hold 630 MB, most of the Rasa server's cold
start and memory, for a step whose result is thrown away. Here:

- one eager prediction on the example Rasa keeps with the model creates every weight that
  prediction uses;
- the trained weights are loaded into them (the optimizer's state, also saved, is not needed);
- only the prediction step is compiled, before the server takes its first message, and without
  AutoGraph: its control flow depends on the configuration, never on a tensor, so plain tracing
  builds the same graph in a fraction of the time (a tensor-dependent branch would fail loudly
  here, at start-up, not silently later);
- each message runs that graph directly, without asking TensorFlow which graph fits.

Loading then takes about 2 s and 160 MB. Training, the saved model and predictions are Rasa's
own; tests/test_components.py checks that predictions equal those of Rasa's loader.
"""

from __future__ import annotations

import copy
from typing import Any

import tensorflow as tf
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.extractors.extractor import EntityTagSpec
from rasa.shared.nlu.constants import TEXT
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel
from rasa.utils.train_utils import create_data_generators


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=True,
)
class QuickLoadDIETClassifier(DIETClassifier):
    """DIETClassifier whose loading creates weights by predicting and compiles only prediction."""

    @classmethod
    def _load_model_class(
        cls,
        tf_model_file: str,
        model_data_example: RasaModelData,
        label_data: RasaModelData,
        entity_tag_specs: list[EntityTagSpec],
        config: dict[str, Any],
        finetune_mode: bool,
    ) -> RasaModel:
        if finetune_mode:
            # Further training needs Rasa's compiled training step anyway.
            return super()._load_model_class(
                tf_model_file,
                model_data_example,
                label_data,
                entity_tag_specs,
                config,
                finetune_mode,
            )
        model = cls.model_class()(
            data_signature=model_data_example.get_signature(),
            label_data=label_data,
            entity_tag_specs=entity_tag_specs,
            config=copy.deepcopy(config),
        )
        example = text_only(model_data_example)
        # One eager prediction creates every weight prediction uses (with random values)...
        model.run_eagerly = True
        model.run_inference(example)
        # ...the trained values replace them (the optimizer's state, also saved, is not needed)...
        model.load_weights(tf_model_file).expect_partial()
        # ...and the label embeddings computed from the random values are computed again.
        model.prepared_for_prediction = False
        compile_prediction(model, example)
        return model


def text_only(model_data_example: RasaModelData) -> RasaModelData:
    """The example as prediction sees it: text features only, no labels (as Rasa builds it)."""
    return RasaModelData(
        label_key=model_data_example.label_key,
        data={name: features for name, features in model_data_example.items() if TEXT in name},
    )


def compile_prediction(model: RasaModel, example: RasaModelData) -> None:
    """Compile the model's prediction step now, without AutoGraph, and call it directly.

    Eager prediction costs ~50 ms a message, compiled a few. Rasa compiles on the first call
    (`RasaModel._rasa_predict`) with the input signature below and then calls the compiled
    `tf.function` on every message, which first works out from the arguments which graph to
    run and checks them against the signature's structure: under load that took as long as
    running the graph (profiled with py-spy). The signature allows one graph only, and Rasa's
    batches always have its flat structure, so that graph is looked up once here and called
    with the batch's arrays as tensors of the signature's types (`DirectCall`).
    """
    model.run_eagerly = False
    generator, _ = create_data_generators(example, batch_sizes=1, epochs=1, shuffle=False)
    batch = next(iter(generator))[0]
    signature = model._dynamic_signature(batch)
    function = tf.function(model.predict_step, input_signature=signature, autograph=False)
    model._tf_predict_step = DirectCall(function.get_concrete_function(*signature), signature[0])
    model.run_inference(example)


class DirectCall:
    """One compiled graph, called with a flat batch of arrays as Rasa's prediction passes it."""

    def __init__(self, graph: Any, specs: list[tf.TensorSpec]) -> None:
        self.graph = graph
        self.specs = [(spec.dtype, spec.shape.rank, spec.shape[-1]) for spec in specs]

    def __call__(self, batch: tuple[Any, ...]) -> Any:
        if len(batch) != len(self.specs):
            raise ValueError(f"expected a batch of {len(self.specs)} arrays, got {len(batch)}")
        tensors = []
        for array, (dtype, rank, last) in zip(batch, self.specs, strict=True):
            if len(array.shape) != rank or (last is not None and array.shape[-1] != last):
                raise ValueError(f"batch array of shape {array.shape} does not fit the graph")
            tensors.append(tf.convert_to_tensor(array, dtype=dtype))
        # What the compiled graph's own call does after checking its arguments.
        return self.graph._call_flat(tensors, self.graph.captured_inputs)
