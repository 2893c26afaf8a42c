"""nnlib: the small NumPy neural-network library behind *Neural Networks from Zero*.

One concept per module, each short enough to read in one sitting:

=====================  ====================================================
``activations``        step, sigmoid, tanh, ReLU and friends, softmax
``neurons``            a single neuron, McCulloch-Pitts units, the perceptron
``initializers``       zeros, normal, Xavier/Glorot, He/Kaiming
``layers``             the dense layer (forward and backward)
``network``            a stack of dense layers trained by backpropagation
``losses``             squared error and the cross-entropies, with gradients
``regularization``     L1/L2 penalties and inverted dropout
``optimizers``         SGD, momentum, Adam
``schedules``          learning-rate schedules
``training``           the fit loop and its history
``gradcheck``          gradients against finite differences
``datasets``           seeded toy data sets and the 8x8 digits
``seeding``            seeds into random generators, one rule for all of nnlib
=====================  ====================================================

Two private modules serve the others: ``_checks`` (the input checks and their
messages) and ``_special`` (the error function behind GELU).

nnlib needs only NumPy. The book's stage (quizzes, plots, widgets, the
playground and the quiz bank) lives in the separate package ``nnbook``, which
imports nnlib; nnlib never imports it.
"""

from nnlib import (
    activations,
    datasets,
    gradcheck,
    initializers,
    layers,
    losses,
    network,
    neurons,
    optimizers,
    regularization,
    schedules,
    seeding,
    training,
)
from nnlib.activations import get_activation
from nnlib.layers import Dense
from nnlib.network import Network
from nnlib.seeding import as_generator
from nnlib.training import History, Trainer, TrainingDiverged, fit

__version__ = "0.1.0"

__all__ = [
    "Dense",
    "History",
    "Network",
    "Trainer",
    "TrainingDiverged",
    "activations",
    "as_generator",
    "datasets",
    "fit",
    "get_activation",
    "gradcheck",
    "initializers",
    "layers",
    "losses",
    "network",
    "neurons",
    "optimizers",
    "regularization",
    "schedules",
    "seeding",
    "training",
]
