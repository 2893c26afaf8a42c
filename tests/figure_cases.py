"""Cases for the figure tests (tests/js/figures.test.mjs), computed at test time.

Each section holds the settings one component receives in the book (read back from the
HTML that nnbook.live_* writes, so the slider ranges are the page's) and what nnlib or
nnbook says the figure must show:

* ``neuronBoundary``  chapter 2's neuron over the inbox: a grid over its three sliders'
  ranges and, for each point, the weight arrow's foot and tip of the Python picture
  (nnbook.live_neurons.arrow_placement);
* ``perceptron``      chapter 2's stepper: for each gate, the points nnlib's Perceptron
  gets wrong with its weights after each visit of its fit;
* ``gradientDepth``   chapter 3: f'(z)^n by nnlib for n up to the largest depth, at every
  z the slider can take;
* ``initSpread``      chapter 9: the spread per layer by nnlib for each initializer and
  activation;
* ``descentSurface``  chapter 9's bowl at the slider's largest learning rate: nnlib's
  readout from every start on a grid over the surface.
"""

from __future__ import annotations

import html
import json
import re

import numpy as np

from nnbook import live_gradients, live_neurons, live_optimization
from nnlib.neurons import Perceptron
from nnlib.optimizers import SGD

# Chapter 9's initializers (chapters/09_training.ipynb, SPREAD_SPECS) and bowl: the
# curvatures 1 and 10 turned by 30 degrees.
SPREAD_INITIALIZERS = {
    "zeros": ("zeros", None),
    "too small (std 0.01)": ("normal", 0.01),
    "too large (std 1)": ("normal", 1.0),
    "Xavier": ("xavier_normal", None),
    "He": ("he_normal", None),
}
BOWL_ANGLE_DEGREES, BOWL_CURVATURES = 30.0, (1.0, 10.0)
# slider positions per range on the neuron-boundary grid: steps of 0.1 for the weights,
# 0.25 for the bias (the sliders' own step, 0.01, would be 63 million cases)
BOUNDARY_GRID = {"w1": 26, "w2": 26, "b": 41}


def page_settings(component_html: str) -> dict:
    """The settings inside a component's HTML: what the page's mount() receives."""
    script = re.search(r'<script type="application/json">(.*?)</script>', component_html, re.S)
    return json.loads(html.unescape(script.group(1)))


def neuron_boundary_case() -> dict:
    settings = page_settings(live_neurons.neuron_boundary(as_html=True))
    axes = [
        np.round(np.linspace(*settings["ranges"][name], BOUNDARY_GRID[name]), 2)
        for name in ("w1", "w2", "b")
    ]
    arrows = []
    for w1 in axes[0]:
        for w2 in axes[1]:
            if w1 == 0 and w2 == 0:
                continue  # no boundary: the component refuses it
            for b in axes[2]:
                foot, tip, _ = live_neurons.arrow_placement(
                    settings["extent"], [w1, w2], b, settings["arrowScale"]
                )
                arrows.append([float(w1), float(w2), float(b), *foot.tolist(), *tip.tolist()])
    return {"settings": settings, "arrows": arrows}


def perceptron_case() -> dict:
    settings = page_settings(live_neurons.perceptron_steps(as_html=True))
    wrong = {}
    for gate, data in settings["gates"].items():
        X, y = np.array(data["points"], dtype=float), np.array(data["labels"])
        result = Perceptron(2, learning_rate=settings["learningRate"]).fit(
            X, y, max_epochs=settings["maxEpochs"]
        )
        states = [(result.initial_weights, result.initial_bias)]
        states += [(u.weights, u.bias) for u in result.updates]
        per_visit = []
        for weights, bias in states:
            unit = Perceptron(2)
            unit.weights, unit.bias = np.array(weights, dtype=float), float(bias)
            per_visit.append(np.flatnonzero(unit.predict(X) != y).tolist())
        wrong[gate] = per_visit
    return {"settings": settings, "wrong": wrong}


def gradient_depth_case() -> dict:
    settings = page_settings(live_gradients.gradient_depth(as_html=True))
    low, high = settings["zRange"]
    # the slider's positions: steps of 0.01, as the page rounds them
    zs = [round(low + k / 100, 2) for k in range(round((high - low) * 100) + 1)]
    deepest = settings["depthRange"][1]
    factors = []
    for z in zs:
        by_function = live_gradients.depth_factors(settings["functions"], deepest, z)
        factors.append([values.tolist() for values in by_function.values()])
    return {"settings": settings, "zs": zs, "factors": factors}


def init_spread_case() -> dict:
    settings = page_settings(live_optimization.init_spread(SPREAD_INITIALIZERS, as_html=True))
    stds = {}
    for index, spec in enumerate(settings["initializers"]):
        inputs, weights = live_optimization.spread_weights(settings, index)
        for activation in settings["activations"]:
            layers = live_optimization.spread_layers(inputs, weights, activation)
            stds[f"{spec['label']} / {activation}"] = [float(A.std()) for A in layers]
    return {"settings": settings, "stds": stds}


def descent_surface_case() -> dict:
    angle = np.deg2rad(BOWL_ANGLE_DEGREES)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    hessian = turn @ np.diag(BOWL_CURVATURES) @ turn.T
    settings = page_settings(live_optimization.descent_surface(hessian, as_html=True))
    rate = 10 ** settings["logRange"][1]  # the slider at its right end, as the page has it
    x0, x1, y0, y1 = settings["extent"]
    starts = [settings["start"]] + [
        [float(u), float(v)] for u in np.linspace(x0, x1, 11) for v in np.linspace(y0, y1, 11)
    ]
    readouts = []
    for start in starts:
        run = live_optimization.descend(SGD(rate), settings["surface"], start, settings["steps"])
        readouts.append(
            live_optimization.descent_readout(
                rate, settings["limit"], start, run, settings["steps"]
            )
        )
    return {"settings": settings, "rate": rate, "starts": starts, "readouts": readouts}


def figure_cases() -> dict:
    return {
        "neuronBoundary": neuron_boundary_case(),
        "perceptron": perceptron_case(),
        "gradientDepth": gradient_depth_case(),
        "initSpread": init_spread_case(),
        "descentSurface": descent_surface_case(),
    }
