"""The playground: pick a toy problem and a network, press Train, watch it learn.

A small cousin of the TensorFlow Playground, built on ``nnlib``, in three modules,
each usable without the next:

* ``engine`` — ``PlaygroundSettings`` (what to train), ``PlaygroundState`` (where a
  run stands) and ``Playground``, which trains a few epochs at a time and reports the
  losses, the decision map, the hidden units' maps and the dead units. Plain NumPy and
  ``nnlib``; trouble (a learning rate that blows up, settings that cannot work)
  becomes a ``state.message``, never an exception.
* ``pictures`` — ``decision_image``, ``loss_curve_image``, ``neuron_maps_image``,
  ``png_bytes`` and ``live_frame_png`` draw those numbers with Pillow (not matplotlib),
  quick enough for dozens of frames per second.
* ``page`` — ``page_settings`` and ``static_playground``: the live component the
  static book shows instead (book/js/components/playground.js trains in the page).
* ``view`` — ``PRESETS`` (named experiments), ``static_player`` (presets trained
  ahead of time, replayed in a page without a kernel), ``PlaygroundView`` (ipywidgets
  controls around a live engine) and ``playground()``, which picks the right face for
  where the notebook runs.

The engine's and the pictures' names are importable from here (``from nnbook.playground
import Playground``); the ipywidgets face from its own module (``from
nnbook.playground.view import playground``), so that computing with the engine — the
quiz bank does — never loads ipywidgets.
"""

# ``__all__`` below is the documented API. The other names imported here (labels, grid
# sizes, thresholds, the pictures' colours) stay importable from ``nnbook.playground``,
# as they were from the single module this package replaced; hence the noqa.
from nnbook.playground.engine import (  # noqa: F401
    ACTIVATIONS,
    BATCH_SIZES,
    DATASET_LABELS,
    DATASETS,
    DECISION_RESOLUTION,
    DIVERGED_ADVICE,
    EXPLODED_FACTOR,
    FEATURE_LABELS,
    FEATURES,
    LEARNING_RATES,
    LIMITS,
    LOSSES,
    NEURON_RESOLUTION,
    REGULARIZATION_RATES,
    REGULARIZATIONS,
    Playground,
    PlaygroundSettings,
    PlaygroundState,
)
from nnbook.playground.page import page_settings, static_playground
from nnbook.playground.pictures import (  # noqa: F401
    BLANK_RGB,
    CLASS_RGB,
    DEAD_RGB,
    FACE_RGB,
    INK_RGB,
    MUTED_RGB,
    NEGATIVE_RGB,
    POSITIVE_RGB,
    TEST_LINE,
    TRAIN_LINE,
    decision_image,
    decision_rgb,
    live_frame_png,
    loss_curve_image,
    neuron_maps_image,
    png_bytes,
)

__all__ = [
    "ACTIVATIONS",
    "BATCH_SIZES",
    "DATASETS",
    "FEATURES",
    "LEARNING_RATES",
    "LIMITS",
    "LOSSES",
    "REGULARIZATION_RATES",
    "REGULARIZATIONS",
    "Playground",
    "PlaygroundSettings",
    "PlaygroundState",
    "decision_image",
    "loss_curve_image",
    "neuron_maps_image",
    "page_settings",
    "png_bytes",
    "live_frame_png",
    "static_playground",
]
